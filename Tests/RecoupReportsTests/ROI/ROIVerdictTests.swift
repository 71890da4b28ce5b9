import Testing
@testable import RecoupReports
@testable import RecoupSimulation

/// The verdict quotes the ROI table's figures and says "cannot tell" where the ledger cannot.
@Suite struct ROIVerdictTests {
    /// The worked runs of `ROIEstimateTests.pairedFiguresByHand`: cost saved 200 and 100 a year
    /// (mean 150), cash released 10,000 and 4,000 (mean 7,000, financing 560), write-offs
    /// avoided 3,650 and 0 (mean 1,825, 0.5 points of 365,000 sales).
    static func roi(tool: Int64 = 10_000) -> ROIEstimate {
        ROIEstimate(baseline: ROIEstimateTests.projection("history", [3, 2.5], [50, 48], [0.03, 0.02]),
                    policy: ROIEstimateTests.projection("fixed", [1, 1.5], [40, 44], [0.02, 0.02]), toolCostPerMonth: tool, costOfCapital: 0.08)
    }

    @Test func quotesTheFiguresOfTheTable() {
        let verdict = ROIVerdict(roi: Self.roi(), backTestMiss: 0.001, loggedActions: 12)
        #expect(verdict.sentences.count >= 3 && verdict.sentences.count <= 5, "\(verdict.sentences)")
        #expect(verdict.text.contains("costs less per invoice under fixed than under history (1.25 vs 2.75)"), "\(verdict.text)")
        #expect(verdict.text.contains("about 150 ["))
        #expect(verdict.text.contains("releasing about 7,000 ["))
        #expect(verdict.text.contains("worth 560 a year at 8.0%"))
        #expect(verdict.text.contains("Write-offs avoided: about 1,825"))
        #expect(!verdict.text.contains("cannot be told"))
    }

    /// A 0.5-point write-off gain against a back-test that missed the collection rate by
    /// 1 point: the simulator cannot tell that gain from its own error.
    @Test func aGainWithinTheBackTestMissCannotBeTold() {
        let verdict = ROIVerdict(roi: Self.roi(), backTestMiss: 0.01, loggedActions: 12)
        #expect(verdict.text.contains("The change in write-offs (1,825 a year avoided) cannot be told from this ledger"), "\(verdict.text)")
        #expect(verdict.text.contains("0.5 points, is no larger than the back-test's own miss on the collection rate, 1.0 points"))
    }

    @Test func noToolCostAndNoActionsAreNamed() {
        let roi = Self.roi(tool: 0)
        let verdict = ROIVerdict(roi: roi, backTestMiss: nil, loggedActions: 0)
        #expect(verdict.sentences.first?.hasPrefix("The ledger logs no collection actions") == true)
        #expect(verdict.text.contains("No tool cost was given"))
        let table = roi.rendered(as: .text, verdict: verdict)
        #expect(table.contains("no tool cost given"))
        #expect(!table.contains("payback of a year of the tool (months, median)  0.0"))
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    /// Costs of one run up and one down: the sign of the change is not known.
    @Test func anIntervalAcrossZeroCannotBeTold() {
        let roi = ROIEstimate(baseline: ROIEstimateTests.projection("history", [2, 2], [40, 40], [0.02, 0.02]),
                              policy: ROIEstimateTests.projection("fixed", [1, 3], [40, 40], [0.02, 0.02]), toolCostPerMonth: 0, costOfCapital: 0.08)
        let verdict = ROIVerdict(roi: roi, backTestMiss: nil, loggedActions: nil)
        #expect(verdict.text.contains("costs more or less than history in collections work cannot be told"), "\(verdict.text)")
    }
}
