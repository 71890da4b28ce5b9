import GRDB

/// The state of one import, inside its single write transaction: the reference maps, the
/// problems found so far, the warnings and the counts.
final class ImportSession {
    let db: Database
    /// client_id bytes → (internal id, unused).
    var clients = KeyMap()
    /// internal client id → client_id (for messages).
    var clientNames: [Int64: String] = [:]
    /// invoice_id bytes → (internal id, internal client id).
    var invoices = KeyMap()
    var invoicesLoaded = false
    /// Create unknown clients from invoices (a bundle without clients.csv).
    var createsMissingClients = false
    var createdClients = 0
    var issues: [ImportIssue] = []
    var moreIssues = 0
    var warnings: [String] = []
    var files: [ImportReport.FileCounts] = []
    let progress: ((String, Int) -> Void)?

    init(db: Database, progress: ((String, Int) -> Void)?) throws(LedgerImportError) {
        self.db = db
        self.progress = progress
        let statement = try RawStatement(db, sql: "SELECT client_id, id FROM clients")
        while try statement.step() {
            let name = statement.text(0) ?? ""
            let id = statement.int64(1)
            clients.insert(name, id, 0)
            clientNames[id] = name
        }
    }

    func add(_ issue: ImportIssue) {
        if issues.count < LedgerImporter.issueLimit { issues.append(issue) } else { moreIssues += 1 }
    }

    var hasIssues: Bool { !issues.isEmpty }

    func loadInvoicesIfNeeded() throws(LedgerImportError) {
        guard !invoicesLoaded else { return }
        invoicesLoaded = true
        let count = (try? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices")) ?? 0
        invoices = KeyMap(capacity: count + 65_536)
        let statement = try RawStatement(db, sql: "SELECT invoice_id, id, client FROM invoices")
        while try statement.step() {
            invoices.insert(statement.text(0) ?? "", statement.int64(1), statement.int64(2))
        }
    }
}
