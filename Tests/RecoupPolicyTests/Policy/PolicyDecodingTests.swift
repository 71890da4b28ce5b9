import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// Strict decoding: every kind of mistake is an error naming its JSON path.
@Suite struct PolicyDecodingTests {
    static let specExample = """
    {
      "schema": "recoup.policy/v1", "name": "tiered-copilot", "mode": "copilot",
      "riskModel": { "features": ["late_share"], "intercept": -1.2, "coefficients": [0.3],
                     "means": [0.0], "scales": [1.0], "lateThresholdDays": 15 },
      "tiers": [ { "name": "low", "below": 0.2 }, { "name": "medium", "below": 0.5 }, { "name": "high" } ],
      "cadences": {
        "low":    [ { "day": 3,  "channel": "email", "tone": "soft" },
                    { "day": 14, "channel": "email", "tone": "standard" } ],
        "medium": [ { "day": -3, "channel": "email", "tone": "soft" },
                    { "day": 7,  "channel": "sms",   "tone": "standard" },
                    { "day": 21, "channel": "voice_agent", "tone": "firm" } ],
        "high":   [ { "day": -5, "channel": "email", "tone": "standard" },
                    { "day": 1,  "channel": "voice_agent", "tone": "firm" },
                    { "day": 10, "channel": "call", "actor": "human", "tone": "firm" } ]
      },
      "escalation": { "daysPastDue": 45, "amountOver": null, "riskOver": null, "afterContacts": null,
                      "stopAutomation": true },
      "holds": { "promiseGraceDays": 3, "pauseOnDispute": true, "skipAutopay": true },
      "limits": { "maxContactsPer7Days": 2, "businessDaysOnly": true, "consolidatePerClient": true },
      "copilot": { "approve": ["call", "voice_agent", "firm", "final"], "approvalDelayDays": 1, "reviewMinutes": 1.5 },
      "writeOffAfterDays": 120,
      "provenance": { "ledger": "sha256:ab", "trainedOn": "2026-11-22", "recoupVersion": "0.1.0" },
      "projections": { "dso": 41.2, "collectionRate": 0.963, "costPerInvoice": 1.85 }
    }
    """

    static func load(_ text: String) throws(PolicyError) -> Policy {
        try PolicyDocument.load(data: Data(text.utf8), signature: .unverifiedForAnalysis(trustedKeys: [])).policy
    }

    static func error(_ text: String) -> PolicyError? {
        do { _ = try load(text); return nil } catch { return error }
    }

    @Test func decodesTheSpecExample() throws {
        let p = try Self.load(Self.specExample)
        #expect(p.mode == .copilot)
        #expect(p.tiers.map(\.name) == ["low", "medium", "high"])
        #expect(p.cadences["high"]?[2] == CadenceStep(day: 10, channel: .call, actor: .human, tone: .firm))
        #expect(p.cadences["medium"]?[2].channel == .voiceAgent)
        #expect(p.escalation.daysPastDue == 45 && p.escalation.amountOver == nil)
        #expect(p.provenance?.trainedOn == Day(year: 2026, month: 11, day: 22))
        #expect(abs(try #require(p.projections?.dso) - 41.2) < 1e-12)
    }

    @Test func defaultsAreSpecDefaults() throws {
        let p = try Self.load("""
        {"schema":"recoup.policy/v1","name":"x","mode":"autonomous","tiers":[{"name":"all"}],
         "cadences":{"all":[{"day":1,"channel":"email"}]}}
        """)
        #expect(p.escalation == Escalation(daysPastDue: nil, amountOver: nil, riskOver: nil, afterContacts: nil, stopAutomation: true))
        #expect(p.holds == Holds(promiseGraceDays: 3, pauseOnDispute: true, skipAutopay: false))
        #expect(p.limits == ContactLimits(maxContactsPer7Days: 2, businessDaysOnly: true, consolidatePerClient: false))
        #expect(p.copilot.approve == [.channel(.call), .channel(.voiceAgent), .tone(.firm), .tone(.final)])
        #expect(p.copilot.approvalDelayDays == 1 && abs(p.copilot.reviewMinutes - 1.5) < 1e-12)
        #expect(p.writeOffAfterDays == 120)
        #expect(p.cadences["all"]?[0].actor == .agent && p.cadences["all"]?[0].tone == .standard)
        #expect(p.riskModel == nil && p.signature == nil)
    }

