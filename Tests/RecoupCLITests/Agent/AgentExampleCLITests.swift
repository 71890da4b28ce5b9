import Foundation
import Testing

/// The runnable example of docs/agent-api.md (`Sources/agent-example/main.swift`): a program
/// that links RecoupPolicy only loads a policy signed with `recoup policy sign`, trusting the
/// public key it is given, and prints the day's decisions; it refuses an unsigned or tampered
/// policy with exit status 1.
@Suite struct AgentExampleCLITests {
    static func agent(_ arguments: [String]) throws -> CLIRunner.Result {
        let binary = try #require(CLIRunner.product(named: "agent-example"), "build the agent-example product first")
        return try CLIRunner.run(executable: binary, arguments)
    }

    @Test func printsTheDecisionsOfASignedPolicyAndRefusesOthers() throws {
        let folder = try TemporaryFolder([:])
        let p = folder.path
        for arguments in [["policy", "init", "--template", "tiered", "--out", "\(p)/policy.json"],
                          ["keys", "generate", "--out", "\(p)/agent"]] {
            let r = try CLIRunner.run(arguments)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let unsigned = try Self.agent(["\(p)/policy.json", "\(p)/agent.pub"])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("not signed"), "\(unsigned.stderr)")

        let sign = try CLIRunner.run(["policy", "sign", "--key", "\(p)/agent.key", "\(p)/policy.json"])
        #expect(sign.status == 0, "\(sign.stderr)")
        let run = try Self.agent(["\(p)/policy.json", "\(p)/agent.pub", "2026-11-30"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("policy tiered-autonomous (signed by key ") == true, "\(run.stdout)")
        #expect(lines.first?.hasSuffix("verified), 2026-11-30") == true, "\(run.stdout)")
        // The four invoices are open on 2026-11-30. INV-101 has 1,000.00 left of 1,800.00, is
        // 60 days past due (due 2026-10-01) and escalated (the template escalates at 45);
        // INV-103 is held by its open dispute. INV-104 (due 2026-11-26) gets the low tier's
        // +3 soft email, moved from the weekend to Monday.
        #expect(lines.filter { $0.hasPrefix("INV-") }.count == 4, "\(run.stdout)")
        #expect(lines.contains("INV-101 acme 1000.00 dpd 60 tier low escalated: 0 contacts"), "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("INV-103 birch 5200.00 ") && $0.contains(" held: ") }, "\(run.stdout)")
        #expect(lines.contains("contact cedar about INV-104: email, soft, by agent, today"), "\(run.stdout)")
        // Deterministic: the same inputs print the same decisions.
        #expect(try Self.agent(["\(p)/policy.json", "\(p)/agent.pub", "2026-11-30"]).stdout == run.stdout)

        let text = try String(contentsOfFile: "\(p)/policy.json", encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"writeOffAfterDays\": 120", with: "\"writeOffAfterDays\": 90").utf8)
            .write(to: URL(fileURLWithPath: "\(p)/policy.json"))
        let tampered = try Self.agent(["\(p)/policy.json", "\(p)/agent.pub"])  // the default day
        #expect(tampered.status == 1 && tampered.stderr.contains("changed after it was signed"), "\(tampered.stderr)")
    }

    /// docs/agent-api.md shows the example's code as it is, so the page cannot drift from the
    /// program this suite runs.
    @Test func theAgentAPIPageShowsTheExampleVerbatim() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("Sources/agent-example/main.swift"), encoding: .utf8)
        let page = try String(contentsOf: root.appendingPathComponent("docs/agent-api.md"), encoding: .utf8)
        #expect(page.contains("```swift\n" + source + "```\n"), "docs/agent-api.md: paste Sources/agent-example/main.swift again")
    }
}
