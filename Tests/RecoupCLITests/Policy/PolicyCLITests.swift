import Foundation
import Testing

/// The policy commands end to end through the built binary: exit codes and messages.
@Suite struct PolicyCLITests {
    @Test func initValidateSignVerifyAndTamper() throws {
        let folder = try TemporaryFolder([:])
        let p = folder.path
        var r = try CLIRunner.run(["policy", "init", "--template", "copilot", "--out", "\(p)/pol.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(p)/pol.README.md"))
        r = try CLIRunner.run(["policy", "init", "--template", "copilot", "--out", "\(p)/pol.json"])
        #expect(r.status == 1 && r.stderr.contains("--force"))
        r = try CLIRunner.run(["policy", "validate", "\(p)/pol.json"])
        #expect(r.status == 0 && r.stdout.contains("valid: \"tiered-copilot\", copilot, 3 tiers; unsigned"))
        r = try CLIRunner.run(["keys", "generate", "--out", "\(p)/k"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try CLIRunner.run(["policy", "verify", "--pub", "\(p)/k.pub", "\(p)/pol.json"])
        #expect(r.status == 1 && r.stderr.contains("not signed"))
        r = try CLIRunner.run(["policy", "sign", "--key", "\(p)/k.key", "\(p)/pol.json"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try CLIRunner.run(["policy", "verify", "--pub", "\(p)/k.pub", "\(p)/pol.json"])
        #expect(r.status == 0 && r.stdout.contains("verified"), "\(r.stderr)")
        let text = try String(contentsOfFile: "\(p)/pol.json", encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"approvalDelayDays\": 1", with: "\"approvalDelayDays\": 0").utf8)
            .write(to: URL(fileURLWithPath: "\(p)/pol.json"))
        r = try CLIRunner.run(["policy", "verify", "--pub", "\(p)/k.pub", "\(p)/pol.json"])
        #expect(r.status == 1 && r.stderr.contains("changed after it was signed"), "\(r.stderr)")
    }

    @Test func invalidPolicyListsProblemsAndExitsOne() throws {
        let folder = try TemporaryFolder(["bad.json": """
        {"schema":"recoup.policy/v1","name":"bad","mode":"autonomous","tiers":[{"name":"a","below":0.5},{"name":"b"}],
         "cadences":{"a":[{"day":200,"channel":"email"}]}}
        """, "typo.json": """
        {"schema":"recoup.policy/v1","name":"t","mode":"autonomous","tiers":[{"name":"a"}],
         "cadences":{"a":[{"day":1,"channel":"fax"}]}}
        """])
        var r = try CLIRunner.run(["policy", "validate", folder.path + "/bad.json"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("riskModel") && r.stderr.contains("cadences.a[0].day") && r.stderr.contains("tier \"b\""), "\(r.stderr)")
        r = try CLIRunner.run(["policy", "validate", folder.path + "/typo.json"])
        #expect(r.status == 1 && r.stderr.contains("cadences.a[0].channel: unknown channel \"fax\""), "\(r.stderr)")
        r = try CLIRunner.run(["policy", "init", "--template", "nonsense"])
        #expect(r.status == 64 || r.status == 2)
    }

    @Test func showAndDiff() throws {
        let folder = try TemporaryFolder([:])
        for t in ["tiered", "copilot"] {
            _ = try CLIRunner.run(["policy", "init", "--template", t, "--out", "\(folder.path)/\(t).json"])
        }
        var r = try CLIRunner.run(["policy", "show", "\(folder.path)/copilot.json"])
        #expect(r.status == 0 && r.stdout.contains("Cadences") && r.stdout.contains("+10 call, firm (approval)"))
        r = try CLIRunner.run(["policy", "diff", "\(folder.path)/tiered.json", "\(folder.path)/copilot.json"])
        #expect(r.status == 0 && r.stdout.contains("mode: \"autonomous\" → \"copilot\""), "\(r.stdout)")
        r = try CLIRunner.run(["policy", "diff", "\(folder.path)/tiered.json", "\(folder.path)/tiered.json"])
        #expect(r.stdout.contains("no differences"))
    }
}
