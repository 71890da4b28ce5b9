import GRDB
import RecoupPolicy

/// Inserts one table's checked rows and explains the ones the store refuses: a key repeated
/// within the file, or a key already in the store with other content. Runs on the thread that
/// holds the write transaction, and is the only writer of the session's problems, counts and
/// reference maps while a table is imported, so they come out in line order however the rows
/// were checked.
///
/// Rows go in `rowsPerInsert` at a time, one multi-row `INSERT` each: SQLite's per-statement
/// work (starting the statement, opening and closing its cursors, halting) then falls on 32
/// rows instead of one, which halves the store's share of a bulk load. When such an insert
/// skips a row (its key is stored already) or the store refuses one, the rows it did insert are
/// deleted again (they are the table's last rows); the group's keys are then looked up in one
/// statement, the rows found are counted or explained, and the others go in one at a time, so
/// ids, counts and messages are exactly those of row-by-row inserts.
struct RowWriter {
    /// Rows per multi-row insert (measured: 1 → 32 rows halves SQLite's time per row; more
    /// gains nothing).
    static let rowsPerInsert = 32
    let spec: BundleFileSpec
    let session: ImportSession
    let file: String
    let labels: [String]
    let sourceIndex: [Int]
    let allowsIdenticalDuplicates: Bool
    /// Statements: one row, a group of `rowsPerInsert`; the stored rows under one key, under
    /// a group's keys; the rows after an id.
    let insertRow: RawStatement
    let insertRows: RawStatement
    let lookUpRow: RawStatement
    let lookUpRows: RawStatement
    let deleteAfter: RawStatement
    /// The table's largest id before this file: ids above it were inserted from this file.
    let baseline: Int64
    var insertedLines: [Int32] = []
    /// Checked rows not inserted yet (at most `rowsPerInsert`), with their records' bytes.
    private var pendingRecords: [CSVRecord] = []
    private var pendingCells: [[Cell]] = []
    var counts: ImportReport.FileCounts
    let keyIndex: Int
    let isClients: Bool
    let isInvoices: Bool
    let isPayments: Bool
    /// The adjustments table's `kind` column (nil for other tables): a credit note settles
    /// part of its invoice as a payment does, so the two are checked together.
    let creditKindColumn: Int?
    /// Spec columns: the amount (nil for tables without one), the day a payment is received,
    /// the invoice a payment is applied to, the day an invoice is issued.
    let amountColumn: Int?
    let dayColumn: Int
    let invoiceColumn: Int
    /// The table's total amount: stored before this import plus every row inserted, held to
    /// `LedgerLimits.maxTableTotalMinorUnits`; reported once when a row takes it over.
    private var tableTotal: Int64 = 0
    private var totalReported = false
    /// For each stored row (by id, up to `baseline`) found unchanged in this file, the line
    /// it was on (0 = not met): a second identical row is a duplicate within the file even
    /// though the store already holds it. Allocated at the first unchanged row.
    private var unchangedLines: [Int32] = []

    init(spec: BundleFileSpec, session: ImportSession, source: any RowSource, labels: [String], sourceIndex: [Int],
         baseline: Int64) throws(LedgerImportError) {
        self.spec = spec
        self.session = session
        file = source.fileName
        self.labels = labels
        self.sourceIndex = sourceIndex
        allowsIdenticalDuplicates = source.allowsIdenticalDuplicates
        insertRow = try RawStatement(session.db, sql: spec.insertSQL())
        insertRows = try RawStatement(session.db, sql: spec.insertSQL(rows: Self.rowsPerInsert))
        lookUpRow = try RawStatement(session.db, sql: spec.selectExistingSQL(rows: 1))
        lookUpRows = try RawStatement(session.db, sql: spec.selectExistingSQL(rows: Self.rowsPerInsert))
        deleteAfter = try RawStatement(session.db, sql: "DELETE FROM \(spec.name) WHERE id > ?")
        self.baseline = baseline
        counts = ImportReport.FileCounts(file: file, table: spec.name, rows: 0, inserted: 0, unchanged: 0)
        keyIndex = spec.keyColumns[0]
        isClients = spec.name == "clients"
        isInvoices = spec.name == "invoices"
        isPayments = spec.name == "payments"
        amountColumn = spec.index(of: "amount")
        creditKindColumn = spec.name == "adjustments" ? spec.index(of: "kind") : nil
        dayColumn = spec.index(of: isPayments ? "received_on" : "issued_on") ?? 0
        invoiceColumn = spec.index(of: "invoice_id") ?? 0
        if amountColumn != nil {
            do {
                tableTotal = try Int64.fetchOne(session.db, sql: "SELECT IFNULL(SUM(amount), 0) FROM \(spec.name)") ?? 0
            } catch {
                tableTotal = Int64.max  // SQLite's sum overflowed: the stored total is past any bound
            }
        }
        pendingRecords.reserveCapacity(Self.rowsPerInsert)
        pendingCells.reserveCapacity(Self.rowsPerInsert)
    }

