import GRDB
import GRDBSQLite

/// A prepared SQLite statement driven through the C API, for the import's hot loop (binding
/// bytes straight from the CSV buffer, no `String` or `DatabaseValue` per cell).
///
/// All unsafe SQLite calls of the importer sit in this one type. It is only used inside a
/// GRDB write transaction, on the connection GRDB gives, and finalized when released.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, sql: String) throws(LedgerImportError) {
        guard let connection = db.sqliteConnection else { throw .store("the database connection is closed") }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw .store(String(cString: sqlite3_errmsg(connection)))
        }
        self.connection = connection
        handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds `cell` to parameter `index` (1-based); text cells are read from `bytes`.
    func bind(_ index: Int32, _ cell: Cell, _ bytes: [UInt8]) {
        switch cell {
        case .null: sqlite3_bind_null(handle, index)
        case .int(let v): sqlite3_bind_int64(handle, index, v)
        case .real(let v): sqlite3_bind_double(handle, index, v)
        case .text(let r):
            bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress.map { UnsafeRawPointer($0 + r.lowerBound) }
                    ?? UnsafeRawPointer(bitPattern: 1)
                _ = sqlite3_bind_text(handle, index, base?.assumingMemoryBound(to: CChar.self),
                                      Int32(r.count), RawStatement.transient)
            }
        case .constant(let s): sqlite3_bind_text(handle, index, s, -1, RawStatement.transient)
        }
    }

    /// Binds `cells` to parameters 1… (text straight from `bytes`, not copied), runs the
    /// statement and returns the number of rows it changed. The bytes are only read while
    /// the statement runs, inside one `withUnsafeBufferPointer`.
    func execute(_ cells: [Cell], _ bytes: [UInt8]) throws(LedgerImportError) -> Int {
        let code = bytes.withUnsafeBufferPointer { buffer in
            bind(cells, from: UnsafeRawPointer(buffer.baseAddress), first: 1)
            return stepOnce()
        }
        return try changes(after: code)
    }

    /// Binds `rows` (the cells of one record each, `records[k]` holding row k's text) to a
    /// statement with one `(?, …)` group per row, runs it and returns the number of rows it
    /// changed. No text is copied (`pinning`).
    func execute(rows cells: [[Cell]], records: [CSVRecord]) throws(LedgerImportError) -> Int {
        let columns = Int32(cells.first?.count ?? 0)
        let code = pinning(records) { row, base in
            bind(cells[row], from: base, first: Int32(row) * columns + 1)
        } then: {
            stepOnce()
        }
        return try changes(after: code)
    }

    /// Binds, row after row, the cells at `columns` of each of `rows` (text from `records[k]`)
    /// to the parameters 1…, runs the query and hands each result row to `body`.
    func query(rows cells: [[Cell]], columns: [Int], records: [CSVRecord],
               _ body: (RawStatement) -> Void) throws(LedgerImportError) {
        let code = pinning(records) { row, base in
            for (n, j) in columns.enumerated() { bind(cells[row][j], at: Int32(row * columns.count + n + 1), from: base) }
        } then: {
            var code = sqlite3_step(handle)
            while code == SQLITE_ROW {
                body(self)
                code = sqlite3_step(handle)
            }
            sqlite3_reset(handle)
            return code
        }
        _ = try changes(after: code)
    }

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    func execute() throws(LedgerImportError) -> Int {
        try changes(after: stepOnce())
    }

    /// Calls `bindRow(k, bytes of records[k])` for every record, then `run`, with every
    /// record's bytes pinned (one nested `withUnsafeBufferPointer` per record) until `run` has
    /// returned: text bound without a copy stays valid while the statement runs.
    private func pinning(_ records: [CSVRecord], from row: Int = 0, _ bindRow: (Int, UnsafeRawPointer?) -> Void,
                         then run: () -> Int32) -> Int32 {
        guard row < records.count else { return run() }
        return records[row].storage.withUnsafeBufferPointer { buffer in
            bindRow(row, UnsafeRawPointer(buffer.baseAddress))
            return pinning(records, from: row + 1, bindRow, then: run)
        }
    }

    /// Whether column `index` (0-based) of the current row holds `cell` (text read from
    /// `bytes`), compared without copying the stored value.
    func columnEquals(_ index: Int32, _ cell: Cell, _ bytes: [UInt8]) -> Bool {
        switch cell {
        case .null: return sqlite3_column_type(handle, index) == SQLITE_NULL
        case .int(let v): return sqlite3_column_type(handle, index) == SQLITE_INTEGER && sqlite3_column_int64(handle, index) == v
        case .real(let v):
            switch sqlite3_column_type(handle, index) {
            case SQLITE_FLOAT: return sqlite3_column_double(handle, index) == v
            case SQLITE_INTEGER: return Double(sqlite3_column_int64(handle, index)) == v
            default: return false
            }
        case .text(let r): return textBytes(index).map { bytesEqual(bytes, r, $0) } ?? false
        case .constant(let s): return textBytes(index).map { s.utf8.elementsEqual($0) } ?? false
        }
    }

    /// Column `index`'s bytes when it holds text (or a blob), else nil; valid until the next step.
    private func textBytes(_ index: Int32) -> UnsafeBufferPointer<UInt8>? {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT: return nil
        default:
            guard let text = sqlite3_column_text(handle, index) else { return nil }
            return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index)))
        }
    }

    /// Binds `cells` to parameters `first`, `first + 1`, ….
    private func bind(_ cells: [Cell], from base: UnsafeRawPointer?, first: Int32) {
        for (offset, cell) in cells.enumerated() { bind(cell, at: first + Int32(offset), from: base) }
    }

    /// Binds `cell` to parameter `index`; a text range is an offset from `base` and bound
    /// without a copy (SQLITE_STATIC), so `base` must stay valid until the step.
    private func bind(_ cell: Cell, at index: Int32, from base: UnsafeRawPointer?) {
        switch cell {
        case .null: sqlite3_bind_null(handle, index)
        case .int(let v): sqlite3_bind_int64(handle, index, v)
        case .real(let v): sqlite3_bind_double(handle, index, v)
        case .text(let r):
            let start = (base ?? UnsafeRawPointer(bitPattern: 1)).map { ($0 + r.lowerBound).assumingMemoryBound(to: CChar.self) }
            sqlite3_bind_text(handle, index, start, Int32(r.count), nil)  // SQLITE_STATIC: valid until the step ends
        case .constant(let s): sqlite3_bind_text(handle, index, s, -1, RawStatement.transient)
        }
    }

    private func stepOnce() -> Int32 {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        return code
    }

    private func changes(after code: Int32) throws(LedgerImportError) -> Int {
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw .store(String(cString: sqlite3_errmsg(connection)))
        }
        return Int(sqlite3_changes(connection))
    }

    /// Whether the connection is still inside the import's transaction. SQLite undoes a whole
    /// transaction on some errors (a full disk, out of memory), not just the failing statement;
    /// after that, further inserts would each commit on their own.
    var isInsideTransaction: Bool { sqlite3_get_autocommit(connection) == 0 }

    /// The id of the last inserted row on this connection.
    var lastInsertedID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Steps a query; true when a row is available (read it with `column…`), false when done.
    func step() throws(LedgerImportError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw .store(String(cString: sqlite3_errmsg(connection)))
    }

    /// The value of column `index` (0-based) of the current row, as a `Cell`-comparable value.
    func value(_ index: Int32) -> StoredValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        default: return textBytes(index).map { .text(Array($0)) } ?? .null
        }
    }

    /// Column `index` of the current row as text (nil when NULL), every byte of it: read by
    /// its length, not up to the first NUL, so two ids that differ after a NUL stay two.
    func text(_ index: Int32) -> String? {
        guard let bytes = textBytes(index) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Column `index` of the current row as an integer.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
}

/// A value parsed from a CSV cell, ready to bind.
enum Cell: Equatable {
    case null
    case int(Int64)
    case real(Double)
    /// Bytes of the current record's storage.
    case text(Range<Int>)
    /// A fixed text (a default such as `USD` or `agent`).
    case constant(String)
}

/// A value read back from the store, to compare with a new row's `Cell`.
enum StoredValue: Equatable {
    case null
    case int(Int64)
    case real(Double)
    case text([UInt8])
}
