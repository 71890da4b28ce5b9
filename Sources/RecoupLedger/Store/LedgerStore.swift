import Foundation
import GRDB
import RecoupPolicy

/// The ledger store: one SQLite database (one GRDB `DatabaseQueue`) holding an imported AR
/// ledger, its migrations, and stored artifacts such as trained models.
///
/// ```swift
/// let store = try LedgerStore(path: "recoup.db", access: .readWrite(createIfMissing: true))
/// let report = try LedgerImporter(store: store).importBundle(at: "bundle/")
/// let ledger = try LedgerStore(path: "recoup.db", access: .readOnly).loadLedger()
/// ```
///
/// How a file is opened is the caller's explicit choice (`Access`): only an import creates a
/// store, only a writer migrates one, and a reader never changes a byte of the file. Before
/// anything is written, the file is recognised as Recoup's (see `LedgerStoreRecognition`):
/// another application's database, or a file that is not SQLite, is refused untouched.
///
/// A writable store is opened in WAL mode with foreign keys on; every write (an import, an
/// artifact) is one transaction, so a failure leaves the store as it was.
public final class LedgerStore: Sendable {
    /// How a store file is opened.
    public enum Access: Sendable, Equatable {
        /// Reads only: the file must exist and be a Recoup store; it is never created,
        /// migrated or written (a store of an older schema is read as it is). A file the user
        /// may only read (mode 0444, a read-only folder, a WAL store without its -shm file)
        /// is read too.
        case readOnly
        /// Reads and writes, bringing the schema up to date; a missing file is created only
        /// when `createIfMissing` (an import), otherwise it is an error (`train`, which stores
        /// models in an existing store).
        case readWrite(createIfMissing: Bool)
    }

    /// The database queue; internal so that only this module writes SQL.
    let queue: DatabaseQueue
    /// The file path, or nil for an in-memory store.
    public let path: String?
    /// How the store was opened (`.readWrite(createIfMissing: true)` for an in-memory store).
    public let access: Access

    /// Seconds a connection waits for another process's lock before reporting the store busy.
    /// Two recoup processes on one store (a report while a sweep runs) wait for each other's
    /// brief write locks (WAL switch, migration check) instead of failing at once.
    static let defaultBusyTimeout: TimeInterval = 10

    /// Opens the store at `path` as `access` says.
    ///
    /// - Parameters:
    ///   - path: the SQLite file. A path beginning with `file:` is a plain file name, never an
    ///     SQLite URI.
    ///   - access: `.readOnly` for every command that only reads; `.readWrite` for one that
    ///     writes, creating the file only with `createIfMissing`.
    /// - Throws: `LedgerStoreError.emptyPath`, `.notFound` (missing and not to be created),
    ///   `.isFolder`, `.notALedgerStore` (not SQLite, or another application's database),
    ///   `.newerSchema`, `.busy`, `.readOnlyFile` (a writer on a file it may not write) or
    ///   `.cannotOpen`.
    public convenience init(path: String, access: Access) throws(LedgerStoreError) {
        try self.init(path: path, access: access, busyTimeout: LedgerStore.defaultBusyTimeout)
    }

    /// `init(path:access:)` with the busy timeout given (tests use a short one).
    init(path: String, access: Access, busyTimeout: TimeInterval) throws(LedgerStoreError) {
        self.path = path
        self.access = access
        let found = try LedgerStoreRecognition.examine(path: path, access: access, busyTimeout: busyTimeout)
        switch access {
        case .readOnly:
            guard let reader = found.reader else { throw .notFound(path: path) }
            queue = reader
        case .readWrite:
            if let reader = found.reader { try? reader.close() }
            do {
                var configuration = Configuration()
                configuration.foreignKeysEnabled = true
                configuration.journalMode = .wal
                configuration.busyMode = .timeout(busyTimeout)
                queue = try DatabaseQueue(path: LedgerStoreRecognition.plainFileName(path), configuration: configuration)
                try LedgerMigrations.migrator.migrate(queue)
            } catch {
                throw LedgerStore.openError(path: path, error)
            }
        }
    }

