import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

@Suite struct PickExpressionTests {
    @Test func parses() throws {
        #expect(try PickExpression(parsing: "min cost") == PickExpression(goal: .min, metric: .cost))
        #expect(try PickExpression(parsing: "min cost where dso <= 40")
            == PickExpression(goal: .min, metric: .cost, constraints: [TuningConstraint(.dso, .lessOrEqual, 40)]))
        #expect(try PickExpression(parsing: "  MAX collectionRate WHERE humanHours<3.5 and dso>=-1 AND writeOffRate > 0.01 ")
            == PickExpression(goal: .max, metric: .collectionRate, constraints: [
                TuningConstraint(.humanHours, .less, 3.5), TuningConstraint(.dso, .greaterOrEqual, -1),
                TuningConstraint(.writeOffRate, .greater, 0.01)]))
        #expect(try PickExpression(parsing: "min costPerInvoice where humanHoursPerWeek <= 2").metric == .cost)
        #expect(try PickExpression(parsing: "min cost where dso <= 40").description == "min cost where dso <= 40")
    }

    @Test(arguments: [
        ("", 1, "expected \"min\" or \"max\", found the end"),
        ("minimum cost", 1, "expected \"min\" or \"max\", found \"minimum\""),
        ("min", 4, "expected a metric (dso, cost, collectionRate, humanHours, writeOffRate), found the end"),
        ("min price", 5, "expected a metric (dso, cost, collectionRate, humanHours, writeOffRate), found \"price\""),
        ("min cost dso <= 40", 10, "expected \"where\" or the end, found \"dso\""),
        ("min cost where", 15, "expected a metric (dso, cost, collectionRate, humanHours, writeOffRate), found the end"),
        ("min cost where dso = 40", 20, "expected a comparison (<=, <, >=, >), found \"=\""),
        ("min cost where dso == 40", 20, "expected a comparison (<=, <, >=, >), found \"==\""),
        ("min cost where dso <= forty", 23, "expected a number, found \"forty\""),
        ("min cost where dso <= 4e1", 23, "expected a number, found \"4e1\""),
        ("min cost where dso <= 40 or cost < 2", 26, "expected \"and\" or the end, found \"or\""),
        ("min cost where dso <= 40 and", 29, "expected a metric (dso, cost, collectionRate, humanHours, writeOffRate), found the end"),
    ])
    func errorsNameThePosition(text: String, position: Int, reason: String) {
        #expect(throws: TuningError.badPick(expression: text, position: position, reason: reason)) {
            _ = try PickExpression(parsing: text)
        }
    }

    @Test func errorMessageShowsTheForm() {
        let message = TuningError.badPick(expression: "min price", position: 5, reason: "x").description
        #expect(message.contains("position 5") && message.contains("min|max METRIC [where METRIC OP NUMBER [and …]]"))
    }
}

@Suite struct TunerTests {
    let axes = try! TuningFixtures.axes("escalation.daysPastDue=30..60/10", "copilot.approvalDelayDays=0..2/1")

