import Foundation
import RecoupModel
import RecoupPolicy
import RecoupPolicyAuthoring
import RecoupSynthetic
import Testing
@testable import RecoupSimulation

/// The replay's semantics checked apart from any estimation: with the synthetic world's true
/// parameters and each client's true propensity (`OracleBehaviour`), replaying a policy must
/// reproduce the world's own truth for that policy (`SyntheticWorld.truth`). A gap here is a
/// difference between how the replay and the world play out a day (order of events, contact
/// stocks, promises, disputes, autopay), not a modelling error.
///
/// It also pins down why the back-test leans slow (docs/simulation.md, "Truth test"): even with
/// the true parameters, replaying the logged actions as they happened gives a slower history
/// than the real one, because the log stops where the real invoice was paid.
@Suite struct OracleReplayTests {
    @Test func trueParametersReproduceTheWorldsTruth() throws {
        var parameters = WorldParameters()
        parameters.clients = 300
        parameters.months = 18
        parameters.seed = 11
        let world = SyntheticWorld(parameters: parameters)
        let ledger = world.makeHistoryLedger()
        let oracle = OracleBehaviour.make(world)
        let templates: [Policy] = [
            Policy(name: "none", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": []]),
            PolicyTemplate.fixed.policy,
            PolicyTemplate.manual.policy,
        ]
        let report = try Simulation.project(
            ledger: ledger, behaviour: oracle, policies: [.history] + templates.map { try ReplayPolicy(policy: $0) },
            options: SimulationOptions(runs: 40, seed: 3, estimationUncertainty: false))
        let window = report.from...report.to
        for (i, policy) in templates.enumerated() {
            let truth = try world.truth(policy: policy, runs: 8, cohort: window)
            let projected = try #require(report.projections[i + 1].figures[.dso]).mean
            let rate = try #require(report.projections[i + 1].figures[.collectionRate]).mean
            print(String(format: "oracle %@: DSO %.2f vs true %.2f; collection rate %.4f vs true %.4f",
                         policy.name, projected, truth.dso.mean, rate, truth.collectionRate.mean))
            // Both sides are Monte Carlo means over ~7,000 invoices (40 and 8 runs): their
            // difference has a standard error of roughly 0.3 days and 0.15 points.
            #expect(abs(projected - truth.dso.mean) <= 1.0, "\(policy.name): oracle DSO \(projected) vs true \(truth.dso.mean)")
            #expect(abs(rate - truth.collectionRate.mean) <= 0.004,
                    "\(policy.name): oracle collection rate \(rate) vs true \(truth.collectionRate.mean)")
        }
        let back = try #require(report.backTest)
        print(back.lines.joined(separator: "\n"))
    }
}
