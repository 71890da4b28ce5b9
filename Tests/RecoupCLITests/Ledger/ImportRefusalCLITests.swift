import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 22 at the command line: each refused import exits 1 with a message saying what
/// happened, and the store's content is as it was (a digest of its full dump before and after).
@Suite(.timeLimit(.minutes(2))) struct ImportRefusalCLITests {
    static let clients = "client_id,name\nC1,Acme\nC2,Beta\n"
    static let invoices = """
        invoice_id,client_id,issued_on,due_on,amount
        I1,C1,2026-01-05,2026-02-04,1000.00
        I2,C2,2026-02-01,2026-03-03,10.00
        """

    /// A folder with a good bundle imported into `recoup.db`, and the store's digest.
    struct Imported {
        let folder: TemporaryFolder
        var db: String { folder.path + "/recoup.db" }
        var bundle: String { folder.path + "/bundle" }

        init() throws {
            folder = try TemporaryFolder([:])
            try FileManager.default.createDirectory(atPath: folder.path + "/bundle", withIntermediateDirectories: true)
            try Data(ImportRefusalCLITests.clients.utf8).write(to: URL(fileURLWithPath: folder.path + "/bundle/clients.csv"))
            try Data(ImportRefusalCLITests.invoices.utf8).write(to: URL(fileURLWithPath: folder.path + "/bundle/invoices.csv"))
            let first = try CLIRunner.run(["import", folder.path + "/bundle", "--db", folder.path + "/recoup.db"])
            #expect(first.status == 0, "\(first.stderr)")
        }

        func write(_ name: String, _ content: String) throws {
            let path = bundle + "/" + name
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        }

        /// A content digest of the store: FNV-1a of `sqlite3 -readonly DB .dump` (schema and
        /// every row of every table). The file's raw bytes are not compared: opening a store
        /// (its migration check) rewrites header fields such as the schema cookie even when no
        /// row changes. Without a sqlite3 tool, the file's size stands in.
        func digest() throws -> String {
            let tool = "/usr/bin/sqlite3"
            guard FileManager.default.isExecutableFile(atPath: tool) else {
                let size = (try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? -1
                return "size \(size)"
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-readonly", db, ".dump"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && !data.isEmpty)
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return String(hash, radix: 16) + " \(data.count)"
        }

        /// Runs `import` with `arguments` after the bundle path; expects exit 1, an unchanged
        /// store, and returns stderr.
        func refused(_ arguments: [String] = []) throws -> String {
            let before = try digest()
            let result = try CLIRunner.run(["import", bundle] + arguments + ["--db", db])
            #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
            #expect(try digest() == before, "the store changed")
            return result.stderr
        }
    }

    @Test func anAmountOverTheBoundIsRefusedAndReportsStillRun() throws {
        let s = try Imported()
        try s.write("invoices.csv", Self.invoices + "\nI3,C1,2026-01-05,2026-02-04,92233720368547758.07\n")
        let stderr = try s.refused()
        #expect(stderr == "error: import refused, nothing was imported: 1 problem; first: invoices.csv:4: amount: 92,233,720,368,547,758.07 is over the largest amount Recoup accepts, 1,000,000,000.00; every report must be able to sum the ledger\n")
        let kpis = try CLIRunner.run(["report", "kpis", "--db", s.db, "--format", "json"])
        #expect(kpis.status == 0, "\(kpis.stderr)")
    }

    @Test func anOverpaymentAndAnEarlyPaymentAreRefused() throws {
        let s = try Imported()
        try s.write("payments.csv", """
            payment_id,client_id,received_on,amount,invoice_id
            P1,C2,2026-02-10,1000000.00,I2
            P2,C1,2025-01-05,10.00,I1
            """)
        let stderr = try s.refused()
        #expect(stderr.contains("payments.csv:2: amount: 1,000,000.00 would pay invoice I2 (10.00) 999,990.00 more than it is owed; record the excess as an unapplied payment with an empty invoice_id"))
        #expect(stderr.contains("payments.csv:3: received_on: 2025-01-05 is before invoice I1 was issued (2026-01-05)"))
    }

    @Test func aForeignCurrencyIsRefused() throws {
        let s = try Imported()
        try s.write("invoices.csv", "invoice_id,client_id,issued_on,due_on,amount,currency\nI9,C1,2026-01-05,2026-02-04,10.00,EUR\n")
        let stderr = try s.refused()
        #expect(stderr.contains("invoices.csv:2: currency: EUR differs from the ledger's currency USD"))
        #expect(stderr.contains("multi-currency ledgers are not supported yet"))
    }

    @Test func anEscapeSequenceInAnIdIsRefusedAndNotPrintedRaw() throws {
        let s = try Imported()
        try s.write("clients.csv", Self.clients + "C\u{1B}[2J\u{1B}]0;pwned\u{7},Evil\n")
        let stderr = try s.refused()
        #expect(stderr.contains("clients.csv:4: client_id: contains a control character (ESC, 0x1B) at position 2"))
        #expect(!stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func aFIFOIsRefusedAtOnce() throws {
        let s = try Imported()
        #expect(mkfifo(s.bundle + "/payments.csv", 0o600) == 0)
        let stderr = try s.refused()
        #expect(stderr == "error: \(s.bundle)/payments.csv: is a FIFO (named pipe), not a regular file; Recoup imports regular files only and read nothing from it\n")
    }

    @Test func aSymbolicLinkLoopIsNamed() throws {
        let s = try Imported()
        try FileManager.default.removeItem(atPath: s.bundle + "/invoices.csv")
        try FileManager.default.createSymbolicLink(atPath: s.bundle + "/invoices.csv", withDestinationPath: s.bundle + "/invoices.csv")
        let stderr = try s.refused()
        #expect(stderr == "error: \(s.bundle)/invoices.csv: too many levels of symbolic links; the links loop, point them at the real file\n")
    }

    @Test func aMappingFolderAndADuplicateKeyAreNamed() throws {
        let s = try Imported()
        try s.write("export.csv", Self.invoices)
        let folderMap = try CLIRunner.run(["import", s.bundle + "/export.csv", "--map", s.folder.path, "--db", s.folder.path + "/new.db"])
        #expect(folderMap.status == 1)
        #expect(folderMap.stderr == "error: \(s.folder.path): is a folder, not a regular file; Recoup imports regular files only and read nothing from it\n")
        #expect(!FileManager.default.fileExists(atPath: s.folder.path + "/new.db"))
        try s.write("map.json", "{\"target\": \"invoices\", \"columns\": {\"amount\": \"amount\", \"amount\": \"number\"}}")
        let before = try s.digest()
        let duplicate = try CLIRunner.run(["import", s.bundle + "/export.csv", "--map", s.bundle + "/map.json", "--db", s.db])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == "error: mapping: columns.amount: the key \"amount\" appears twice in the same object; JSON readers keep only one of them, so remove the other\n")
        #expect(try s.digest() == before)
    }
}
