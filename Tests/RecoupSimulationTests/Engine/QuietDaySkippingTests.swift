import Foundation
import RecoupPolicy
import RecoupPolicyAuthoring
import Testing
@testable import RecoupSimulation

/// Skipping the days `PolicyEngine.nextDecisionDay` says are quiet gives the same bytes as
/// calling `decide` every day, across modes, tiers, escalation, consolidation, promises,
/// disputes and partial payments.
@Suite struct QuietDaySkippingTests {
    @Test func skippingQuietDaysChangesNothing() throws {
        var behaviour = ReplayDeterminismTests.behaviour()
        behaviour.promiseGivenReach = [0.15, 0.15, 0.3, 0.4, 0.05]
        behaviour.disputeByTone = [0.02, 0.03, 0.05, 0.08]
        behaviour.partialPayment = 0.3
        var escalating = PolicyTemplate.fixed.policy
        escalating.name = "escalating"
        escalating.escalation = Escalation(daysPastDue: 20, afterContacts: 2)
        escalating.limits.consolidatePerClient = true
        escalating.limits.maxContactsPer7Days = 1
        let policies = try [ReplayPolicy.none, ReplayPolicy(policy: PolicyTemplate.tiered.policy),
                            ReplayPolicy(policy: PolicyTemplate.copilot.policy), ReplayPolicy(policy: PolicyTemplate.manual.policy),
                            ReplayPolicy(policy: escalating)]
        var ledger = ReplayFixtures.ledger(clients: 25, perClient: 6)
        ledger.invoices.append(Invoice(id: "I000-98", clientID: "C000", issuedOn: ReplayFixtures.monday + 1,
                                       dueOn: ReplayFixtures.monday + 31, amount: Money(minorUnits: 9_999)))
        let cohort = try ReplayCohort(ledger: ledger)
        var skip = SimulationOptions(runs: 6, seed: 21)
        var every = skip
        every.skipsQuietDays = false
        skip.skipsQuietDays = true
        let a = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: policies, options: skip)
        let b = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: policies, options: every)
        #expect(a.values == b.values)
        #expect(a.values.contains { $0 > 0 })
    }
}
