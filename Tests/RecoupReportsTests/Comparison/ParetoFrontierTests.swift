import Testing
@testable import RecoupReports

@Suite struct ParetoFrontierTests {
    // Points (DSO, cost): (50, 2) and (45, 3) and (55, 1) trade off; (52, 2.5) is beaten by
    // (50, 2) on both; (50, 2.2) is beaten by (50, 2) on cost at equal DSO; a duplicate of (45, 3)
    // appears once. Frontier by hand, sorted by DSO: (45, 3), (50, 2), (55, 1).
    @Test func keepsOnlyUnbeatenPointsSortedByX() {
        let points = [ChartXY(50, 2), ChartXY(52, 2.5), ChartXY(45, 3), ChartXY(55, 1), ChartXY(50, 2.2), ChartXY(45, 3)]
        #expect(ComparisonPage.paretoFrontier(points) == [ChartXY(45, 3), ChartXY(50, 2), ChartXY(55, 1)])
    }

    @Test func emptyAndSingle() {
        #expect(ComparisonPage.paretoFrontier([]).isEmpty)
        #expect(ComparisonPage.paretoFrontier([ChartXY(1, 1)]) == [ChartXY(1, 1)])
    }

    @Test func signedFormatting() {
        #expect(ComparisonPage.signed(1.25, decimals: 1) == "+1.3" || ComparisonPage.signed(1.25, decimals: 1) == "+1.2")
        #expect(ComparisonPage.signed(-2.04, decimals: 1) == "-2.0")
        #expect(ComparisonPage.signed(0.01, decimals: 1) == "0.0")
    }
}