    /// Takes one record: records the problems its check found, and queues it for insertion when
    /// it passed. Call `flush()` before the record's bytes are reused and at the end.
    mutating func take(_ record: CSVRecord, cells: [Cell], passed: Bool, issues: [ImportIssue]) throws(LedgerImportError) {
        counts.rows += 1
        if counts.rows % 100_000 == 0 { session.progress?(file, counts.rows) }
        if !issues.isEmpty {
            // Problems in line order: the queued rows' conflicts come first.
            try flush()
            for issue in issues { session.add(issue) }
        }
        guard passed else { return }
        pendingRecords.append(record)
        pendingCells.append(cells)
        if pendingRecords.count == Self.rowsPerInsert { try flush() }
    }

    /// Inserts the queued rows.
    mutating func flush() throws(LedgerImportError) {
        defer {
            pendingRecords.removeAll(keepingCapacity: true)
            pendingCells.removeAll(keepingCapacity: true)
        }
        if pendingRecords.count == Self.rowsPerInsert {
            try insertGroup()
        } else {
            for k in pendingRecords.indices { try insertOne(pendingRecords[k], cells: pendingCells[k]) }
        }
    }

    /// Inserts a full group of queued rows in one statement; when it skips or is refused a row,
    /// takes the rows it inserted back out and goes row by row.
    private mutating func insertGroup() throws(LedgerImportError) {
        let n = pendingRecords.count
        let changed: Int?
        do { changed = try insertRows.execute(rows: pendingCells, records: pendingRecords) } catch {
            // SQLite undid the whole transaction: stop here, nothing is left to keep.
            guard insertRows.isInsideTransaction else { throw error }
            changed = nil  // a refused statement inserted none
        }
        let last = insertRows.lastInsertedID
        if changed == n {
            for k in 0..<n { inserted(pendingRecords[k], cells: pendingCells[k], id: last - Int64(n - 1 - k)) }
            return
        }
        // Undo the rows inserted (ids last - changed + 1 … last, the table's largest).
        if let changed, changed > 0 {
            deleteAfter.bind(1, .int(last - Int64(changed)), [])
            _ = try deleteAfter.execute()
        }
        // Look all the keys up at once (a re-import finds most of them); explain the rows
        // found, insert the others one by one in line order (a key repeated within the group
        // is then found by the second row's own insert).
        let found = try stored(lookUpRows, rows: pendingCells, records: pendingRecords)
        for k in 0..<n {
            if let stored = found[k] {
                explain(pendingRecords[k], cells: pendingCells[k], stored: stored)
            } else {
                try insertOne(pendingRecords[k], cells: pendingCells[k])
            }
        }
    }

    /// Records an inserted row: its line, its id in the reference maps, its amount in the
    /// table's total and, for an applied payment, in what its invoice has been paid.
    private mutating func inserted(_ record: CSVRecord, cells: [Cell], id: Int64) {
        counts.inserted += 1
        insertedLines.append(Int32(clamping: record.line))
        if let j = amountColumn, case .int(let amount) = cells[j] { addToTotal(amount, record, j) }
        if isPayments { checkApplied(record, cells: cells) }
        if let k = creditKindColumn, case .text(let r) = cells[k], record.storage[r].elementsEqual("credit_note".utf8) {
            checkCredited(record, cells: cells)
        }
        guard isClients || isInvoices else { return }
        let keyRange = record.range(sourceIndex[keyIndex])
        if isClients {
            session.clients.insert(record.storage, keyRange, id, 0)
            session.clientNames[id] = record.string(sourceIndex[keyIndex])
        } else if case .int(let client) = cells[1] {
            session.invoices.insert(record.storage, keyRange, id, client)
            if let j = amountColumn, case .int(let amount) = cells[j], case .int(let issued) = cells[dayColumn] {
                session.noteInvoice(id, amount: amount, issued: issued)
            }
        }
    }

