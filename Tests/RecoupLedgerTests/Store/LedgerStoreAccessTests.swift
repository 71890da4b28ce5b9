import Foundation
import GRDB
import Testing
@testable import RecoupLedger

/// How `LedgerStore(path:access:)` treats what it finds at a path: only a creating writer
/// makes a store, a reader never changes a byte, and nothing but a Recoup store is opened.
@Suite struct LedgerStoreAccessTests {
    /// A fresh temporary folder, removed (after restoring write permission) by `cleanUp`.
    final class Folder {
        let path = NSTemporaryDirectory() + "recoup-store-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func file(_ name: String) -> String { path + "/" + name }
        deinit {
            chmod(path, 0o755)
            if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
                for name in names { chmod(file(name), 0o644) }
            }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// The file's bytes (compared whole: stronger than a hash).
    static func hash(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A Recoup store at `path` holding one client and one invoice (then closed, checkpointed).
    static func makeStore(_ path: String) throws {
        let store = try LedgerStore(path: path, access: .readWrite(createIfMissing: true))
        try store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO clients (client_id) VALUES ('C1');
                INSERT INTO invoices (invoice_id, client, issued_on, due_on, amount) VALUES ('I1', 1, 20454, 20484, 10000);
                """)
        }
        try store.queue.close()
    }

    static let readers: [LedgerStore.Access] = [.readOnly, .readWrite(createIfMissing: false)]

    @Test(arguments: readers)
    func aMissingPathIsAnErrorNamingItAndNoFileIsMade(access: LedgerStore.Access) throws {
        let folder = try Folder()
        let path = folder.file("recoup.db")
        #expect(throws: LedgerStoreError.notFound(path: path)) { try LedgerStore(path: path, access: access) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        #expect(LedgerStoreError.notFound(path: path).description
            == "\(path): no ledger store here; import a ledger first with `recoup import PATH` (or pass --db)")
    }

    @Test func onlyACreatingWriterMakesAStoreAndMarksItRecoups() throws {
        let folder = try Folder()
        let path = folder.file("recoup.db")
        _ = try LedgerStore(path: path, access: .readWrite(createIfMissing: true))
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == LedgerMigrations.applicationID)
    }

    @Test(arguments: [LedgerStore.Access.readOnly, .readWrite(createIfMissing: true)])
    func aFolderAndAnEmptyPathAreNamed(access: LedgerStore.Access) throws {
        let folder = try Folder()
        #expect(throws: LedgerStoreError.isFolder(path: folder.path)) { try LedgerStore(path: folder.path, access: access) }
        #expect(throws: LedgerStoreError.emptyPath) { try LedgerStore(path: "", access: access) }
        #expect(LedgerStoreError.isFolder(path: "x").description.contains("is a folder"))
    }

    /// A text file, and other applications' SQLite databases (one plain, one made with GRDB
    /// migrations of its own, one with its own application_id), are refused by every access,
    /// before anything is written: their bytes are unchanged and no -wal/-shm file appears.
    @Test(arguments: [LedgerStore.Access.readOnly, .readWrite(createIfMissing: false), .readWrite(createIfMissing: true)])
    func aFileThatIsNotRecoupsIsRefusedUntouched(access: LedgerStore.Access) throws {
        let folder = try Folder()
        let text = folder.file("notes.txt")
        try Data("invoice_id,amount\nI1,10.00\n".utf8).write(to: URL(fileURLWithPath: text))
        let plain = folder.file("other.sqlite")
        let plainQueue = try DatabaseQueue(path: plain)
        try plainQueue.write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')") }
        try plainQueue.close()
        let grdbApp = folder.file("grdb-app.sqlite")
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createNotes") { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY)") }
        let grdbQueue = try DatabaseQueue(path: grdbApp)
        try migrator.migrate(grdbQueue)
        try grdbQueue.close()
        let tagged = folder.file("tagged.sqlite")
        let taggedQueue = try DatabaseQueue(path: tagged)
        try taggedQueue.write { try $0.execute(sql: "PRAGMA application_id = 1234; CREATE TABLE t (x)") }
        try taggedQueue.close()

        for (path, reason) in [(text, "not an SQLite database"), (plain, "no Recoup schema"),
                               (grdbApp, "no Recoup schema"), (tagged, "application_id 0x000004D2")] {
            let before = try Self.hash(path)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            do {
                _ = try LedgerStore(path: path, access: access)
                Issue.record("\(path) was opened")
            } catch {
                guard case .notALedgerStore(let named, let why) = error else { Issue.record("\(error)"); continue }
                #expect(named == path)
                #expect(why.contains(reason), "\(why)")
                #expect(error.description.contains("not a Recoup ledger store"))
                #expect(error.description.contains("left untouched"))
            }
            #expect(try Self.hash(path) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == files)
        }
    }

    @Test func aReaderLeavesARecoupStoresBytesUnchanged() throws {
        let folder = try Folder()
        let path = folder.file("recoup.db")
        try Self.makeStore(path)
        let before = try Self.hash(path)
        let store = try LedgerStore(path: path, access: .readOnly)
        #expect(try store.loadLedger().invoices.count == 1)
        #expect(try store.kpiCalculator().invoiceCount == 1)
        #expect(try store.rowCounts()["invoices"] == 1)
        #expect(throws: LedgerStoreError.self) { try store.saveArtifact(name: "models", json: "{}") }
        #expect(try Self.hash(path) == before)
    }

    /// A store the user may only read (0444) is read; its bytes stay as they were.
    @Test func aReadOnlyFileCanBeReportedOn() throws {
        let folder = try Folder()
        let path = folder.file("recoup.db")
        try Self.makeStore(path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        chmod(path, 0o444)
        let before = try Self.hash(path)
        let store = try LedgerStore(path: path, access: .readOnly)
        #expect(try store.loadLedger().invoices.map(\.id) == ["I1"])
        #expect(try Self.hash(path) == before)
    }

    /// In a read-only folder with no -wal or -shm file, SQLite cannot open a WAL store for
    /// reading in the ordinary way; the reader falls back to `immutable`. (Root may write
    /// anything, so this runs only as another user.)
    @Test(.enabled(if: getuid() != 0)) func aStoreInAReadOnlyFolderCanBeReportedOn() throws {
        let folder = try Folder()
        let path = folder.file("recoup.db")
        try Self.makeStore(path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        chmod(path, 0o444)
        chmod(folder.path, 0o555)
        let before = try Self.hash(path)
        let store = try LedgerStore(path: path, access: .readOnly)
        #expect(try store.loadLedger().invoices.map(\.id) == ["I1"])
        #expect(try Self.hash(path) == before)
        #expect(throws: LedgerStoreError.self) { try LedgerStore(path: path, access: .readWrite(createIfMissing: false)) }
    }

    /// The immutable fallback's URI opens the file named, whatever characters its name holds.
    @Test func theImmutableURIReadsTheFileNamed() throws {
        let folder = try Folder()
        let path = folder.file("odd ?#% name.db")
        try Self.makeStore(path)
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: LedgerStoreRecognition.immutableURI(path), configuration: configuration)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM invoices") } == 1)
        #expect(LedgerStoreRecognition.plainFileName("file:x.db") == "./file:x.db")
    }

    /// A store made before v3 (no application_id; recognised by its migration names) is read
    /// as it is by a reader, byte for byte, and brought up to date by a writer.
    @Test func aStoreOfAnOlderSchemaIsReadAsItIsAndUpgradedByAWriter() throws {
        let folder = try Folder()
        let path = folder.file("v1.db")
        let queue = try DatabaseQueue(path: path)
        try LedgerMigrations.migrator.migrate(queue, upTo: "v1-ledger")
        try queue.write { try $0.execute(sql: "INSERT INTO clients (client_id) VALUES ('C1')") }
        try queue.close()
        let before = try Self.hash(path)
        #expect(try LedgerStore(path: path, access: .readOnly).rowCounts()["clients"] == 1)
        #expect(try Self.hash(path) == before)
        let writer = try LedgerStore(path: path, access: .readWrite(createIfMissing: false))
        #expect(try writer.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == LedgerMigrations.applicationID)
    }

    @Test func aStoreOfANewerRecoupIsNamedAsSuch() throws {
        let folder = try Folder()
        let path = folder.file("newer.db")
        try Self.makeStore(path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')") }
        try queue.close()
        #expect(throws: LedgerStoreError.newerSchema(path: path, migrations: ["v9-future"])) {
            try LedgerStore(path: path, access: .readOnly)
        }
    }

    /// Another process holding the write lock past the busy timeout: the store says it is busy
    /// and what to wait for, at opening (a migration to make) and at writing.
    @Test func aLockedStoreSaysItIsBusy() throws {
        let folder = try Folder()
        let path = folder.file("recoup.db")
        try Self.makeStore(path)
        let old = folder.file("v1.db")
        let oldQueue = try DatabaseQueue(path: old)
        try LedgerMigrations.migrator.migrate(oldQueue, upTo: "v1-ledger")
        try oldQueue.close()
        for locked in [path, old] {
            var configuration = Configuration()
            configuration.journalMode = .wal
            let holder = try DatabaseQueue(path: locked, configuration: configuration)
            try holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                defer { try? db.execute(sql: "ROLLBACK") }
                if locked == old {
                    #expect(throws: LedgerStoreError.busy(path: old)) {
                        try LedgerStore(path: old, access: .readWrite(createIfMissing: false), busyTimeout: 0.2)
                    }
                } else {
                    let store = try LedgerStore(path: path, access: .readWrite(createIfMissing: false), busyTimeout: 0.2)
                    do {
                        try store.saveArtifact(name: "models", json: "{}")
                        Issue.record("saved while locked")
                    } catch {
                        #expect(String(describing: error).contains("busy"))
                        #expect(String(describing: error).contains("wait for it to finish"))
                        #expect(!String(describing: error).contains("permissions"))
                    }
                    // A reader is not blocked by the writer (WAL).
                    #expect(try LedgerStore(path: path, access: .readOnly, busyTimeout: 0.2).rowCounts()["invoices"] == 1)
                }
            }
        }
        #expect(LedgerStoreError.busy(path: "s.db").description.hasPrefix("s.db: the ledger store is busy: another process"))
    }
}
