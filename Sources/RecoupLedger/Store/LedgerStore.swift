import GRDB

/// The ledger store: one SQLite database (one GRDB `DatabaseQueue`) holding an imported AR
/// ledger, its migrations, and stored artifacts such as trained models.
///
/// ```swift
/// let store = try LedgerStore(path: "recoup.db")       // created on first use
/// let report = try LedgerImporter(store: store).importBundle(at: "bundle/")
/// let ledger = try store.loadLedger()
/// ```
///
/// The file is opened in WAL mode with foreign keys on; every write (an import, an artifact)
/// is one transaction, so a failure leaves the store as it was.
public final class LedgerStore: Sendable {
    /// The database queue; internal so that only this module writes SQL.
    let queue: DatabaseQueue
    /// The file path, or nil for an in-memory store.
    public let path: String?

    /// Opens (creating it if needed) the store at `path` and brings its schema up to date.
    /// - Throws: `LedgerStoreError.cannotOpen` when the file cannot be opened or migrated.
    public init(path: String) throws(LedgerStoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.journalMode = .wal
            // Two recoup processes on one store (a report while a sweep runs) wait for each
            // other's brief write locks (WAL switch, migration check) instead of failing at once
            // with "database is locked".
            configuration.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try LedgerMigrations.migrator.migrate(queue)
        } catch {
            throw .cannotOpen(path: path, reason: LedgerStore.reason(error))
        }
    }

    /// A fresh in-memory store (for tests and one-off computations).
    public init() throws(LedgerStoreError) {
        path = nil
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            queue = try DatabaseQueue(configuration: configuration)
            try LedgerMigrations.migrator.migrate(queue)
        } catch {
            throw .cannotOpen(path: ":memory:", reason: LedgerStore.reason(error))
        }
    }

    /// The names of the ledger tables, in import (dependency) order.
    public static let tableNames = [
        "clients", "invoices", "payments", "actions", "promises", "disputes", "adjustments",
        "deposits", "timesheet",
    ]

    /// The number of rows in each ledger table, by table name.
    public func rowCounts() throws(LedgerStoreError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in LedgerStore.tableNames {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    /// Runs `body` in a read transaction, mapping database errors to `LedgerStoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(LedgerStoreError) -> T {
        do { return try queue.read(body) } catch let error as LedgerStoreError { throw error } catch {
            throw .database(LedgerStore.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return String(describing: error)
    }
}

/// Why the store could not be used.
public enum LedgerStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened, created or migrated.
    case cannotOpen(path: String, reason: String)
    /// A query failed.
    case database(String)
    /// A stored row does not hold what the schema promises (a value outside the vocabulary).
    case corrupt(table: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the ledger store (\(reason)); check the path and its permissions"
        case .database(let reason): return "ledger store: \(reason)"
        case .corrupt(let table, let reason): return "ledger store: table \(table): \(reason)"
        }
    }
}
