import GRDB

/// Imports one source into one table: parses and checks every row (`RowChecker`), inserts the
/// good ones (`RowWriter`), and records every problem in the session.
///
/// On a large file the checking runs on a second thread, a batch ahead of the inserts
/// (`RowPipeline`): the import uses both cores, and gives the same result, problems in the same
/// order, as checking each row just before inserting it.
struct TableImport {
    let spec: BundleFileSpec
    let source: any RowSource
    let session: ImportSession

    func run() throws(LedgerImportError) {
        let file = source.fileName
        // Map the header onto the spec.
        var sourceIndex = [Int](repeating: -1, count: spec.columns.count)
        var labels = spec.columns.map(\.name)
        var seen: [String: Int] = [:]
        var headerOK = true
        for (k, name) in source.header.enumerated() {
            let lower = name.lowercased()
            if let first = seen[lower] {
                session.add(ImportIssue(file: file, line: 1, column: name,
                    reason: "the column appears twice in the header (fields \(first + 1) and \(k + 1)); keep one"))
                headerOK = false
                continue
            }
            seen[lower] = k
            if let j = spec.columns.firstIndex(where: { $0.name == lower }) {
                sourceIndex[j] = k
                labels[j] = source.labels[k]
            } else if !name.isEmpty {
                session.warnings.append("\(file): column \"\(source.labels[k])\" is not part of the \(spec.fileName) format; it was kept aside (not imported)")
            }
        }
        for (j, column) in spec.columns.enumerated() where column.isRequired && sourceIndex[j] < 0 {
            session.add(ImportIssue(file: file, line: 1, column: column.name,
                reason: "required column is missing from the header; add a \(column.name) column"))
            headerOK = false
        }
        guard headerOK else { return }

        if spec.name == "invoices" || spec.refersToInvoices { try session.loadInvoicesIfNeeded() }
        if spec.name == "payments" || spec.name == "adjustments" { try session.loadPaymentsIfNeeded() }
        var checker = RowChecker(spec: spec, source: source, sourceIndex: sourceIndex, labels: labels,
                                 clients: session.clients, invoices: session.invoices, clientNames: session.clientNames,
                                 ledgerCurrency: session.storedCurrency)
        let isInvoices = spec.name == "invoices", isClients = spec.name == "clients"
        // A mapped import with `createClients` adds each client invoices.csv names that the
        // store lacks, as the row is read (the check then finds it): the source field, or nil.
        let createsClientsFrom: Int? = session.createsMissingClients && isInvoices
            ? spec.columns.firstIndex { if case .clientRef = $0.kind { return true } else { return false } }
                .map { sourceIndex[$0] }.flatMap { $0 >= 0 ? $0 : nil }
            : nil
        let baseline: Int64
        do {
            baseline = try Int64.fetchOne(session.db, sql: "SELECT IFNULL(MAX(id), 0) FROM \(spec.name)") ?? 0
        } catch { throw .store(LedgerStore.reason(error)) }
        var writer = try RowWriter(spec: spec, session: session, source: source, labels: labels,
                                   sourceIndex: sourceIndex, baseline: baseline)
        // The checker runs ahead on another thread only when the maps it reads are not the
        // ones the writer fills: invoices are looked up only after invoices.csv, clients only
        // after clients.csv, and no row creates a client.
        let concurrent = createsClientsFrom == nil && !(isClients && spec.refersToClients)
            && !(isInvoices && spec.refersToInvoices)
        if concurrent {
            try RowPipeline(source: source, checker: checker).run { (batch: RowPipeline.Batch) throws(LedgerImportError) in
                for i in 0..<batch.count {
                    try writer.take(batch.records[i], cells: batch.cells[i], passed: batch.passed[i], issues: batch.issues[i])
                }
                // The batch's records go back to the reader to be refilled.
                try writer.flush()
            } failure: { (error: CSVSyntaxError) throws(LedgerImportError) in
                try Self.report(error, file: file, session: session)
            }
        } else {
            let createClient = createsClientsFrom == nil ? nil
                : try RawStatement(session.db, sql: "INSERT INTO clients (client_id) VALUES (?)")
            var record = CSVRecord()
            var cells = [Cell](repeating: .null, count: spec.columns.count)
            var issues: [ImportIssue] = []
            while true {
                do {
                    guard try source.next(&record) else { break }
                } catch {
                    try Self.report(error, file: file, session: session)
                    break
                }
                // A client id with a control character is not created: the check refuses it.
                if let k = createsClientsFrom, let createClient, record.count == source.header.count, !record.isEmpty(k),
                    ControlBytes.first(record.storage, record.range(k)) == nil, record.isValidUTF8(k),
                    session.clients.find(record.storage, record.range(k)) == nil {
                    createClient.bind(1, .text(record.range(k)), record.storage)
                    _ = try createClient.execute()
                    let id = createClient.lastInsertedID
                    let name = record.string(k)
                    session.clients.insert(name, id, 0)
                    session.clientNames[id] = name
                    session.createdClients += 1
                }
                issues.removeAll(keepingCapacity: true)
                let passed = checker.check(record, cells: &cells, issues: &issues)
                // The writer keeps the record until its group goes in; the next read then
                // fills a fresh buffer (copy on write) rather than this one.
                try writer.take(record, cells: cells, passed: passed, issues: issues)
            }
            try writer.flush()
        }
        if writer.counts.rows == 0 {
            if isInvoices {
                session.add(ImportIssue(file: file, line: 1, column: "-",
                    reason: "the file has a header but no rows; a bundle needs at least one invoice"))
            } else {
                session.warnings.append("\(file): the file has a header but no rows")
            }
        }
        session.files.append(writer.counts)
    }

    /// A file that stops parsing: its problems go to the session (reading stops there), or the
    /// error is thrown when it names none.
    static func report(_ error: CSVSyntaxError, file: String, session: ImportSession) throws(LedgerImportError) {
        let converted = LedgerImportError.from(error, fileName: file)
        for issue in converted.issues { session.add(issue) }
        if converted.issues.isEmpty { throw converted }
    }
}
extension BundleFileSpec {
    /// Two day columns that must be in order, and what to do otherwise.
    var orderedPair: (Int, Int, String)? {
        switch name {
        case "invoices": return (2, 3, "the due date cannot be before the issue date")
        case "promises": return (1, 2, "a promise is to pay on or after the day it is made")
        case "disputes": return (1, 2, "a dispute is resolved on or after the day it opens")
        default: return nil
        }
    }

    /// Whether any column refers to clients, or to invoices.
    var refersToClients: Bool { columns.contains { if case .clientRef = $0.kind { return true } else { return false } } }
    var refersToInvoices: Bool { columns.contains { if case .invoiceRef = $0.kind { return true } else { return false } } }

    /// The natural key's column names, for messages.
    var keyColumnNames: String {
        keyColumns.map { columns[$0].name }.joined(separator: ", ")
    }
}