    /// Adds an inserted row's amount to the table's total; the row that takes the total over
    /// `LedgerLimits.maxTableTotalMinorUnits` is reported (once per file).
    private mutating func addToTotal(_ amount: Int64, _ record: CSVRecord, _ j: Int) {
        let (sum, overflow) = tableTotal.addingReportingOverflow(amount)
        tableTotal = overflow ? Int64.max : sum
        guard tableTotal > LedgerLimits.maxTableTotalMinorUnits, !totalReported else { return }
        totalReported = true
        let total = tableTotal == Int64.max ? "more than \(groupedAmount(Int64.max))" : groupedAmount(tableTotal)
        report(record, j, "with this row the \(spec.name) table's total amount would be \(total), over the largest total Recoup accepts for one table, \(groupedAmount(LedgerLimits.maxTableTotalMinorUnits)), which every report must be able to sum; split the ledger into several stores")
    }

    /// Checks an inserted payment applied to an invoice: received on or after the invoice was
    /// issued, and not paying the invoice more than its amount (payments stored and imported
    /// so far included). The problem is reported; the whole import is then refused.
    private mutating func checkApplied(_ record: CSVRecord, cells: [Cell]) {
        guard case .int(let invoice) = cells[invoiceColumn], invoice >= 0, invoice < Int64(session.invoicePaid.count),
            let j = amountColumn, case .int(let amount) = cells[j], case .int(let received) = cells[dayColumn]
        else { return }
        let index = Int(invoice)
        let issued = Int64(session.invoiceIssued[index])
        if received < issued {
            report(record, dayColumn, "\(Day(ordinal: Int(received)).iso) is before invoice \(invoiceText(record)) was issued (\(Day(ordinal: Int(issued)).iso)); a payment cannot settle an invoice not yet issued: record a prepayment as an unapplied payment with an empty invoice_id")
            return
        }
        guard let excess = settle(index, amount) else { return }
        report(record, j, "\(groupedAmount(amount)) would pay invoice \(invoiceText(record)) (\(excess.context)) \(groupedAmount(excess.amount)) more than it is owed; record the excess as an unapplied payment with an empty invoice_id")
    }

    /// Checks an inserted credit note: with the payments applied to its invoice and its other
    /// credit notes (stored and imported so far) it may not exceed the invoice's amount, or
    /// the excess would vanish from every balance. Reported; the import is then refused.
    private mutating func checkCredited(_ record: CSVRecord, cells: [Cell]) {
        guard case .int(let invoice) = cells[invoiceColumn], invoice >= 0, invoice < Int64(session.invoicePaid.count),
            let j = amountColumn, case .int(let amount) = cells[j]
        else { return }
        guard let excess = settle(Int(invoice), amount) else { return }
        report(record, j, "a credit note of \(groupedAmount(amount)) on invoice \(invoiceText(record)) (\(excess.context)) would settle \(groupedAmount(excess.amount)) more than it is owed; credit at most the open balance, or record a refund separately")
    }

    /// Adds `amount` to what invoice `index` has been paid or credited; nil while that stays
    /// within its amount, otherwise the excess and the invoice's amount and what was settled
    /// before, as messages quote them (`500.50, 50.50 already paid or credited`).
    private func settle(_ index: Int, _ amount: Int64) -> (amount: Int64, context: String)? {
        let before = session.invoicePaid[index]
        let (settled, overflow) = before.addingReportingOverflow(amount)
        session.invoicePaid[index] = overflow ? Int64.max : settled
        let owed = session.invoiceAmount[index]
        guard overflow || settled > owed else { return nil }
        let already = before > 0 ? ", \(groupedAmount(min(before, owed))) already paid or credited" : ""
        let excess = overflow ? amount : settled - max(before, owed)
        return (min(excess, amount), groupedAmount(owed) + already)
    }

    /// The invoice id a payment names, as messages quote it.
    private func invoiceText(_ record: CSVRecord) -> String {
        TerminalText.escaped(record.string(sourceIndex[invoiceColumn]))
    }

    /// Inserts one row, or explains why the store kept it out.
    private mutating func insertOne(_ record: CSVRecord, cells: [Cell]) throws(LedgerImportError) {
        let changed: Int
        do { changed = try insertRow.execute(cells, record.storage) } catch {
            guard insertRow.isInsideTransaction else { throw error }
            report(record, keyIndex, "the store refused the row (\(error))")
            return
        }
        if changed == 1 {
            inserted(record, cells: cells, id: insertRow.lastInsertedID)
        } else if let stored = try stored(lookUpRow, rows: [cells], records: [record])[0] {
            explain(record, cells: cells, stored: stored)
        } else {
            report(record, keyIndex, "the store refused the row without saying why")
        }
    }

