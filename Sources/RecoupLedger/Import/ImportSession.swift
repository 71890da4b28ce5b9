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
    /// The currency of the invoices stored before this import (the first stored invoice's);
    /// nil when the store has none. Set with the invoices.
    var storedCurrency: String?
    /// Per invoice, indexed by internal id (ids are the table's dense row ids): its amount,
    /// issue day and the payments applied to it, stored and imported so far, so that each
    /// applied payment is checked against what the invoice is owed with two array reads.
    var invoiceAmount: [Int64] = []
    var invoiceIssued: [Int32] = []
    var invoicePaid: [Int64] = []
    var paymentsLoaded = false
    /// Create unknown clients from invoices (a bundle without clients.csv).
    var createsMissingClients = false
    var createdClients = 0
    var issues: [ImportIssue] = []
    var moreIssues = 0
    var warnings: [String] = []
    var files: [ImportReport.FileCounts] = []
    var dropped: [ImportReport.DroppedRows] = []
    var notes: [String] = []
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
        let largest = (try? Int.fetchOne(db, sql: "SELECT IFNULL(MAX(id), 0) FROM invoices")) ?? 0
        invoiceAmount = [Int64](repeating: 0, count: largest + 1)
        invoiceIssued = [Int32](repeating: 0, count: largest + 1)
        invoicePaid = [Int64](repeating: 0, count: largest + 1)
        let statement = try RawStatement(db, sql: "SELECT invoice_id, id, client, amount, issued_on FROM invoices ORDER BY id")
        while try statement.step() {
            let id = statement.int64(1)
            invoices.insert(statement.text(0) ?? "", id, statement.int64(2))
            if storedCurrency == nil {
                storedCurrency = (try? String.fetchOne(db, sql: "SELECT currency FROM invoices WHERE id = ?", arguments: [id])) ?? "USD"
            }
            noteInvoice(id, amount: statement.int64(3), issued: statement.int64(4))
        }
    }

    /// Records invoice `id`'s amount and issue day (ordinal) for the payment checks.
    func noteInvoice(_ id: Int64, amount: Int64, issued: Int64) {
        guard id >= 0, id < Int64(Int32.max) else { return }
        let index = Int(id)
        if index >= invoiceAmount.count {
            let count = max(index + 1, invoiceAmount.count * 2)
            invoiceAmount += [Int64](repeating: 0, count: count - invoiceAmount.count)
            invoiceIssued += [Int32](repeating: 0, count: count - invoiceIssued.count)
            invoicePaid += [Int64](repeating: 0, count: count - invoicePaid.count)
        }
        invoiceAmount[index] = amount
        invoiceIssued[index] = Int32(clamping: issued)
    }

    /// Adds the stored payments applied to each invoice, and its stored credit notes, to
    /// `invoicePaid` (once per import, before payments.csv or adjustments.csv; call
    /// `loadInvoicesIfNeeded` first): together they may not exceed the invoice's amount.
    func loadPaymentsIfNeeded() throws(LedgerImportError) {
        guard !paymentsLoaded else { return }
        paymentsLoaded = true
        let statement = try RawStatement(db, sql: """
            SELECT invoice, amount FROM payments WHERE invoice IS NOT NULL
            UNION ALL SELECT invoice, amount FROM adjustments WHERE kind = 'credit_note'
            """)
        while try statement.step() {
            let invoice = Int(clamping: statement.int64(0))
            guard invoice >= 0, invoice < invoicePaid.count else { continue }
            let (sum, overflow) = invoicePaid[invoice].addingReportingOverflow(statement.int64(1))
            invoicePaid[invoice] = overflow ? Int64.max : sum
        }
    }
}
