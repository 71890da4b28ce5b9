import Foundation
import Testing

@Suite struct GenerateCLITests {
    static let policies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("policies")

    @Test func generateWritesABundleAndSummarises() throws {
        let folder = try TemporaryFolder([:])
        let a = try CLIRunner.run(["generate", "--out", folder.path + "/a", "--clients", "25", "--months", "4", "--seed", "3"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.hasPrefix("wrote \(folder.path)/a: 25 clients, "))
        #expect(a.stdout.contains("2026-07-01 to 2026-10-31"))
        let b = try CLIRunner.run(["generate", "--out", folder.path + "/b", "--clients", "25", "--months", "4", "--seed", "3"])
        #expect(b.status == 0)
        for file in ["clients.csv", "invoices.csv", "payments.csv", "actions.csv", "timesheet.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/a/" + file))
            let y = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/b/" + file))
            #expect(x == y, "\(file) differs for the same seed")
        }
    }

    @Test func truthPrintsSpecSixJSON() throws {
        let policy = Self.policies.appendingPathComponent("fixed.json").path
        let r = try CLIRunner.run(["generate", "--truth", "--unverified", "--policy", policy, "--clients", "20", "--months", "3",
                                   "--runs", "2", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let object = try #require(array.first)
        for key in ["policy", "mode", "invoices", "runs", "horizonDays", "dso", "collectionRate", "costPerInvoice",
                    "humanHoursPerWeek", "contactsPerInvoice", "collectionRate90", "writeOffRate"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect((object["runs"] as? Int) == 2)
        let dso = try #require(object["dso"] as? [String: Double])
        #expect((dso["lo"] ?? 0) <= (dso["mean"] ?? 0) && (dso["mean"] ?? 0) <= (dso["hi"] ?? 0))
    }

    @Test func badInputsExitOneWithAReason() throws {
        let folder = try TemporaryFolder(["costs.json": #"{"emial": "0.01"}"#, "policy.json": #"{"schema": "nope"}"#])
        let policy = Self.policies.appendingPathComponent("fixed.json").path
        let costs = try CLIRunner.run(["generate", "--truth", "--unverified", "--policy", policy, "--costs", folder.path + "/costs.json",
                                       "--clients", "2", "--months", "1"])
        #expect(costs.status == 1)
        #expect(costs.stderr.contains("unknown key \"emial\""))
        let bad = try CLIRunner.run(["generate", "--truth", "--unverified", "--policy", folder.path + "/policy.json", "--clients", "2"])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("error: "))
        let usage = try CLIRunner.run(["generate", "--clients", "2"])
        #expect(usage.status != 0 && usage.status != 1)  // a usage error: --out is missing
    }
}
