import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// `policy diff` and `policy show` in policy terms.
@Suite struct PolicySummaryTests {
    @Test func differencesInPolicyTerms() {
        let old = PolicyTemplate.tiered.policy
        var new = old
        new.limits.maxContactsPer7Days = 3
        new.cadences["high"]?[1].tone = .final                       // +1 voice_agent firm → final
        new.cadences["low"]?.append(CadenceStep(day: 45, channel: .letter, tone: .final))
        new.cadences["medium"]?.removeFirst()                        // -3 email
        new.tiers[0].below = 0.25
        new.riskModel?.coefficients[0] = 1.1
        new.escalation.daysPastDue = nil
        let lines = new.differences(from: old).map(\.description)
        #expect(lines == [
            "riskModel.late_share: coefficient 0.9 → 1.1",
            "tiers.low: risk below 0.2 → 0.25",
            "cadences.low: added +45 letter, final",
            "cadences.medium: removed -3 email, soft",
            "cadences.high: +1 voice_agent, firm → +1 voice_agent, final",
            "escalation.daysPastDue: 45 → off",
            "limits.maxContactsPer7Days: 2 → 3",
        ])
        #expect(old.differences(from: old) == [])
    }

    @Test func showListsTiersTimelinesAndSettings() {
        let text = PolicyTemplate.copilot.policy.summary()
        for expected in ["Mode: copilot", "medium 0.2 ≤ risk < 0.5", "high   risk ≥ 0.5", "+10 call, firm (approval)",
                         "-3 email, soft", "Escalation: at 45 days past due, or open balance over 25000.00 once past due",
                         "Write-off: at 120 days past due."] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        // Manual mode shows voice-agent steps as calls by a person.
        var manual = PolicyTemplate.tiered.policy
        manual.mode = .manual
        #expect(manual.summary().contains("+1 call, firm"))
        #expect(manual.summary().contains("-5 email by a person, standard"))
    }
}
