import Foundation
import Testing

/// On a ledger that is only a snapshot (an invoice export without payment dates), every
/// command that needs payment dates exits 1 with the plain reason and names the export that
/// supplies them (docs/import.md, "Snapshots"); the store is not changed.
@Suite struct SnapshotRefusalCLITests {
    static let policy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("policies/fixed.json").path

    @Test(arguments: [
        ["train"],
        ["features", "export"],
        ["plan", "--policy", policy, "--date", "2025-06-30", "--unverified"],
        ["simulate", "--policy", "history"],
        ["compare", "none"],
        ["tune", "--base", policy, "--vary", "escalation.daysPastDue=30..60/15", "--unverified"],
        ["report", "roi", "--policy", policy, "--unverified"],
        ["report", "leadership", "--policy", policy, "--unverified"],
    ])
    func commandsThatNeedPaymentDatesRefuse(command: [String]) throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/recoup.db"
        let imported = try CLIRunner.run(["import", ImportDryRunCLITests.presetFixture("qbo-invoice-list.csv"),
                                          "--preset", "qbo-invoices", "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let before = FileManager.default.contents(atPath: db)
        let result = try CLIRunner.run(command + ["--db", db])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("this ledger has no payment dates: it is a snapshot of open balances as of 2025-06-30"),
                "\(result.stderr)")
        #expect(result.stderr.contains("--preset qbo-transactions"), "\(result.stderr)")
        // Readers leave the file's bytes as they were; train opens the store for writing (SQLite
        // may checkpoint its log into the file), so for it only the refusal is checked.
        if command != ["train"] { #expect(FileManager.default.contents(atPath: db) == before) }
    }
}
