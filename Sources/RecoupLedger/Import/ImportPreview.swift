import Foundation
import GRDB
import RecoupPolicy

/// What an import would do, found without writing the store (`recoup import --dry-run`): the
/// report it would give or the problems that refuse it, and its first rows as they would be
/// stored (references shown as ids, dates as `YYYY-MM-DD`, amounts as decimals).
public struct ImportPreview: Sendable {
    /// The first new rows of one table.
    public struct Table: Sendable, Equatable {
        /// The table (`invoices`).
        public var name: String
        /// The bundle column names.
        public var columns: [String]
        /// Up to the requested number of rows, one text per column (empty = NULL).
        public var rows: [[String]]
        /// Rows the import would add to this table.
        public var newRows: Int
    }

    /// The import's outcome: its report, or why it would be refused.
    public var outcome: Result<ImportReport, LedgerImportError>
    /// The first new rows of each table the import would write; when it is refused, the rows
    /// that passed their checks.
    public var tables: [Table]
}

extension LedgerImporter {
    /// Runs `body` (an import) against an in-memory copy of the store at `storePath`, or a
    /// new empty store when no file is there, and returns its outcome with the first `rows`
    /// new rows of each table (when refused, of the rows that passed). The file at `storePath` is opened read-only or not at all:
    /// it is never created, migrated or written.
    ///
    /// - Throws: `LedgerStoreError` when a file is at `storePath` and is not a readable
    ///   Recoup store (it is left untouched).
    public static func dryRun(storeAt storePath: String?, rows: Int = 10,
                              _ body: (LedgerImporter) throws(LedgerImportError) -> ImportReport)
        throws(LedgerStoreError) -> ImportPreview {
        let memory: LedgerStore
        if let storePath, InputFile.exists(storePath) {
            let reader = try LedgerStore(path: storePath, access: .readOnly)
            memory = try LedgerStore(memoryCopyOf: reader)
        } else {
            memory = try LedgerStore()
        }
        let before = try maxIDs(memory)
        let outcome: Result<ImportReport, LedgerImportError>
        do throws(LedgerImportError) {
            outcome = .success(try body(LedgerImporter(inMemoryDryRun: memory)))
        } catch {
            outcome = .failure(error)
        }
        var tables: [ImportPreview.Table] = []
        do {
            try memory.queue.read { db in
                for spec in BundleFileSpec.all {
                    let baseline = before[spec.name] ?? 0
                    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(spec.name) WHERE id > ?", arguments: [baseline]) ?? 0
                    guard count > 0 else { continue }
                    let selects = spec.columns.map { column -> String in
                        switch column.kind {
                        case .clientRef: return "(SELECT client_id FROM clients WHERE clients.id = t.\(column.dbColumn))"
                        case .invoiceRef: return "(SELECT invoice_id FROM invoices WHERE invoices.id = t.\(column.dbColumn))"
                        default: return "t.\(column.dbColumn)"
                        }
                    }
                    let sql = "SELECT \(selects.joined(separator: ", ")) FROM \(spec.name) t WHERE id > ? ORDER BY id LIMIT ?"
                    var shown: [[String]] = []
                    for row in try Row.fetchAll(db, sql: sql, arguments: [baseline, rows]) {
                        shown.append(spec.columns.indices.map { k in text(row[k] as DatabaseValue, spec.columns[k].kind) })
                    }
                    tables.append(.init(name: spec.name, columns: spec.columns.map(\.name), rows: shown, newRows: count))
                }
            }
        } catch {
            throw .cannotOpen(path: ":memory:", reason: LedgerStore.reason(error))
        }
        return ImportPreview(outcome: outcome, tables: tables)
    }

    /// The largest id of each ledger table.
    private static func maxIDs(_ store: LedgerStore) throws(LedgerStoreError) -> [String: Int64] {
        do {
            return try store.queue.read { db in
                var ids: [String: Int64] = [:]
                for name in LedgerStore.tableNames {
                    ids[name] = try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(id), 0) FROM \(name)") ?? 0
                }
                return ids
            }
        } catch {
            throw .cannotOpen(path: ":memory:", reason: LedgerStore.reason(error))
        }
    }

    /// A stored value as the preview shows it.
    private static func text(_ value: DatabaseValue, _ kind: ColumnSpec.Kind) -> String {
        if value.isNull { return "" }
        switch (kind, value.storage) {
        case (.day, .int64(let ordinal)): return Day(ordinal: Int(ordinal)).iso
        case (.money, .int64(let minor)): return Money(minorUnits: minor).decimalString
        case (.boolean, .int64(let flag)): return flag == 0 ? "false" : "true"
        case (_, .int64(let v)): return String(v)
        case (_, .double(let v)): return String(v)
        case (_, .string(let s)): return s
        default: return value.description
        }
    }
}