    /// A stored row with a new row's key: its id, and the first column where it differs from
    /// the new row with the stored value (nil when the rows agree).
    struct StoredMatch {
        let id: Int64
        let difference: (Int, StoredValue)?
    }

    /// What the store holds under each of `rows`' keys (nil where nothing), looked up with
    /// `statement`, made by `selectExistingSQL(rows:)` for that many rows. Each stored row is
    /// compared with its new row where it is read; a value is copied out only where they differ.
    private func stored(_ statement: RawStatement, rows cells: [[Cell]], records: [CSVRecord]) throws(LedgerImportError) -> [StoredMatch?] {
        var found = [StoredMatch?](repeating: nil, count: cells.count)
        try statement.query(rows: cells, columns: spec.keyColumns, records: records) { row in
            // Columns: the key's position, the id, then the spec's columns.
            let k = Int(row.int64(0))
            let differs = cells[k].indices.first { !row.columnEquals(Int32(2 + $0), cells[k][$0], records[k].storage) }
            found[k] = StoredMatch(id: row.int64(1), difference: differs.map { ($0, row.value(Int32(2 + $0))) })
        }
        return found
    }

    /// Records a problem of `record` in column `j`.
    private func report(_ record: CSVRecord, _ j: Int, _ reason: String) {
        session.add(ImportIssue(file: file, line: record.line, column: labels[j], reason: reason))
    }

    /// Counts or explains a row whose key is stored already: unchanged, repeated within the
    /// file, or changed.
    private mutating func explain(_ record: CSVRecord, cells: [Cell], stored: StoredMatch) {
        func fail(_ j: Int, _ reason: String) { report(record, j, reason) }
        var keyText: String { spec.keyColumns.map { quoted(record, sourceIndex[$0]) }.joined(separator: ", ") }
        if stored.id > baseline {
            if allowsIdenticalDuplicates && stored.difference == nil { counts.unchanged += 1; return }
            let index = Int(stored.id - baseline - 1)
            let first = index < insertedLines.count ? " (first on line \(insertedLines[index]))" : ""
            if let (j, _) = stored.difference, allowsIdenticalDuplicates {
                fail(j, "\(spec.keyColumnNames) \(keyText) appears again\(first) with a different \(labels[j]); rows with the same key must agree")
            } else {
                fail(keyIndex, "duplicate \(spec.keyColumnNames) \(keyText) within the file\(first); each key may appear once")
            }
        } else if let (j, value) = stored.difference {
            fail(j, "\(spec.keyColumnNames) \(keyText) is already in the store with \(labels[j]) \(describe(value, spec.columns[j])), here \(describe(cells[j], spec.columns[j], record)); the same key must keep the same content (give the changed row a new key)")
        } else {
            if !allowsIdenticalDuplicates, stored.id >= 0, stored.id <= baseline {
                if unchangedLines.isEmpty { unchangedLines = [Int32](repeating: 0, count: Int(baseline) + 1) }
                let first = unchangedLines[Int(stored.id)]
                if first != 0 {
                    fail(keyIndex, "duplicate \(spec.keyColumnNames) \(keyText) within the file (first on line \(first)); each key may appear once")
                    return
                }
                unchangedLines[Int(stored.id)] = Int32(clamping: record.line)
            }
            counts.unchanged += 1
        }
    }

    private func describe(_ stored: StoredValue, _ column: ColumnSpec) -> String {
        switch stored {
        case .null: return "empty"
        case .int(let v): return describeInt(v, column)
        case .real(let v): return fmt(v)
        case .text(let bytes): return "\"" + TerminalText.escaped(String(decoding: bytes, as: UTF8.self)) + "\""
        }
    }

    private func describe(_ cell: Cell, _ column: ColumnSpec, _ record: CSVRecord) -> String {
        switch cell {
        case .null: return "empty"
        case .int(let v): return describeInt(v, column)
        case .real(let v): return fmt(v)
        case .text(let r): return "\"" + TerminalText.escaped(String(decoding: record.storage[r], as: UTF8.self)) + "\""
        case .constant(let s): return "\"" + s + "\""
        }
    }

    private func describeInt(_ v: Int64, _ column: ColumnSpec) -> String {
        switch column.kind {
        case .day: return Day(ordinal: Int(v)).iso
        case .money: return Money(minorUnits: v).decimalString
        case .clientRef: return "\"" + TerminalText.escaped(session.clientNames[v] ?? "?") + "\""
        case .invoiceRef: return "another invoice"
        case .boolean: return v == 1 ? "true" : "false"
        default: return String(v)
        }
    }
}
