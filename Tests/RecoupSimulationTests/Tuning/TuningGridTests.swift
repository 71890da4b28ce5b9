import RecoupPolicy
import Testing
@testable import RecoupSimulation

@Suite struct TuningGridTests {
    @Test func cartesianProductInOdometerOrder() throws {
        let grid = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes(
            "escalation.daysPastDue=30..50/10", "copilot.approvalDelayDays=0..1/1"))
        #expect(grid.count == 6 && grid.skipped.isEmpty)
        #expect(grid.points.map(\.index) == [1, 2, 3, 4, 5, 6])
        #expect(grid.points.map { $0.values.map(\.text) } == [["30", "0"], ["30", "1"], ["40", "0"], ["40", "1"], ["50", "0"], ["50", "1"]])
        for p in grid.points {
            #expect(p.policy.escalation.daysPastDue == Int(p.values[0].value))
            #expect(p.policy.copilot.approvalDelayDays == Int(p.values[1].value))
            // Everything not varied is the base's.
            var expected = TuningFixtures.base
            expected.escalation.daysPastDue = p.policy.escalation.daysPastDue
            expected.copilot.approvalDelayDays = p.policy.copilot.approvalDelayDays
            #expect(p.policy == expected)
        }
    }

    @Test func threeAxesCountAndNestedFields() throws {
        let grid = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes(
            "cadences.high[1].day=0..2/1", "tiers[0].below=0.1..0.15/0.05", "limits.maxContactsPer7Days=1..4/1"))
        #expect(grid.count == 3 * 2 * 4 && grid.points.count == 24)
        let last = try #require(grid.points.last)
        #expect(last.policy.cadences["high"]?[1].day == 2)
        #expect(abs(try #require(last.policy.tiers[0].below) - 0.15) < 1e-12)
        #expect(last.policy.limits.maxContactsPer7Days == 4)
    }

    @Test func invalidPointsAreSkippedWithTheirProblems() throws {
        // tiers[1].below is 0.5: bounds 0.5 and 0.6 for tiers[0] no longer increase.
        let grid = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes("tiers[0].below=0.3..0.6/0.1"))
        #expect(grid.points.map(\.index) == [1, 2])
        #expect(grid.skipped.map(\.index) == [3, 4])
        #expect(grid.skipped[0].problems == ["tiers[1].below: bound 0.5 does not exceed the previous tier's 0.5; bounds must increase"])
    }

    @Test func stepsPastTheWriteOffAreSkipped() throws {
        let grid = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes("writeOffAfterDays=30..60/15"))
        // The low cadence has a step on day 30 and escalation is at 45: write-offs at 30 and 45 are invalid.
        #expect(grid.points.map(\.index) == [3])
        #expect(grid.skipped.count == 2)
        #expect(grid.skipped[0].problems.contains { $0.hasPrefix("cadences.low[2].day: day 30 is not before the write-off") })
    }

    @Test func nullFieldsCanBeSwept() throws {
        let grid = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes(
            "escalation.afterContacts=2..3/1", "escalation.amountOver=5000..7500.5/2500.25"))
        #expect(grid.points.map { $0.policy.escalation.afterContacts } == [2, 2, 3, 3])
        #expect(grid.points.map { $0.policy.escalation.amountOver?.minorUnits } == [500_000, 750_025, 500_000, 750_025])
    }

    @Test func fractionForWholeNumberFieldIsAClearError() throws {
        #expect {
            _ = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes("escalation.daysPastDue=30..31/0.5"))
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("--vary escalation.daysPastDue=30..31/0.5: value 30.5: escalation.daysPastDue: expected a whole number")
        }
    }

    @Test func unknownPathAndDuplicateFieldAreErrors() throws {
        #expect(throws: TuningError.self) {
            _ = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes("escalation.daysOverdue=1..2/1"))
        }
        #expect {
            _ = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes("tiers[0].below=0.1..0.2/0.1", "tiers[0].below=0.1..0.2/0.05"))
        } throws: { String(describing: $0).contains("varied twice") }
    }

    @Test func tooManyPoints() throws {
        #expect(throws: TuningError.tooManyPoints(count: 101 * 121, limit: TuningGrid.maxPoints)) {
            _ = try TuningGrid(base: TuningFixtures.base, axes: try TuningFixtures.axes(
                "escalation.daysPastDue=-10..90/1", "writeOffAfterDays=100..220/1"))
        }
    }

    @Test func signatureAndProvenanceOfTheBaseAreDropped() throws {
        var base = TuningFixtures.base
        base.signature = PolicySignature(keyId: "0123456789abcdef", value: String(repeating: "A", count: 86) + "==")
        base.provenance = Provenance(ledger: "x")
        base.projections = Projections(dso: 1)
        let grid = try TuningGrid(base: base, axes: try TuningFixtures.axes("escalation.daysPastDue=40..40/1"))
        let p = try #require(grid.points.first?.policy)
        #expect(p.signature == nil && p.provenance == nil && p.projections == nil)
    }
}

@Suite struct ParetoFrontierTests {
    /// The definition, checked pair by pair.
    static func bruteForceFrontier(_ x: [Double], _ y: [Double]) -> [Bool] {
        x.indices.map { p in
            !x.indices.contains { q in q != p && x[q] <= x[p] && y[q] <= y[p] && (x[q] < x[p] || y[q] < y[p]) }
        }
    }

    @Test(arguments: 0..<60)
    func matchesBruteForceOnRandomSets(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11)
        let n = Int(rng.next() % 40)
        // Coarse values for many ties (seeds below 30), fine values otherwise.
        let levels: UInt64 = seed < 30 ? 6 : 1_000_000
        let x = (0..<n).map { _ in Double(rng.next() % levels) }
        let y = (0..<n).map { _ in Double(rng.next() % levels) }
        let dominators = ParetoFrontier.dominators(x: x, y: y)
        #expect(dominators.map { $0 == nil } == Self.bruteForceFrontier(x, y))
        let expected = Self.bruteForceFrontier(x, y)
        for (p, d) in dominators.enumerated() {
            guard let q = d else { continue }
            // The named dominator dominates and is itself on the frontier.
            #expect(x[q] <= x[p] && y[q] <= y[p] && (x[q] < x[p] || y[q] < y[p]))
            #expect(expected[q])
        }
    }

    @Test func handWorkedExample() {
        // (1,5) (2,3) (2,3) (3,4) (4,1) (5,1): (3,4) is dominated by (2,3); (5,1) by (4,1).
        let d = ParetoFrontier.dominators(x: [1, 2, 2, 3, 4, 5], y: [5, 3, 3, 4, 1, 1])
        #expect(d == [nil, nil, nil, 1, nil, 4])
        #expect(ParetoFrontier.dominators(x: [], y: []).isEmpty)
        #expect(ParetoFrontier.dominators(x: [.nan, 1], y: [0, 1]) == [nil, nil])
        #expect(ParetoFrontier.dominators(x: [.nan, 1], y: [2, 1]) == [1, nil])
    }
}
