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
        #expect(support.never == ["sms by an agent", "voice_agent"])
        #expect(support.rarely == ["call"])
        #expect(support.lines[0] == "support mixed: sms by an agent and voice_agent never appear in this history; their effects are the prior's")
        #expect(ActionSupport.check(.history, ledger: ledger) == nil)
        // In manual mode every step is a person's, and the voice agent becomes a call.
        policy.mode = .manual
        let manual = try #require(ActionSupport.check(try ReplayPolicy(policy: policy), ledger: ledger))
        #expect(manual.never == ["email by a person", "sms by a person"])
        #expect(manual.rarely == ["call"])
    }

    /// A history of 100 standard-tone agent emails at 0…33 days past due. A two-tier policy: low
    /// risk gets a soft email 3 days before the due date, high risk an sms at 10 days and a firm
    /// email at 20. The sms never appears (used by tier high only), and no contact was ever made
    /// before the due date (band "< 0"). Soft is supported (the model treats it as standard, a
    /// tone the history shows); firm is not (no firm or final contact).
    @Test func namesTonesTimingAndTiers() throws {
        var ledger = ReplayFixtures.ledger(clients: 1, perClient: 1)
        let invoice = ledger.invoices[0]
        for i in 0..<100 {
            ledger.actions.append(CollectionAction(id: "E\(i)", invoiceID: invoice.id, at: invoice.dueOn + i / 3, channel: .email))
        }
        let policy = Policy(name: "tiers", mode: .autonomous, riskModel: RiskModel(features: [RiskFeature.allCases[0].rawValue], intercept: 0, coefficients: [0.5]),
                            tiers: [Tier(name: "low", below: 0.5), Tier(name: "high")],
                            cadences: ["low": [CadenceStep(day: -3, channel: .email, tone: .soft)],
                                       "high": [CadenceStep(day: 10, channel: .sms), CadenceStep(day: 20, channel: .email, tone: .firm)]])
        let support = try #require(ActionSupport.check(try ReplayPolicy(policy: policy), ledger: ledger))
        #expect(support.never == ["sms by an agent (high)"])
        #expect(support.neverTones == ["firm"])
        #expect(support.neverTiming == ["< 0"])
        #expect(support.rareTiming.isEmpty && support.rareTones.isEmpty)
        let text = support.lines.joined(separator: "\n")
        #expect(text.contains("support tiers: the history made no contact at < 0 days past due, where this policy has steps"))
        #expect(text.contains("support tiers: no contact in this history had a tone like firm; the firm-tone effect is the prior's"))
        #expect(support.json.contains("\"neverTiming\": [\"< 0\"]"))
    }
}