    /// A fresh in-memory store (for tests and one-off computations).
    public init() throws(LedgerStoreError) {
        path = nil
        access = .readWrite(createIfMissing: true)
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
            if LedgerStore.isBusy(error) { throw .busy(path: path ?? ":memory:") }
            throw .database(LedgerStore.reason(error))
        }
    }

    /// The text of a database error for a message; a busy store says so and what to wait for.
    static func reason(_ error: any Error) -> String {
        if isBusy(error) { return LedgerStoreError.busyReason }
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return String(describing: error)
    }

    /// Whether `error` is SQLite's "database is locked" (busy past the timeout).
    static func isBusy(_ error: any Error) -> Bool {
        guard let db = error as? DatabaseError else { return false }
        return db.resultCode == .SQLITE_BUSY || db.resultCode == .SQLITE_LOCKED
    }

    /// The typed error for a failure while opening or migrating the store at `path`.
    static func openError(path: String, _ error: any Error) -> LedgerStoreError {
        if let error = error as? LedgerStoreError { return error }
        if isBusy(error) { return .busy(path: path) }
        if let db = error as? DatabaseError, db.resultCode == .SQLITE_READONLY { return .readOnlyFile(path: path) }
        return .cannotOpen(path: path, reason: reason(error))
    }
}

/// Why the store could not be used.
public enum LedgerStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store path is the empty string.
    case emptyPath
    /// Nothing is at `path` (or an empty file), and the command may not create a store.
    case notFound(path: String)
    /// `path` is a folder.
    case isFolder(path: String)
    /// The file is not a Recoup store: not SQLite, not a regular file, or another
    /// application's database. It was left untouched.
    case notALedgerStore(path: String, reason: String)
    /// The store was written by a newer Recoup (migrations this build does not know).
    case newerSchema(path: String, migrations: [String])
    /// Another process holds a lock on the store past the busy timeout.
    case busy(path: String)
    /// A command that writes met a store it may not write (file or folder permissions).
    case readOnlyFile(path: String)
    /// The file could not be opened, created or migrated for another reason.
    case cannotOpen(path: String, reason: String)
    /// A query failed.
    case database(String)
    /// A stored row does not hold what the schema promises (a value outside the vocabulary).
    case corrupt(table: String, reason: String)
    /// A sum of stored amounts does not fit in 64 bits: the store holds amounts beyond
    /// `LedgerLimits` (written by an older build or edited by hand).
    case amountsTooLarge(what: String)

    /// The text of a busy store's reason, also used inside import errors.
    static let busyReason = "the ledger store is busy: another process (a `recoup import`, `recoup train` or `recoup demo`) "
        + "is writing to it; wait for it to finish, then run this again"

    public var description: String {
        switch self {
        case .emptyPath:
            return "the ledger store path is empty; pass --db PATH, or leave --db out to use $RECOUP_DB or ./recoup.db"
        case .notFound(let path):
            return "\(path): no ledger store here; import a ledger first with `recoup import PATH` (or pass --db)"
        case .isFolder(let path):
            return "\(path): is a folder, not a ledger store; pass the store file with --db (for example \(path)/recoup.db)"
        case .notALedgerStore(let path, let reason):
            return "\(path): not a Recoup ledger store (\(reason)); it was left untouched. "
                + "Pass the store `recoup import` created with --db"
        case .newerSchema(let path, let migrations):
            return "\(path): written by a newer version of Recoup (schema \(migrations.joined(separator: ", "))); "
                + "use that version or a newer one"
        case .busy(let path): return "\(path): \(LedgerStoreError.busyReason)"
        case .readOnlyFile(let path):
            return "\(path): the ledger store is read-only (file or folder permissions), and this command writes to it; "
                + "make it writable, or work on a copy"
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the ledger store (\(reason))"
        case .database(let reason): return "ledger store: \(reason)"
        case .corrupt(let table, let reason): return "ledger store: table \(table): \(reason)"
        case .amountsTooLarge(let what):
            return "ledger store: amounts too large to sum (\(what)); the store holds amounts beyond "
                + "\(LedgerLimits.maxAmountText) per row or a table total beyond 10^17 minor units, which no import "
                + "accepts; re-import the ledger into a new store"
        }
    }
}
