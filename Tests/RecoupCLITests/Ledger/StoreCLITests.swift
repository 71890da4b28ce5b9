import Foundation
import Testing

/// How every command treats the `--db` it is given: only `import` creates a store; read-only
/// commands leave no file at a mistyped path, never change a byte of a file that is not
/// Recoup's, and can report on a store the user may only read.
@Suite struct StoreCLITests {
    static func policy(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("policies/\(name).json").path
    }

    /// Every command that reads the store, with the arguments it needs besides `--db`
    /// (`train` writes models, but only into a store that exists; the bundled policies are
    /// unsigned, so the commands that use one run them `--unverified`).
    static let readers: [[String]] = [
        ["report", "kpis"], ["report", "aging"], ["report", "time-audit"], ["features", "export"], ["train"],
        ["simulate", "--policy", "none"], ["compare", "none"], ["report", "roi", "--unverified", "--policy", policy("fixed")],
        ["tune", "--unverified", "--base", policy("fixed"), "--vary", "escalation.daysPastDue=30..60/10"],
        ["plan", "--unverified", "--policy", policy("fixed"), "--date", "2026-01-05"], ["reconcile"],
    ]

    /// A small bundle: two clients, three invoices, one payment, one timesheet row.
    static let bundle = [
        "clients.csv": "client_id,name\nC1,One\nC2,Two\n",
        "invoices.csv": "invoice_id,client_id,issued_on,due_on,amount\nI1,C1,2026-01-05,2026-02-04,100.00\n"
            + "I2,C2,2026-01-20,2026-02-19,250.00\nI3,C1,2026-02-10,2026-03-12,75.50\n",
        "payments.csv": "payment_id,client_id,received_on,amount,invoice_id\nP1,C1,2026-02-06,100.00,I1\n",
        "timesheet.csv": "date,person,task,minutes\n2026-01-06,Dana,reminders,30\n",
    ]

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test(arguments: readers)
    func aMistypedStoreLeavesNoFileBehind(arguments: [String]) throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/typo.db"
        let run = try CLIRunner.run(arguments + ["--db", db])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\(db): no ledger store here; import a ledger first with `recoup import PATH`"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test(arguments: readers)
    func anEmptyOrFolderStoreIsNamed(arguments: [String]) throws {
        let empty = try CLIRunner.run(arguments + ["--db", ""])
        #expect(empty.status == 2, "\(empty.stderr)")
        #expect(empty.stderr.contains("--db is empty"), "\(empty.stderr)")
        #expect(!empty.stderr.contains("WAL"))
        let folder = try TemporaryFolder([:])
        let run = try CLIRunner.run(arguments + ["--db", folder.path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\(folder.path): is a folder, not a ledger store"), "\(run.stderr)")
    }

    /// Another application's SQLite file (a Recoup store whose header's application_id says it
    /// is someone else's) and a text file: every reader, and import, refuses them, byte for
    /// byte unchanged.
    @Test func aFileThatIsNotRecoupsIsRefusedUntouched() throws {
        let folder = try TemporaryFolder(Self.bundle)
        let db = folder.path + "/other.db"
        let imported = try CLIRunner.run(["import", folder.path, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let handle = try #require(FileHandle(forUpdatingAtPath: db))
        try handle.seek(toOffset: 68)
        try handle.write(contentsOf: Data([0x0B, 0xAD, 0xF0, 0x0D]))
        try handle.close()
        let text = folder.path + "/notes.txt"
        try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: text))
        for (path, reason) in [(db, "another application's SQLite database: application_id 0x0BADF00D"),
                               (text, "not an SQLite database")] {
            let before = try #require(Self.bytes(path))
            for arguments in Self.readers + [["import", folder.path]] {
                let run = try CLIRunner.run(arguments + ["--db", path])
                #expect(run.status == 1, "\(arguments) \(run.stderr)")
                #expect(run.stderr.contains("\(path): not a Recoup ledger store (\(reason)); it was left untouched"),
                        "\(arguments) \(run.stderr)")
                #expect(Self.bytes(path) == before, "\(arguments)")
            }
        }
    }

    /// A store the user may only read (0444, no -wal or -shm file beside it) is reported on,
    /// and its bytes stay as they were.
    @Test func aReadOnlyStoreCanBeReportedOn() throws {
        let folder = try TemporaryFolder(Self.bundle)
        let db = folder.path + "/ro.db"
        let imported = try CLIRunner.run(["import", folder.path, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
        chmod(db, 0o444)
        defer { chmod(db, 0o644) }
        let before = try #require(Self.bytes(db))
        for arguments in [["report", "kpis", "--format", "json"], ["report", "aging"], ["report", "time-audit"]] {
            let run = try CLIRunner.run(arguments + ["--db", db])
            #expect(run.status == 0, "\(arguments) \(run.stderr)")
            #expect(Self.bytes(db) == before, "\(arguments)")
        }
        let aging = try CLIRunner.run(["report", "aging", "--as-of", "2026-03-01", "--db", db, "--format", "json"])
        #expect(aging.stdout.contains("325.5"), "\(aging.stdout)")
    }

    /// A day argument outside 1900-01-01…2199-12-31 is bad usage naming the option and the range.
    @Test(arguments: [["report", "kpis", "--to", "9999-12-31"], ["report", "aging", "--as-of", "1899-12-31"],
                      ["train", "--until", "2200-01-01"], ["simulate", "--policy", "none", "--from", "0001-01-01"],
                      ["plan", "--policy", policy("fixed"), "--date", "9999-01-01"]])
    func aDayOutsideTheSupportedRangeIsBadUsage(arguments: [String]) throws {
        let folder = try TemporaryFolder([:])
        let run = try CLIRunner.run(arguments + ["--db", folder.path + "/r.db"])
        #expect(run.status == 2, "\(run.stderr)")
        let option = try #require(arguments.first { $0.hasPrefix("--") && $0 != "--policy" })
        #expect(run.stderr.contains(option), "\(run.stderr)")
        #expect(run.stderr.contains("is outside the supported days, 1900-01-01 to 2199-12-31"), "\(run.stderr)")
    }
}
