import GRDB

/// The state of one import, inside its single write transaction: the reference maps, the
/// problems found so far, the warnings and the counts.
final class ImportSession {
    let db: Database
    /// client_id → internal id.
    var clients: [String: Int64] = [:]
    /// internal client id → client_id (for messages).
    var clientNames: [Int64: String] = [:]
    /// invoice_id → (internal id, internal client id).
    var invoices: [String: (id: Int64, client: Int64)] = [:]
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
            clients[name] = id
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
        invoices.reserveCapacity(count + 1_000_000)
        let statement = try RawStatement(db, sql: "SELECT invoice_id, id, client FROM invoices")
        while try statement.step() {
            invoices[statement.text(0) ?? ""] = (statement.int64(1), statement.int64(2))
        }
    }
}

/// Imports one source into one table: parses and checks every row, inserts the good ones,
/// and records every problem in the session.
struct TableImport {
    let spec: BundleFileSpec
    let source: any RowSource
    let session: ImportSession

    // swiftlint:disable:next cyclomatic_complexity function_body_length
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

        let needsInvoices = spec.name == "invoices" || spec.columns.contains { if case .invoiceRef = $0.kind { return true } else { return false } }
        if needsInvoices { try session.loadInvoicesIfNeeded() }

        let insert = try RawStatement(session.db, sql: spec.insertSQL)
        let existing = try RawStatement(session.db, sql: spec.selectExistingSQL)
        let createClient = try RawStatement(session.db, sql: "INSERT INTO clients (client_id) VALUES (?)")
        let baseline: Int64
        do {
            baseline = try Int64.fetchOne(session.db, sql: "SELECT IFNULL(MAX(id), 0) FROM \(spec.name)") ?? 0
        } catch { throw .store(LedgerStore.reason(error)) }
        // Bulk load: into an empty table, build the secondary indexes once at the end (a sort)
        // instead of row by row. Same definitions, same transaction: a rollback restores them.
        var deferredIndexes: [String] = []
        if baseline == 0 {
            do {
                let indexes = try Row.fetchAll(session.db, sql: """
                    SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
                    ORDER BY name
                    """, arguments: [spec.name])
                for index in indexes {
                    let name: String = index[0]
                    deferredIndexes.append(index[1])
                    try session.db.execute(sql: "DROP INDEX \(name)")
                }
            } catch { throw .store(LedgerStore.reason(error)) }
        }
        var insertedLines: [Int32] = []
        var counts = ImportReport.FileCounts(file: file, table: spec.name, rows: 0, inserted: 0, unchanged: 0)
        var record = CSVRecord()
        var cells = [Cell](repeating: .null, count: spec.columns.count)
        let tokens: [DateFormat.Token]
        if case .pattern(let p) = source.dateFormat { tokens = DateFormat.tokens(p) } else { tokens = [] }
        let keyIndex = spec.keyColumns[0]
        let isClients = spec.name == "clients", isInvoices = spec.name == "invoices",
            isPayments = spec.name == "payments"

