import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

@Suite struct ReplayEvaluatorTests {
    static let base = Policy(name: "sweep", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": [
        CadenceStep(day: 0, channel: .email), CadenceStep(day: 7, channel: .sms), CadenceStep(day: 14, channel: .voiceAgent)]])

    static func evaluator() throws -> ReplayEvaluator {
        try ReplayEvaluator(ledger: ReplayFixtures.ledger(clients: 24, perClient: 3), behaviour: ReplayFixtures.constant(0.04),
                            options: SimulationOptions(runs: 12, seed: 5))
    }

    @Test func figuresDoNotDependOnBatching() throws {
        let axes = try TuningFixtures.axes("cadences.all[1].day=1..13/6", "limits.maxContactsPer7Days=1..2/1")
        let one = try Tuner.run(base: Self.base, axes: axes, evaluator: try Self.evaluator(), batchSize: 1)
        let all = try Tuner.run(base: Self.base, axes: axes, evaluator: try Self.evaluator(), batchSize: 64)
        #expect(one.results.count == 6)
        #expect(one.results.map(\.figures) == all.results.map(\.figures))
        #expect(one.json == all.json)
    }

    @Test func figuresAreTheSimulatorsForTheSamePolicy() throws {
        var later = Self.base
        later.cadences["all"]?[0].day = 5
        let evaluator = try Self.evaluator()
        let figures = try evaluator.evaluate([Self.base, later], progress: nil)
        let report = try ReplayFixtures.simulate(ReplayFixtures.ledger(clients: 24, perClient: 3), ReplayFixtures.constant(0.04),
                                                 [try ReplayPolicy(policy: Self.base), try ReplayPolicy(policy: later)],
                                                 runs: 12, seed: 5)
        for (f, p) in zip(figures, report.projections) {
            let dso = try #require(p.figures[.dso]), cost = try #require(p.figures[.costPerInvoice])
            #expect(f.dso == Interval(mean: dso.mean, lo: dso.lo, hi: dso.hi))
            #expect(f.costPerInvoice == Interval(mean: cost.mean, lo: cost.lo, hi: cost.hi))
        }
        #expect(evaluator.invoices == 72 && evaluator.runs == 12)
    }

    @Test func commonRandomNumbersAcrossPoints() throws {
        // Payments do not react to contacts in this behaviour, so with common random numbers every
        // point has exactly the same DSO and collection rate; only costs differ.
        let report = try Tuner.run(base: Self.base, axes: try TuningFixtures.axes("cadences.all[2].day=14..28/7"),
                                   evaluator: try Self.evaluator())
        let dso = Set(report.results.map(\.figures.dso.mean)), rate = Set(report.results.map(\.figures.collectionRate.mean))
        #expect(dso.count == 1 && rate.count == 1)
    }
}
