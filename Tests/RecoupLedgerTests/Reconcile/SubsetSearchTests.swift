import Testing
@testable import RecoupLedger

/// The bounded subset-sum search, on amounts small enough to check by hand.
@Suite struct SubsetSearchTests {
    @Test(arguments: [
        // 100 + 250 = 350, and nothing else sums to 350.
        ([100, 250, 400] as [Int64], 350 as Int64, SubsetSearch.Outcome.unique([0, 1])),
        // 750 = 100 + 250 + 400.
        ([100, 250, 400], 750, .unique([0, 1, 2])),
        // A single amount equal to the target is not a combination.
        ([100, 250, 400], 400, .none),
        // 300 is both 100 + 200 and 150 + 150: several.
        ([100, 200, 150, 150], 300, .several([0, 1], [2, 3])),
        ([100, 200], 1000, .none),
    ])
    func combinations(amounts: [Int64], target: Int64, expected: SubsetSearch.Outcome) {
        #expect(SubsetSearch.combinations(of: amounts, target: target, maxSize: 6, maxSteps: 10_000) == expected)
    }

    @Test func theSizeBoundLimitsCombinations() {
        #expect(SubsetSearch.combinations(of: [100, 250, 400], target: 750, maxSize: 2, maxSteps: 10_000) == .none)
    }

    @Test func theStepBudgetStopsALargeSearch() {
        // 1…40: a target above their total (820) is pruned before any step; 100 needs more than 3 steps.
        let amounts = (1...40).map { Int64($0) }
        #expect(SubsetSearch.combinations(of: amounts, target: 10_000, maxSize: 6, maxSteps: 3) == .none)
        #expect(SubsetSearch.combinations(of: amounts, target: 100, maxSize: 6, maxSteps: 3) == .incomplete)
    }
}