        while true {
            do {
                guard try source.next(&record) else { break }
            } catch {
                let converted = LedgerImportError.from(error, fileName: file)
                for issue in converted.issues { session.add(issue) }
                if converted.issues.isEmpty { throw converted }
                break
            }
            counts.rows += 1
            if counts.rows % 100_000 == 0 { session.progress?(file, counts.rows) }
            let line = record.line
            guard record.count == source.header.count else {
                session.add(ImportIssue(file: file, line: line, column: "-",
                    reason: "the row has \(record.count) fields but the header has \(source.header.count); quote fields that contain commas"))
                continue
            }
            var rowOK = true
            var invoiceClient: Int64? = nil
            var invoiceName = ""
            func fail(_ j: Int, _ reason: String) {
                session.add(ImportIssue(file: file, line: line, column: labels[j], reason: reason))
                rowOK = false
            }
            for j in 0..<spec.columns.count {
                let column = spec.columns[j]
                let k = sourceIndex[j]
                let empty = record.isEmpty(k)
                let r = k >= 0 ? record.range(k) : 0..<0
                if empty {
                    if column.isRequired {
                        fail(j, "is empty; a value is required")
                        continue
                    }
                    switch column.kind {
                    case .integer(_, let value?): cells[j] = .int(value)
                    case .boolean: cells[j] = .int(0)
                    case .vocabulary(_, let value?): cells[j] = .constant(value)
                    case .currency: cells[j] = .constant("USD")
                    default: cells[j] = .null
                    }
                    continue
                }
                switch column.kind {
                case .key, .text:
                    guard record.isValidUTF8(k) else { fail(j, "is not valid UTF-8 text; save the file as UTF-8"); continue }
                    cells[j] = .text(r)
                case .day(let allowTime):
                    switch DayBytes.parse(record.storage, r, format: source.dateFormat, tokens: tokens, allowTime: allowTime) {
                    case .success(let day): cells[j] = .int(Int64(day.ordinal))
                    case .failure(.malformed):
                        fail(j, "\(quoted(record, k)) is not a date of the form \(source.dateFormat)\(allowTime && source.dateFormat == .iso ? " (or an ISO date-time)" : "")")
                    case .failure(.nonexistent):
                        fail(j, "\(quoted(record, k)) is not a day of the calendar")
                    }
                case .money(let positive):
                    switch MoneyBytes.parse(record.storage, r, decimalSeparator: source.decimalSeparator) {
                    case .success(let money):
                        if positive && money.minorUnits <= 0 {
                            fail(j, "\(quoted(record, k)) must be greater than 0")
                        } else {
                            cells[j] = .int(money.minorUnits)
                        }
                    case .failure(let error):
                        fail(j, error.description + (error == .malformed("") ? "" : ""))
                    }
                case .integer(let range, _):
                    if let value = Int64(record.string(k)), range.contains(value) {
                        cells[j] = .int(value)
                    } else {
                        fail(j, "\(quoted(record, k)) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                    }
                case .number(let range, let openLower):
                    let text = record.string(k)
                    if let value = Double(text), value.isFinite, range.contains(value),
                        !(openLower && value == range.lowerBound), text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }) {
                        cells[j] = .real(value)
                    } else {
                        let bounds = openLower ? "in (\(fmt(range.lowerBound)), \(fmt(range.upperBound))]"
                            : "from \(fmt(range.lowerBound)) to \(fmt(range.upperBound))"
                        fail(j, "\(quoted(record, k)) is not a number \(bounds)")
                    }
                case .boolean:
                    switch record.string(k).lowercased() {
                    case "true", "1": cells[j] = .int(1)
                    case "false", "0": cells[j] = .int(0)
                    default: fail(j, "\(quoted(record, k)) is not true or false")
                    }
                case .vocabulary(let words, _):
                    if words.contains(where: { $0.utf8.elementsEqual(record.storage[r]) }) {
                        cells[j] = .text(r)
                    } else {
                        fail(j, "\(quoted(record, k)) is not one of \(words.joined(separator: ", "))")
                    }
                case .currency:
                    let bytes = record.storage[r]
                    if bytes.count == 3, bytes.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
                        cells[j] = .text(r)
                    } else {
                        fail(j, "\(quoted(record, k)) is not an ISO 4217 currency code such as USD")
                    }
                case .clientRef:
                    let name = record.string(k)
                    if let id = session.clients[name] {
                        cells[j] = .int(id)
                    } else if session.createsMissingClients && isInvoices {
                        createClient.bind(1, .text(r), record.storage)
                        _ = try createClient.execute()
                        let id = createClient.lastInsertedID
                        session.clients[name] = id
                        session.clientNames[id] = name
                        session.createdClients += 1
                        cells[j] = .int(id)
                    } else {
                        fail(j, "unknown client \(quoted(record, k)): it is neither in clients.csv nor in the store; add it to clients.csv")
                    }
                case .invoiceRef:
                    let name = record.string(k)
                    if let ref = session.invoices[name] {
                        cells[j] = .int(ref.id)
                        invoiceClient = ref.client
                        invoiceName = name
                    } else {
                        fail(j, "unknown invoice \(quoted(record, k)): it is neither in invoices.csv nor in the store")
                    }
                }
            }
            guard rowOK else { continue }
            // Rules across columns.
            if let (a, b, message) = spec.orderedPair, case .int(let first) = cells[a], case .int(let second) = cells[b],
                second < first {
                fail(b, "\(Day(ordinal: Int(second)).iso) is before \(spec.columns[a].name) \(Day(ordinal: Int(first)).iso); \(message)")
                continue
            }
            if isPayments, let invoiceClient, case .int(let payer) = cells[1], payer != invoiceClient,
                let j = spec.index(of: "invoice_id") {
                fail(j, "invoice \"\(invoiceName)\" belongs to client \"\(session.clientNames[invoiceClient] ?? "?")\", not to the paying client \"\(session.clientNames[payer] ?? "?")\"; apply the payment to one of that client's invoices or leave invoice_id empty")
                continue
            }
            // Insert, or explain the conflict.
            let changed: Int
            do { changed = try insert.execute(cells, record.storage) } catch {
                fail(keyIndex, "the store refused the row (\(error))")
                continue
            }
            if changed == 1 {
                counts.inserted += 1
                insertedLines.append(Int32(clamping: line))
                if isClients || isInvoices {
                    let id = insert.lastInsertedID
                    let name = record.string(sourceIndex[keyIndex])
                    if isClients {
                        session.clients[name] = id
                        session.clientNames[id] = name
                    } else if case .int(let client) = cells[1] {
                        session.invoices[name] = (id, client)
                    }
                }
                continue
            }
            for (n, j) in spec.keyColumns.enumerated() { existing.bind(Int32(n + 1), cells[j], record.storage) }
            guard try existing.step() else {
                existing.reset()
                fail(keyIndex, "the store refused the row without saying why")
                continue
            }
            let existingID = existing.int64(0)
            var difference: (Int, StoredValue)? = nil
            for j in 0..<cells.count {
                let stored = existing.value(Int32(j + 1))
                if !same(stored, cells[j], record.storage) { difference = (j, stored); break }
            }
            existing.reset()
            let keyText = spec.keyColumns.map { quoted(record, sourceIndex[$0]) }.joined(separator: ", ")
            if existingID > baseline {
                if source.allowsIdenticalDuplicates && difference == nil { counts.unchanged += 1; continue }
                let index = Int(existingID - baseline - 1)
                let first = index < insertedLines.count ? " (first on line \(insertedLines[index]))" : ""
                if let (j, _) = difference, source.allowsIdenticalDuplicates {
                    fail(j, "\(spec.keyColumnNames) \(keyText) appears again\(first) with a different \(labels[j]); rows with the same key must agree")
                } else {
                    fail(keyIndex, "duplicate \(spec.keyColumnNames) \(keyText) within the file\(first); each key may appear once")
                }
            } else if let (j, stored) = difference {
                fail(j, "\(spec.keyColumnNames) \(keyText) is already in the store with \(labels[j]) \(describe(stored, spec.columns[j])), here \(describe(cells[j], spec.columns[j], record)); the same key must keep the same content (give the changed row a new key)")
            } else {
                counts.unchanged += 1
            }
        }
        do {
            for sql in deferredIndexes { try session.db.execute(sql: sql) }
        } catch { throw .store(LedgerStore.reason(error)) }
        if counts.rows == 0 {
            if isInvoices {
                session.add(ImportIssue(file: file, line: 1, column: "-",
                    reason: "the file has a header but no rows; a bundle needs at least one invoice"))
            } else {
                session.warnings.append("\(file): the file has a header but no rows")
            }
        }
        session.files.append(counts)
    }

    private func fmt(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private func quoted(_ record: CSVRecord, _ k: Int) -> String {
        let text = record.string(k)
        return "\"" + (text.count <= 40 ? text : String(text.prefix(37)) + "…") + "\""
    }

    private func same(_ stored: StoredValue, _ cell: Cell, _ bytes: [UInt8]) -> Bool {
        switch (stored, cell) {
        case (.null, .null): return true
        case (.int(let a), .int(let b)): return a == b
        case (.real(let a), .real(let b)): return a == b
        case (.int(let a), .real(let b)): return Double(a) == b
        case (.text(let a), .text(let r)): return a.elementsEqual(bytes[r])
        case (.text(let a), .constant(let s)): return a.elementsEqual(s.utf8)
        default: return false
        }
    }

    private func describe(_ stored: StoredValue, _ column: ColumnSpec) -> String {
        switch stored {
        case .null: return "empty"
        case .int(let v): return describeInt(v, column)
        case .real(let v): return fmt(v)
        case .text(let bytes): return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        }
    }

    private func describe(_ cell: Cell, _ column: ColumnSpec, _ record: CSVRecord) -> String {
        switch cell {
        case .null: return "empty"
        case .int(let v): return describeInt(v, column)
        case .real(let v): return fmt(v)
        case .text(let r): return "\"" + String(decoding: record.storage[r], as: UTF8.self) + "\""
        case .constant(let s): return "\"" + s + "\""
        }
    }

    private func describeInt(_ v: Int64, _ column: ColumnSpec) -> String {
        switch column.kind {
        case .day: return Day(ordinal: Int(v)).iso
        case .money: return Money(minorUnits: v).decimalString
        case .clientRef: return "\"" + (session.clientNames[v] ?? "?") + "\""
        case .invoiceRef: return "another invoice"
        case .boolean: return v == 1 ? "true" : "false"
        default: return String(v)
        }
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

    /// The natural key's column names, for messages.
    var keyColumnNames: String {
        keyColumns.map { columns[$0].name }.joined(separator: ", ")
    }
}