    @Test func evaluatesInBatchesAndKeepsOrder() throws {
        let small = FakeEvaluator(), large = FakeEvaluator()
        let a = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: small, batchSize: 5)
        let b = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: large, batchSize: 100)
        #expect(small.batches == [5, 5, 2] && large.batches == [12])
        #expect(a.results == b.results)
        #expect(a.json == b.json)
        for r in a.results { #expect(r.figures == FakeEvaluator.figures(for: r.policy)) }
    }

    @Test func frontierOfTheFakeWorld() throws {
        // DSO = 18 + 0.5e + 2c and cost = 12 − 0.1e (m = 2): for each e, c = 0 dominates c = 1, 2
        // (same cost, higher DSO); across e, higher DSO buys lower cost, so c = 0 points form the frontier.
        let report = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: FakeEvaluator())
        #expect(report.results.filter(\.isOnFrontier).map(\.index) == [1, 4, 7, 10])
        #expect(report.results.first { $0.index == 2 }?.dominatedBy == 1)
        #expect(report.results.first { $0.index == 12 }?.dominatedBy == 10)
    }

    @Test func picksAmongFeasibleFrontierPoints() throws {
        // Frontier: e = 30 (DSO 33, cost 9), 40 (38, 8), 50 (43, 7), 60 (48, 6).
        let pick = try PickExpression(parsing: "min cost where dso <= 40")
        let report = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: FakeEvaluator(), pick: pick)
        #expect(try report.pickedResult()?.index == 4)
        #expect(report.results.filter(\.isFeasible).map(\.index) == [1, 2, 3, 4, 5])  // DSO 33, 35, 37, 38, 40
        let maxRate = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: FakeEvaluator(),
                                    pick: try PickExpression(parsing: "max collectionRate"))
        #expect(try maxRate.pickedResult()?.index == 1)
        let minDSO = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: FakeEvaluator(),
                                   pick: try PickExpression(parsing: "min dso where cost < 8"))
        #expect(try minDSO.pickedResult()?.index == 7)
    }

    @Test func optionConstraintsApplyToo() throws {
        // hours = 12 − 0.1e + c − 2 = 10 − 0.1e + c: hours ≤ 5.5 needs e ≥ 50 with c = 0 (or e = 60, c ≤ 1).
        let report = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: FakeEvaluator(),
                                   constraints: [TuningConstraint(.humanHours, .lessOrEqual, 5.5),
                                                 TuningConstraint(.collectionRate, .greaterOrEqual, 0.94)],
                                   pick: try PickExpression(parsing: "min dso"))
        #expect(report.results.filter(\.isFeasible).map(\.index) == [7])
        #expect(try report.pickedResult()?.index == 7)
    }

    @Test func noFeasiblePointIsAClearError() throws {
        let report = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: FakeEvaluator(),
                                   pick: try PickExpression(parsing: "min cost where dso < 10"))
        #expect(throws: TuningError.noFeasiblePoint(constraints: "dso < 10", evaluated: 12)) { _ = try report.pickedResult() }
        #expect(report.text.contains("no pick (min cost where dso < 10): none of the 12 evaluated points satisfies dso < 10"))
    }

    @Test func allPointsInvalidIsAnError() throws {
        #expect {
            _ = try Tuner.run(base: TuningFixtures.base, axes: try TuningFixtures.axes("tiers[0].below=0.5..0.9/0.1"),
                              evaluator: FakeEvaluator())
        } throws: { String(describing: $0).hasPrefix("all 5 grid points fail validation") }
    }

    @Test func reportMarksSkippedAndPicked() throws {
        let report = try Tuner.run(base: TuningFixtures.base, axes: try TuningFixtures.axes("tiers[0].below=0.3..0.6/0.1"),
                                   evaluator: FakeEvaluator(), pick: try PickExpression(parsing: "min cost"))
        #expect(report.skipped.map(\.index) == [3, 4])
        #expect(report.text.contains("skipped #3 (tiers[0].below=0.5): invalid policy: tiers[1].below: bound 0.5"))
        #expect(report.csv.split(separator: "\n").count == 5)
        #expect(report.csv.contains("\n3,0.5,skipped,"))
        #expect(report.json.contains("\"skipped\": [\n    { \"point\": 3, \"settings\": { \"tiers[0].below\": 0.5 }"))
        #expect(report.text.contains("<- picked"))
    }

    @Test func emittedPolicyIsValidCompleteAndDeterministic() throws {
        var base = TuningFixtures.base
        base.signature = PolicySignature(keyId: "0123456789abcdef", value: String(repeating: "A", count: 86) + "==")
        let pick = try PickExpression(parsing: "min cost where dso <= 40")
        let provenance = Provenance(ledger: "fnv1a64:00112233aabbccdd", trainedOn: try Day(iso: "2026-06-30"), recoupVersion: "0.1.0")
        func emit() throws -> String {
            let report = try Tuner.run(base: base, axes: axes, evaluator: FakeEvaluator(), pick: pick)
            return try #require(try report.emittedPolicyText(provenance: provenance))
        }
        let text = try emit()
        #expect(try emit() == text)  // byte for byte
        let document = try PolicyDocument.load(data: Data(text.utf8), signature: .unverifiedForAnalysis(trustedKeys: []))
        #expect(document.signatureStatus == .unsigned)
        let policy = document.policy
        #expect(policy.escalation.daysPastDue == 40 && policy.copilot.approvalDelayDays == 0)
        #expect(policy.name == base.name)
        #expect(policy.provenance == provenance)
        // Point 4: DSO 38, cost 8, collection rate 0.95, hours 6 (FakeEvaluator's formulas).
        #expect(policy.projections == Projections(dso: 38, collectionRate: 0.95, costPerInvoice: 8, humanHoursPerWeek: 6,
                                                  contactsPerInvoice: 2, writeOffRate: 0.04))
        #expect(!text.contains("signature"))
    }

    @Test func noPickNoEmit() throws {
        let report = try Tuner.run(base: TuningFixtures.base, axes: axes, evaluator: FakeEvaluator())
        #expect(try report.emittedPolicy(provenance: Provenance()) == nil)
    }
}