    /// (edit to the spec example, expected path, a word the reason must contain)
    static let fieldErrors: [(String, String, String, String)] = [
        ("\"channel\": \"call\", \"actor\"", "\"channel\": \"fax\", \"actor\"", "cadences.high[2].channel", "unknown channel \"fax\""),
        ("\"tone\": \"soft\" },\n                {", "\"tone\": \"soft\", \"colour\": 1 },\n                {", "cadences.low[0].colour", "unknown field"),
        ("\"promiseGraceDays\": 3", "\"promiseGraceDays\": \"3\"", "holds.promiseGraceDays", "expected a whole number"),
        ("\"promiseGraceDays\": 3", "\"promiseGraceDays\": 2.5", "holds.promiseGraceDays", "whole number"),
        ("\"mode\": \"copilot\"", "\"mode\": \"auto\"", "mode", "unknown mode \"auto\""),
        ("\"schema\": \"recoup.policy/v1\",", "", "schema", "required field \"schema\" is missing"),
        ("\"recoup.policy/v1\"", "\"recoup.policy/v2\"", "schema", "unsupported schema"),
        ("\"approve\": [\"call\"", "\"approve\": [\"phone\"", "copilot.approve[0]", "unknown approval trigger"),
        ("\"tiers\": [", "\"tierz\": 1, \"tiers\": [", "tierz", "unknown field"),
        ("\"stopAutomation\": true", "\"stopAutomation\": null", "escalation.stopAutomation", "expected true or false"),
        ("\"trainedOn\": \"2026-11-22\"", "\"trainedOn\": \"2026-02-30\"", "provenance.trainedOn", "not a day"),
        ("\"daysPastDue\": 45, \"amountOver\": null", "\"daysPastDue\": 45, \"amountOver\": 12.345", "escalation.amountOver", "at most 2 decimals"),
        ("\"intercept\": -1.2", "\"intercept\": [1]", "riskModel.intercept", "expected a number"),
    ]

    @Test(arguments: fieldErrors) func fieldErrorNamesItsPath(_ row: (String, String, String, String)) throws {
        let text = Self.specExample.replacingOccurrences(of: row.0, with: row.1)
        #expect(text != Self.specExample, "the edit must apply")
        let error = try #require(Self.error(text))
        guard case .field(let path, let reason) = error else { Issue.record("expected a field error, got \(error)"); return }
        #expect(path == row.2)
        #expect(reason.contains(row.3), "\(reason)")
    }

    @Test func validationListsEveryProblemAtOnce() throws {
        let text = """
        {"schema":"recoup.policy/v1","name":"bad","mode":"autonomous",
         "riskModel":{"features":["late_share","shoe_size"],"intercept":0,"coefficients":[1],"scales":[1,0]},
         "tiers":[{"name":"low","below":0.5},{"name":"mid","below":0.4},{"name":"high","below":0.9}],
         "cadences":{"low":[{"day":10,"channel":"email"},{"day":5,"channel":"email"}],"mid":[],"extra":[]},
         "limits":{"maxContactsPer7Days":0},
         "escalation":{"afterContacts":0},
         "writeOffAfterDays":8}
        """
        guard case .invalid(let problems)? = Self.error(text) else { Issue.record("expected invalid"); return }
        let paths = Set(problems.map(\.path))
        for expected in ["tiers[1].below", "tiers[2].below", "cadences", "cadences.extra", "cadences.low[1].day",
                         "cadences.low[0].day", "riskModel.features[1]", "riskModel.coefficients",
                         "riskModel.scales[1]", "limits.maxContactsPer7Days", "escalation.afterContacts"] {
            #expect(paths.contains(expected), "missing problem at \(expected): \(problems)")
        }
        // The message quotes the bad value.
        #expect(problems.contains { $0.message.contains("\"shoe_size\"") })
        #expect(problems.contains { $0.path == "cadences" && $0.message.contains("\"high\"") })
    }

    @Test func multiTierNeedsARiskModel() {
        var p = PolicyTemplate.tiered.policy
        p.riskModel = nil
        #expect(p.validate().contains { $0.path == "riskModel" })
    }

    @Test(arguments: PolicyTemplate.allCases) func templatesAreValidAndRoundTrip(_ template: PolicyTemplate) throws {
        let p = template.policy
        #expect(p.validate() == [])
        #expect(try Policy(json: p.jsonValue) == p)
        let reread = try Self.load(template.fileContents)
        #expect(reread == p)
        // Codable through JSONEncoder/JSONDecoder gives the same policy.
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(Policy.self, from: data) == p)
    }
}
