import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger
#if canImport(Glibc)
import Glibc
#endif

/// Issue 22, item 6 (inputs) and 7 (messages): every input is a regular file within its
/// stated size limit, refused before reading otherwise, and each refusal says what the path
/// is. The store is unchanged after each.
@Suite(.timeLimit(.minutes(1))) struct InputFileTests {
    /// The valid bundle imported once, then `prepare` run on a fresh copy of the bundle
    /// folder; returns the error of importing it, checking the store did not change.
    func refusal(_ prepare: (String) throws -> Void) throws -> LedgerImportError? {
        let store = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        let before = try store.dumpTables()
        let fixture = try BundleFixture(BundleFixture.valid)
        try prepare(fixture.folder)
        defer { #expect((try? store.dumpTables()) == before) }
        do {
            _ = try LedgerImporter(store: store).importBundle(at: fixture.folder)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        var path = ""
        let error = try refusal { folder in
            path = folder + "/payments.csv"
            try FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o600) == 0)
        }
        #expect(error == .notRegularFile(path: path, kind: "a FIFO (named pipe)"))
        #expect(error?.description == "\(path): is a FIFO (named pipe), not a regular file; Recoup imports regular files only and read nothing from it")
    }

    @Test func aDeviceIsRefusedBeforeReading() throws {
        var path = ""
        let error = try refusal { folder in
            path = folder + "/deposits.csv"
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        }
        #expect(error == .notRegularFile(path: path, kind: "a character device"))
    }

    @Test func aFolderIsRefused() throws {
        var path = ""
        let error = try refusal { folder in
            path = folder + "/actions.csv"
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        #expect(error == .notRegularFile(path: path, kind: "a folder"))
    }

    @Test func aSymbolicLinkLoopIsReportedAsALoop() throws {
        var path = ""
        let error = try refusal { folder in
            path = folder + "/invoices.csv"
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder + "/loop.csv")
            try FileManager.default.createSymbolicLink(atPath: folder + "/loop.csv", withDestinationPath: path)
        }
        #expect(error == .symbolicLinkLoop(path: path))
        #expect(error?.description == "\(path): too many levels of symbolic links; the links loop, point them at the real file")
    }

    @Test func aDanglingLinkSaysSo() throws {
        var path = ""
        let error = try refusal { folder in
            path = folder + "/clients.csv"
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder + "/gone.csv")
        }
        #expect(error == .unreadable(path: path, reason: "it is a symbolic link to a file that does not exist"))
    }

    @Test func aFileOverTheLimitIsRefusedBeforeReading() throws {
        var path = ""
        let error = try refusal { folder in
            path = folder + "/timesheet.csv"
            // A sparse file: 5 GiB long, no blocks written.
            let fd = open(path, O_WRONLY | O_TRUNC)
            #expect(fd >= 0)
            #expect(ftruncate(fd, 5 << 30) == 0)
            close(fd)
        }
        #expect(error == .tooLarge(path: path, bytes: 5 << 30, limit: .csv))
        #expect(error?.description == "\(path): is 5,368,709,120 bytes, over the limit of 4 GiB (4,294,967,296 bytes) for one imported CSV file; split it into smaller files")
    }

    @Test func aBundleFolderThatLoopsIsALoop() throws {
        let fixture = try BundleFixture([:])
        let link = fixture.folder + "/bundle"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: link)
        #expect(throws: LedgerImportError.symbolicLinkLoop(path: link)) {
            try LedgerImporter(store: try LedgerStore()).importBundle(at: link)
        }
    }

    @Test func aMappingFolderIsAFolder() throws {
        let fixture = try BundleFixture([:])
        #expect(throws: LedgerImportError.notRegularFile(path: fixture.folder, kind: "a folder")) {
            try ColumnMapping(contentsOf: fixture.folder)
        }
        #expect(throws: LedgerImportError.notFound(path: fixture.folder + "/none.json")) {
            try ColumnMapping(contentsOf: fixture.folder + "/none.json")
        }
    }

    @Test func aMappingOverOneMebibyteIsRefused() throws {
        let padding = String(repeating: " ", count: 1 << 20)
        let fixture = try BundleFixture(["map.json": "{\"target\": \"invoices\"}" + padding])
        let path = fixture.folder + "/map.json"
        #expect(throws: LedgerImportError.tooLarge(path: path, bytes: Int64((1 << 20) + 22), limit: .mapping)) {
            try ColumnMapping(contentsOf: path)
        }
    }

    @Test func aMappingFIFOIsRefused() throws {
        let fixture = try BundleFixture([:])
        let path = fixture.folder + "/map.json"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: LedgerImportError.notRegularFile(path: path, kind: "a FIFO (named pipe)")) {
            try ColumnMapping(contentsOf: path)
        }
    }

    @Test(arguments: [
        ("{\"target\": \"invoices\", \"columns\": {\"Total\": \"amount\", \"Total\": \"number\"}}", "columns.Total", "Total"),
        ("{\"target\": \"invoices\", \"target\": \"payments\"}", "target", "target"),
        ("{\"target\": \"invoices\", \"constants\": {\"currency\": \"EUR\", \"c\\u0075rrency\": \"USD\"}}", "constants.currency", "currency"),
    ])
    func aMappingWithADuplicateKeyIsRefused(_ json: String, _ path: String, _ key: String) throws {
        #expect(throws: LedgerImportError.invalidMapping(path: path,
            reason: "the key \"\(key)\" appears twice in the same object; JSON readers keep only one of them, so remove the other")) {
            try ColumnMapping(json: Data(json.utf8))
        }
    }

    @Test func keysRepeatedInDifferentObjectsAreFine() throws {
        let mapping = try ColumnMapping(json: Data("""
            {"target": "invoices", "columns": {"currency": "currency"}, "constants": {"number": "x"}, "decimalComma": false}
            """.utf8))
        #expect(mapping.columns == ["currency": "currency"])
    }

    @Test func exportedFilesAreCheckedToo() throws {
        let fixture = try BundleFixture([:])
        let path = fixture.folder + "/export.csv"
        #expect(mkfifo(path, 0o600) == 0)
        let store = try LedgerStore()
        #expect(throws: LedgerImportError.notRegularFile(path: path, kind: "a FIFO (named pipe)")) {
            try LedgerImporter(store: store).importMapped(at: path, mapping: ColumnMapping(target: "invoices"))
        }
        #expect(throws: LedgerImportError.notRegularFile(path: path, kind: "a FIFO (named pipe)")) {
            try LedgerImporter(store: store).importIBMAccountsReceivable(at: path)
        }
    }
}

/// Terminal escaping (issue 22, item 5): control characters in text cells become visible
/// escapes in every table a person reads.
@Suite struct TerminalTextTests {
    @Test func controlCharactersAreEscapedAndOthersKept() {
        #expect(TerminalText.escaped("C1\u{1B}[31mred\u{7}") == "C1\\x1B[31mred\\x07")
        #expect(TerminalText.escaped("a\u{0}b\u{7F}c\u{9B}d") == "a\\x00b\\x7Fc\\u{9B}d")
        #expect(TerminalText.escaped("Zürich · Ünïcode ✓") == "Zürich · Ünïcode ✓")
        #expect(TerminalText.escaped("line\nbreak\ttab") == "line\\x0Abreak\\x09tab")
        #expect(TerminalText.controlDescription("\u{1B}") == "ESC, 0x1B")
        #expect(TerminalText.controlDescription("\u{9B}") == "CSI, U+009B")
    }
}
