import Foundation
import Testing

@Suite struct DemoCLITests {
    /// `recoup demo` on a small world: every step's file is written, the comparison lists the
    /// history, no reminders and the four bundled policies with the back-test, the HTML page is
    /// self-contained, the worklist is for the next business day (the ledger ends on Saturday
    /// 2026-10-31, so Monday 2026-11-02), and a second run into the same folder replaces the
    /// outputs with the same bytes (same seed).
    @Test func demoWritesEveryOutput() throws {
        let folder = try TemporaryFolder([:])
        let out = folder.path + "/demo"
        let args = ["demo", "--out", out, "--clients", "25", "--months", "9", "--runs", "4"]
        let first = try CLIRunner.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        let files = ["import.txt", "kpis.md", "kpis.html", "aging.md", "train.txt", "compare.txt", "compare.html", "time-audit.md",
                     "roi.md", "leadership.md", "leadership.html", "plan.txt", "recoup.db", "bundle/invoices.csv", "policies/fixed.json"]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
        }
        // The demo firm's bookkeeper chases by hand (`--history manual`): every action a person's, with minutes.
        let actions = try String(contentsOfFile: out + "/bundle/actions.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!actions.isEmpty && actions.allSatisfy { $0.contains(",human,") }, "the demo history is not chased by hand")
        let compare = try String(contentsOfFile: out + "/compare.txt", encoding: .utf8)
        for name in ["history", "none", "fixed", "tiered-autonomous", "tiered-copilot", "manual", "back-test:"] {
            #expect(compare.contains(name), "compare.txt lacks \(name)")
        }
        let html = try String(contentsOfFile: out + "/compare.html", encoding: .utf8)
        // Self-contained: inline SVG, and no URL but the SVG namespace name (not fetched).
        let urls = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(html.contains("<svg") && !urls.contains("http://") && !urls.contains("https://"))
        let plan = try String(contentsOfFile: out + "/plan.txt", encoding: .utf8)
        #expect(plan.hasPrefix("Worklist for 2026-11-02"))
        #expect(first.stdout.contains("Done in"))
        // The policies are signed with the throwaway demo key and used verified: no output is
        // marked unverified, the worklist says verified, the private key is 0600.
        #expect(plan.contains("signature verified") && !plan.contains("UNVERIFIED"), "\(plan.prefix(200))")
        #expect(!compare.contains("UNVERIFIED"))
        let mode = try FileManager.default.attributesOfItem(atPath: out + "/demo.key")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let verify = try CLIRunner.run(["policy", "verify", "--pub", out + "/demo.pub", out + "/policies/tiered-copilot.json"])
        #expect(verify.status == 0 && verify.stdout.contains("verified"), "\(verify.stderr)")
        let signedPolicy = try Data(contentsOf: URL(fileURLWithPath: out + "/policies/tiered-copilot.json"))
        let demoKey = try Data(contentsOf: URL(fileURLWithPath: out + "/demo.key"))

        // The time audit projects the copilot policy's hours; no output carries stub text.
        let audit = try String(contentsOfFile: out + "/time-audit.md", encoding: .utf8)
        #expect(audit.contains("Under tiered-copilot: hours per week (mean [95% interval])"), "\(audit)")
        // The leadership page leads with the verdict and is one self-contained page.
        let leadership = try String(contentsOfFile: out + "/leadership.html", encoding: .utf8)
        let verdictAt = try #require(leadership.range(of: ">Verdict<")), hoursAt = try #require(leadership.range(of: ">Where the hours go<"))
        #expect(verdictAt.lowerBound < hoursAt.lowerBound)
        let leadershipURLs = leadership.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!leadershipURLs.contains("http://") && !leadershipURLs.contains("https://"))
        let texts = ["import.txt", "kpis.md", "aging.md", "train.txt", "compare.txt", "time-audit.md", "reconcile.txt", "roi.md",
                     "leadership.md", "leadership.html", "plan.txt"]
        var before: [String: Data] = [:]
        for file in texts {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
            before[file] = data
            #expect(!String(decoding: data, as: UTF8.self).contains("not available"), "\(file) has stub text")
        }

        let second = try CLIRunner.run(args)
        #expect(second.status == 0, "\(second.stderr)")
        for file in texts {
            let again = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
            #expect(again == before[file], "\(file) changed between two runs with the same seed")
        }
        // The same seed derives the same key, so the signed policies are byte-identical too.
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/policies/tiered-copilot.json")) == signedPolicy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/demo.key")) == demoKey)
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let r = try CLIRunner.run(["demo", "--clients", "3"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--clients"))
    }
}
