import Foundation
import Testing

@testable import RecoupReports

@Suite struct NiceScaleTests {
    /// Whether `step` is 1, 2 or 5 times a power of ten.
    static func isNice(_ step: Double) -> Bool {
        let exponent = (log10(step)).rounded(.down)
        let mantissa = step / pow(10, exponent)
        return [1.0, 2.0, 5.0, 10.0].contains { abs(mantissa - $0) < 1e-9 }
    }

    // Hand-worked: [37.2, 48.9] over 5 intervals is 2.34 a step; of 1, 2, 5 (×10^k) the nearest
    // on a log scale is 2, so ticks run from floor(37.2/2)×2 = 36 to ceil(48.9/2)×2 = 50.
    @Test func ticksForATypicalDSORange() {
        let scale = NiceScale(covering: [37.2, 48.9])
        #expect(scale.step == 2)
        #expect(scale.ticks == [36, 38, 40, 42, 44, 46, 48, 50])
        #expect(scale.label(40) == "40")
    }

    // Shares from 0 to 0.963: 0.1926 a step, nearest nice is 0.2; ticks 0 … 1.0, one decimal.
    @Test func sharesIncludingZeroUseOneDecimal() {
        let scale = NiceScale(covering: [0.41, 0.963], includingZero: true)
        #expect(abs(scale.step - 0.2) < 1e-12)
        #expect(scale.ticks.map { scale.label($0) } == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    // −3 … 7 over 5 intervals: step 2; floor(−1.5) = −2 → −4, ceil(3.5) = 4 → 8.
    @Test func negativeValues() {
        let scale = NiceScale(covering: [-3, 7])
        #expect(scale.ticks == [-4, -2, 0, 2, 4, 6, 8])
    }

    @Test func largeMoneyGetsGroupedLabels() {
        let scale = NiceScale(covering: [0, 1_234_567], includingZero: true)
        #expect(scale.step == 200_000)
        #expect(scale.label(1_400_000) == "1,400,000")
        #expect(scale.upperBound >= 1_234_567)
    }

    @Test func degenerateInputsStillGiveAnAxis() {
        let empty = NiceScale(covering: [])
        #expect(empty.lowerBound == 0 && empty.upperBound >= 1)
        let single = NiceScale(covering: [5])
        #expect(single.lowerBound < 5 && single.upperBound > 5)
        let zeros = NiceScale(covering: [0, 0], includingZero: true)
        #expect(zeros.lowerBound == 0 && zeros.upperBound > 0)
        let withNaN = NiceScale(covering: [.nan, 3, .infinity, 9])
        #expect(withNaN.lowerBound <= 3 && withNaN.upperBound >= 9)
    }

    @Test(arguments: [
        [0.0013, 0.0191], [1.80, 1.91], [12, 12.5], [-250, -3], [0, 99_999], [41.2, 41.3],
        [0.5, 3_000_000], [17, 17.000001], [-0.2, 0.2], [100, 1000],
    ])
    func ticksAreNiceAndCoverTheData(values: [Double]) {
        for target in [3, 5, 8] {
            let scale = NiceScale(covering: values, targetTicks: target)
            #expect(Self.isNice(scale.step), "step \(scale.step) for \(values)")
            #expect(scale.lowerBound <= values.min()! && scale.upperBound >= values.max()!)
            // Tight: no whole empty interval beyond the data at either end.
            #expect(scale.lowerBound + scale.step > values.min()! - 1e-9 * abs(values.min()!))
            #expect(scale.upperBound - scale.step < values.max()! + 1e-9 * abs(values.max()!))
            let intervals = scale.lastIndex - scale.firstIndex
            #expect(intervals >= 1 && intervals <= 2 * target + 2, "\(intervals) intervals for \(values)")
            // Labels are distinct and carry no floating-point noise.
            let labels = scale.ticks.map { scale.label($0) }
            #expect(Set(labels).count == labels.count, "\(labels)")
            #expect(labels.allSatisfy { $0.count < 16 }, "\(labels)")
        }
    }

    @Test(arguments: [(0.3, 0.2), (2.34, 2.0), (3.3, 5.0), (7.0, 5.0), (8.0, 10.0), (0.0139, 0.01), (0.0149, 0.02), (1.0, 1.0)])
    func stepIsNearestOnALogScale(rough: Double, expected: Double) {
        #expect(abs(NiceScale.niceStep(for: rough) - expected) < 1e-12)
    }
}

@Suite struct ChartNumberFormatTests {
    @Test(arguments: [
        (2.5, 2, false, "2.50"), (-0.004, 2, false, "0.00"), (1234567.891, 1, true, "1,234,567.9"),
        (0.125, 2, false, "0.13"), (-2.5, 0, false, "-3"), (Double.nan, 2, false, "0"), (999.995, 2, true, "1,000.00"),
    ])
    func fixed(value: Double, decimals: Int, grouping: Bool, expected: String) {
        #expect(ChartNumberFormat.fixed(value, decimals: decimals, grouping: grouping) == expected)
    }

    @Test func coordinatesDropTrailingZeros() {
        #expect(ChartNumberFormat.coordinate(12.5) == "12.5")
        #expect(ChartNumberFormat.coordinate(3.0) == "3")
        #expect(ChartNumberFormat.coordinate(-0.001) == "0")
        #expect(ChartNumberFormat.coordinate(0.1 + 0.2) == "0.3")
    }
}

@Suite struct XMLEscapingTests {
    @Test func escapesMarkupAndDropsForbiddenControls() {
        #expect(XMLEscaping.text("A&B <x> \"q\" 'a'") == "A&amp;B &lt;x&gt; \"q\" 'a'")
        #expect(XMLEscaping.attribute("A&B <x> \"q\" 'a'") == "A&amp;B &lt;x&gt; &quot;q&quot; &#39;a&#39;")
        #expect(XMLEscaping.text("bell\u{07}here\u{0}") == "bellhere")
        #expect(XMLEscaping.attribute("two\nlines") == "two&#10;lines")
        #expect(XMLEscaping.text("naïve € 日本") == "naïve € 日本")
    }
}
