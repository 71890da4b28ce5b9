import Foundation
import RecoupPolicy
import RecoupPolicyAuthoring
import Testing
@testable import RecoupSimulation

/// Replaying a tuning grid's points together (`SimulationOptions.sharesWork`,
/// `ClientReplay.replayShared`) gives every policy exactly the tallies of its own replay.
@Suite struct SharedReplayTests {
    /// Promises, disputes (from contacts and from the ledger), credit notes, partial payments,
    /// autopay clients.
    static func world() throws -> (ReplayCohort, ReplayBehaviour) {
        var behaviour = ReplayDeterminismTests.behaviour()
        behaviour.promiseGivenReach = [0.15, 0.15, 0.3, 0.4, 0.05]
        behaviour.disputeByTone = [0.02, 0.03, 0.05, 0.08]
        behaviour.partialPayment = 0.3
        behaviour.fatigueCoefficient = -0.2
        behaviour.autopaySuccess = 0.7
        var ledger = ReplayFixtures.ledger(clients: 30, perClient: 8)
        for c in stride(from: 1, to: 30, by: 6) { ledger.clients[c].autopay = true }
        for c in stride(from: 0, to: 30, by: 4) {
            let id = String(format: "I%03d-%02d", c, 2)
            let issued = ReplayFixtures.monday + (c % 5) + 14
            ledger.disputes.append(Dispute(invoiceID: id, openedOn: issued + 33, resolvedOn: issued + 45))
            ledger.adjustments.append(Adjustment(invoiceID: String(format: "I%03d-%02d", c, 3), on: issued + 7 + 40,
                                                 amount: Money(minorUnits: 40_000), kind: .creditNote))
        }
        return (try ReplayCohort(ledger: ledger), behaviour)
    }

    /// Grid points around `base`, each changing one or two fields.
    static func grid(_ base: Policy, _ name: String) -> [Policy] {
        var out: [Policy] = []
        for (i, days) in [10, 20, 35].enumerated() {
            for (j, step) in [0, 3].enumerated() {
                var p = base
                p.name = "\(name)-\(i)-\(j)"
                p.escalation.daysPastDue = days
                if let tier = p.tiers.last?.name, var steps = p.cadences[tier], steps.count > 1 {
                    steps[1].day = max(steps[0].day + 1, steps[1].day + step)
                    p.cadences[tier] = steps
                }
                out.append(p)
            }
        }
        return out
    }

    static func policies() throws -> [ReplayPolicy] {
        var consolidating = PolicyTemplate.fixed.policy
        consolidating.limits.consolidatePerClient = true
        consolidating.limits.maxContactsPer7Days = 1
        consolidating.escalation = Escalation(daysPastDue: 20, afterContacts: 2)
        var copilots = grid(PolicyTemplate.copilot.policy, "copilot")
        for (i, delay) in [0, 2].enumerated() { copilots[i].copilot.approvalDelayDays = delay }
        var tiered = grid(PolicyTemplate.tiered.policy, "tiered")
        tiered[1].tiers[0].below = 0.05
        let all = [PolicyTemplate.manual.policy] + grid(consolidating, "consolidating") + tiered + copilots
        return [ReplayPolicy.history] + (try all.map { try ReplayPolicy(policy: $0) }) + [ReplayPolicy.none]
    }

    @Test func sharedReplayGivesEachPolicyItsOwnTallies() throws {
        let (cohort, behaviour) = try Self.world()
        let policies = try Self.policies()
        var alone = SimulationOptions(runs: 5, seed: 33)
        alone.sharesWork = false
        var shared = alone
        shared.sharesWork = true
        let a = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: policies, options: alone)
        let b = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: policies, options: shared)
        let differing = zip(a.values, b.values).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(a.values.count == b.values.count)
        #expect(differing.count == 0, "tally slots differ, the first at \(Array(differing.prefix(5)))")
        #expect(a.lastDay == b.lastDay)
        // The grid's points really differ (else sharing would be trivially exact).
        let width = ReplayTally.width, cost = ReplayTally.Field.cost.rawValue
        let costs = (0..<policies.count).map { p in (0..<5).map { r in a.values[(p * 5 + r) * width + cost] }.reduce(0, +) }
        #expect(Set(costs[2...7]).count > 1, "consolidating grid costs \(costs[2...7])")
        #expect(Set(costs[8...13]).count > 1, "tiered grid costs \(costs[8...13])")
        #expect(Set(costs[14...19]).count > 1, "copilot grid costs \(costs[14...19])")
        #expect(a.values.contains { $0 > 0 })
    }

    @Test func groupsJoinPoliciesThatAgreeOnTheSharedSettings() throws {
        let policies = try Self.policies()
        let engines = policies.map { $0.engine ?? ClientReplay.placeholderEngine }
        let groups = ReplayGroup.groups(policies: policies, engines: engines, costs: CostModel())
        // history alone; the grids each one group (manual and none join the ones they agree with).
        #expect(groups[0].members == [0])
        #expect(groups.flatMap(\.members).sorted() == Array(0..<policies.count))
        let consolidating = try #require(groups.first { $0.members.contains(2) })
        #expect(Array(2...7).allSatisfy(consolidating.members.contains))
        #expect(consolidating.consolidates)
        let tiered = try #require(groups.first { $0.members.contains(8) })
        #expect(tiered.usesRisk && Array(8...13).allSatisfy(tiered.members.contains))
    }
}
