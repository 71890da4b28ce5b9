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

    @Test func historyKindsAreParsedAndWritten() throws {
        let folder = try TemporaryFolder([:])
        let manual = try CLIRunner.run(["generate", "--out", folder.path + "/m", "--clients", "25", "--months", "4", "--seed", "3",
                                        "--history", "manual"])
        #expect(manual.status == 0, "\(manual.stderr)")
        #expect(manual.stdout.hasSuffix("\nhistory: manual\n"), "\(manual.stdout)")
        let actions = try String(contentsOfFile: folder.path + "/m/actions.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!actions.isEmpty)
        // action_id,invoice_id,at,channel,actor,tone,outcome,minutes,propensity: a person, minutes, no propensity.
        for line in actions {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 9 && fields[4] == "human" && !fields[7].isEmpty && fields[8].isEmpty, "\(line)")
        }
        // The default is the randomised history, whose summary line is unchanged.
        let byDefault = try CLIRunner.run(["generate", "--out", folder.path + "/d", "--clients", "25", "--months", "4", "--seed", "3"])
        let randomised = try CLIRunner.run(["generate", "--out", folder.path + "/r", "--clients", "25", "--months", "4", "--seed", "3",
                                            "--history", "randomised"])
        #expect(byDefault.status == 0 && randomised.status == 0)
        #expect(!byDefault.stdout.contains("history"))
        for file in ["actions.csv", "timesheet.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/d/" + file))
            let y = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/r/" + file))
            #expect(x == y, "--history randomised differs from the default in \(file)")
        }
    }

    @Test func historyPolicyFileIsLoadedUnderTheTrustRules() throws {
        let folder = try TemporaryFolder([:])
        let policy = Self.policies.appendingPathComponent("fixed.json").path
        let unsigned = try CLIRunner.run(["generate", "--out", folder.path + "/u", "--clients", "10", "--months", "2",
                                          "--history", policy])
        #expect(unsigned.status == 1)
        #expect(unsigned.stderr.contains("\(policy): the policy is not signed"), "\(unsigned.stderr)")
        let analysed = try CLIRunner.run(["generate", "--out", folder.path + "/a", "--clients", "10", "--months", "2",
                                          "--history", policy, "--unverified"])
        #expect(analysed.status == 0, "\(analysed.stderr)")
        #expect(analysed.stdout.contains("(UNVERIFIED policy)"))
        let missing = try CLIRunner.run(["generate", "--out", folder.path + "/x", "--clients", "10", "--months", "2",
                                         "--history", folder.path + "/nowhere.json", "--unverified"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere.json"), "\(missing.stderr)")
    }

    @Test func unknownHistoryKindIsAUsageErrorListingTheKinds() throws {
        let folder = try TemporaryFolder([:])
        let r = try CLIRunner.run(["generate", "--out", folder.path + "/w", "--clients", "2", "--history", "weekly"])
        #expect(r.status == 2, "status \(r.status)")
        #expect(r.stderr.contains("unknown --history 'weekly': use one of randomised, fixed, manual, tiered or a recoup.policy/v1 FILE.json"),
                "\(r.stderr)")
        let truth = try CLIRunner.run(["generate", "--truth", "--unverified", "--policy", Self.policies.appendingPathComponent("fixed.json").path,
                                       "--history", "manual", "--clients", "2"])
        #expect(truth.status != 0 && truth.status != 1)
        #expect(truth.stderr.contains("--history is for the bundle"))
    }
}
