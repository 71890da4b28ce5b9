import Foundation
import Testing

@Suite struct SimulateCLITests {
    /// generate → import → train → simulate: SPEC §6's JSON array, the same bytes for the same
    /// seed, the back-test printed with the table, and compare putting history first.
    @Test func simulateAndCompareOnAGeneratedLedger() throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/s.db"
        #expect(try CLIRunner.run(["generate", "--out", folder.path + "/bundle", "--clients", "30", "--months", "8",
                                   "--seed", "5"]).status == 0)
        #expect(try CLIRunner.run(["import", folder.path + "/bundle", "--db", db]).status == 0)
        #expect(try CLIRunner.run(["train", "--db", db]).status == 0)
        let args = ["simulate", "--db", db, "--policy", "history", "--policy", "none", "--runs", "6", "--seed", "3", "--format", "json"]
        let a = try CLIRunner.run(args), b = try CLIRunner.run(args)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["policy"] as? String } == ["history", "none"])
        for key in ["mode", "invoices", "runs", "horizonDays", "dso", "collectionRate", "costPerInvoice", "humanHoursPerWeek",
                    "contactsPerInvoice", "collectionRate90", "writeOffRate"] {
            #expect(array[1][key] != nil, "\(key)")
        }
        #expect(array[1]["difference"] != nil && array[0]["backTest"] != nil)

        let table = try CLIRunner.run(["simulate", "--db", db, "--policy", "history", "--runs", "4"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("back-test: history cohort DSO"))

        let compare = try CLIRunner.run(["compare", "none", "--db", db, "--runs", "4", "--format", "csv"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.hasPrefix("policy,mode,figure,mean,lo,hi\nhistory,history,dso,"))
    }

    /// No trained models: exit 1 naming the fix; no policy or a bad --runs: exit 2; a missing
    /// policy file: exit 1 naming it.
    @Test func errors() throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/e.db"
        #expect(try CLIRunner.run(["generate", "--out", folder.path + "/bundle", "--clients", "5", "--months", "3"]).status == 0)
        #expect(try CLIRunner.run(["import", folder.path + "/bundle", "--db", db]).status == 0)
        let untrained = try CLIRunner.run(["simulate", "--db", db, "--policy", "none"])
        #expect(untrained.status == 1)
        #expect(untrained.stderr.contains("run recoup train first"))
        #expect(try CLIRunner.run(["simulate", "--db", db]).status == 2)
        #expect(try CLIRunner.run(["simulate", "--db", db, "--policy", "none", "--runs", "0"]).status == 2)
        let missing = try CLIRunner.run(["simulate", "--db", db, "--policy", folder.path + "/nope.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.json"))
    }
}
