import Foundation
import GRDB

/// Decides, before anything is written, whether a path holds a Recoup store, nothing, or
/// something else, and opens a read-only connection to a store that is there.
///
/// The checks, in order, each reading without writing:
/// 1. the path is not empty, and is not a folder or another non-regular file (a FIFO, a device);
/// 2. a missing file, or an empty one with no -wal beside it, holds no store;
/// 3. the first 16 bytes are SQLite's header ("SQLite format 3\0"), else it is not SQLite;
/// 4. a read-only connection reads `PRAGMA application_id` and the `grdb_migrations` table: a
///    store is Recoup's when the id is Recoup's (`LedgerMigrations.applicationID`), or, for
///    stores made before v3, when the id is 0 and the migrations include `v1-ledger` and are all
///    Recoup's; migrations beyond this build's are a newer store; a database with no tables and
///    id 0 holds no store; anything else belongs to another application.
///
/// A file the process may not write (0444, a read-only folder, WAL without -shm) is read
/// through SQLite's `immutable` URI option when the ordinary read-only open fails, provided no
/// non-empty -wal file would then be ignored.
enum LedgerStoreRecognition {
    /// What is at a path.
    struct Found {
        /// A read-only connection to the Recoup store there, or nil when there is none (a
        /// missing or empty file, or an empty database, which only a creating writer may use).
        var reader: DatabaseQueue?
    }

    /// Examines `path` for `access`, throwing for anything that must not be opened.
    static func examine(path: String, access: LedgerStore.Access, busyTimeout: TimeInterval) throws(LedgerStoreError) -> Found {
        guard !path.isEmpty else { throw .emptyPath }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else {
                throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
            }
            if access == .readWrite(createIfMissing: true) { return Found(reader: nil) }
            throw .notFound(path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .isFolder(path: path)
        default: throw .notALedgerStore(path: path, reason: "not a regular file")
        }
        if info.st_size == 0 && !hasNonEmptyWAL(path) {
            if access == .readWrite(createIfMissing: true) { return Found(reader: nil) }
            throw .notFound(path: path)
        }
        guard let header = FileHandle(forReadingAtPath: path).flatMap({ handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 16)
        }) else {
            throw .cannotOpen(path: path, reason: "the file cannot be read")
        }
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            throw .notALedgerStore(path: path, reason: "not an SQLite database")
        }
        let reader = try openReader(path: path, busyTimeout: busyTimeout)
        do {
            let (applicationID, migrations, tableCount) = try reader.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let hasMigrations = try db.tableExists("grdb_migrations")
                let names = hasMigrations ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                return (id, names, tables)
            }
            let known = Set(LedgerMigrations.knownMigrations)
            let isRecoup = applicationID == LedgerMigrations.applicationID
                || (applicationID == 0 && migrations.contains("v1-ledger"))
            guard isRecoup else {
                if applicationID == 0 && tableCount == 0 {
                    if access == .readWrite(createIfMissing: true) {
                        try? reader.close()
                        return Found(reader: nil)
                    }
                    throw LedgerStoreError.notFound(path: path)
                }
                let whose = applicationID != 0
                    ? String(format: "application_id 0x%08X", UInt32(bitPattern: applicationID))
                    : "no Recoup schema"
                throw LedgerStoreError.notALedgerStore(path: path, reason: "another application's SQLite database: \(whose)")
            }
            let unknown = migrations.filter { !known.contains($0) }
            guard unknown.isEmpty else { throw LedgerStoreError.newerSchema(path: path, migrations: unknown) }
            let missing = LedgerMigrations.requiredForReading.filter { !migrations.contains($0) }
            if access == .readOnly && !missing.isEmpty {
                throw LedgerStoreError.notALedgerStore(
                    path: path, reason: "its schema lacks \(missing.joined(separator: ", ")); open it with a command that writes "
                        + "(`recoup import` of its bundle, or `recoup train`) to upgrade it")
            }
            return Found(reader: reader)
        } catch {
            try? reader.close()
            throw LedgerStore.openError(path: path, error)
        }
    }

    /// A read-only connection to the SQLite file at `path`: the ordinary read-only open, or, when
    /// that cannot read (no write access for the -shm file of a WAL store), an `immutable` one.
    static func openReader(path: String, busyTimeout: TimeInterval) throws(LedgerStoreError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: plainFileName(path), configuration: configuration)
            do {
                _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
                return queue
            } catch {
                try? queue.close()
                throw error
            }
        } catch {
            guard canRetryImmutable(error, path: path) else { throw LedgerStore.openError(path: path, error) }
        }
        do {
            let queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch {
            throw LedgerStore.openError(path: path, error)
        }
    }

    /// Whether a failed read-only open may be retried as `immutable`: the failure is SQLite's
    /// "cannot open" or "read-only" (the -shm file cannot be made), the process may not write
    /// the file or its folder, and no non-empty -wal file holds changes immutable would ignore.
    static func canRetryImmutable(_ error: any Error, path: String) -> Bool {
        guard let db = error as? DatabaseError,
              db.resultCode == .SQLITE_CANTOPEN || db.resultCode == .SQLITE_READONLY else { return false }
        let folder = (path as NSString).deletingLastPathComponent
        let writable = access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
        return !writable && !hasNonEmptyWAL(path)
    }

    /// Whether `path-wal` exists and is not empty.
    static func hasNonEmptyWAL(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 0
    }

    /// `path` as SQLite must see it to take it as a file name: SQLite reads a name beginning
    /// with `file:` as a URI, so such a relative name gets a leading "./".
    static func plainFileName(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }

    /// The `file:` URI of `path` with `immutable=1` (and `mode=ro`), its special characters
    /// percent-encoded.
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": encoded += "%25"
            case "?": encoded += "%3F"
            case "#": encoded += "%23"
            default: encoded.unicodeScalars.append(scalar)
            }
        }
        return "file:\(encoded)?mode=ro&immutable=1"
    }
}
