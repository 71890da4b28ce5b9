import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

/// Actions a policy takes that the history never or rarely shows (issue 18 item 3).
@Suite struct ActionSupportTests {
    /// A history of 200 agent emails and 1 call (0.5% of contacts: rare). A policy with an
    /// email, an sms, a voice-agent step and an escalation call: sms and voice_agent never
    /// appear, the call is rare, the email is supported.
    @Test func namesUnsupportedActions() throws {
        var ledger = ReplayFixtures.ledger(clients: 1, perClient: 1)
        let id = ledger.invoices[0].id
        for i in 0..<200 { ledger.actions.append(CollectionAction(id: "E\(i)", invoiceID: id, at: ReplayFixtures.monday + i, channel: .email)) }
        ledger.actions.append(CollectionAction(id: "C", invoiceID: id, at: ReplayFixtures.monday, channel: .call, actor: .human))
        var policy = Policy(name: "mixed", mode: .autonomous, tiers: [Tier(name: "all")],
                            cadences: ["all": [CadenceStep(day: 1, channel: .email), CadenceStep(day: 7, channel: .sms),
                                               CadenceStep(day: 14, channel: .voiceAgent)]])
        policy.escalation.daysPastDue = 45
        let support = try #require(ActionSupport.check(try ReplayPolicy(policy: policy), ledger: ledger))
        #expect(support.never == ["sms", "voice_agent"])
        #expect(support.rarely == ["call"])
        #expect(support.lines[0] == "support mixed: sms and voice_agent never appear in this history; their effects are the prior's")
        #expect(ActionSupport.check(.history, ledger: ledger) == nil)
        // In manual mode every step is a person's, and the voice agent becomes a call.
        policy.mode = .manual
        let manual = try #require(ActionSupport.check(try ReplayPolicy(policy: policy), ledger: ledger))
        #expect(manual.never == ["email by a person", "sms by a person"])
        #expect(manual.rarely == ["call"])
    }
}
