import Foundation
import RecoupModel
import RecoupPolicy
import RecoupPolicyAuthoring
import RecoupSynthetic
import Testing
@testable import RecoupSimulation

/// Issue 18's truth test on the histories real firms have (docs/simulation.md, "Truth test"):
/// the same world (600 clients, 24 months, seed 2026) logged by a bookkeeper who chases by hand
/// (`manual`: every contact a person's email or call, never an sms, a voice agent, a letter or
/// an agent at all) and by a deterministic risk-tiered cadence (`tiered`), the models trained
/// on that ledger, five policies projected and compared with the world's own truth (the world
/// run forward under each policy, 4 runs).
///
/// Bars: the truth inside the 95% interval for at least 95% of (policy, figure) cases; DSO
/// within 1.5 days and the collection rate within 0.6 points for every policy that chases
/// (no reminders at all is the furthest extrapolation from a history that always chased, and is
/// held to coverage only); policies ordered as the truth orders them where its gap exceeds a day.
/// Measured when written (manual / tiered): DSO errors +0.04 / +0.07 (fixed), +0.17 / +0.91
/// (tiered autonomous), +0.15 / +0.88 (copilot), −0.47 / +0.20 (manual), +1.74 / +1.38 (none);
/// all 20 truths inside their intervals.
@Suite struct HistoryKindTruthTests {
    @Test(arguments: [HistoryCadence.manual, .tiered])
    func projectionsMatchTheTruth(history: HistoryCadence) throws {
        var parameters = WorldParameters()
        parameters.clients = 600
        parameters.months = 24
        parameters.seed = 2026
        let world = SyntheticWorld(parameters: parameters)
        let ledger = world.makeHistoryLedger(history: history)
        let trained = try ModelTrainer.train(ledger: ledger)
        let behaviour = ReplayBehaviour(model: try #require(trained.response), ledger: ledger)
        let templates: [Policy] = [
            Policy(name: "none", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": []]),
            PolicyTemplate.fixed.policy, PolicyTemplate.tiered.policy, PolicyTemplate.copilot.policy, PolicyTemplate.manual.policy,
        ]
        let report = try Simulation.project(ledger: ledger, behaviour: behaviour,
                                            policies: [.history] + templates.map { try ReplayPolicy(policy: $0) },
                                            options: SimulationOptions(runs: 60, seed: 1))
        let window = report.from...report.to
        var inside = 0, cases = 0
        var truthDSO: [Double] = [], projectedDSO: [Double] = []
        var lines: [String] = []
        for (i, policy) in templates.enumerated() {
            let truth = try world.truth(policy: policy, runs: 4, cohort: window)
            let p = report.projections[i + 1]
            let dso = try #require(p.figures[.dso]), rate = try #require(p.figures[.collectionRate])
            lines.append(String(format: "%@ %@: DSO %.2f true, %.2f [%.2f, %.2f] projected; collected %.4f true, %.4f [%.4f, %.4f]",
                                "\(history)", policy.name, truth.dso.mean, dso.mean, dso.lo, dso.hi,
                                truth.collectionRate.mean, rate.mean, rate.lo, rate.hi))
            cases += 2
            if dso.contains(truth.dso.mean) { inside += 1 }
            if rate.contains(truth.collectionRate.mean) { inside += 1 }
            truthDSO.append(truth.dso.mean)
            projectedDSO.append(dso.mean)
            if policy.name != "none" {
                #expect(abs(dso.mean - truth.dso.mean) <= 1.5, "\(lines.last!)")
                #expect(abs(rate.mean - truth.collectionRate.mean) <= 0.006, "\(lines.last!)")
            }
        }
        print(lines.joined(separator: "\n"))
        #expect(Double(inside) >= 0.95 * Double(cases), "truth inside the 95% interval: \(inside) of \(cases)")
        for a in truthDSO.indices {
            for b in truthDSO.indices where truthDSO[a] - truthDSO[b] > 1 {
                #expect(projectedDSO[a] > projectedDSO[b], "\(templates[a].name) vs \(templates[b].name): \(lines)")
            }
        }
    }
}
