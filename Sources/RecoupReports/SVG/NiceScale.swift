/// Axis ticks at "nice" numbers: steps of 1, 2 or 5 times a power of ten, covering the data.
///
/// ```swift
/// let scale = NiceScale(covering: [37.2, 48.9])   // ticks 36, 38, …, 50 (step 2)
/// scale.ticks        // [36, 38, 40, 42, 44, 46, 48, 50]
/// scale.label(40)    // "40"
/// ```
///
/// The first tick is at or below the smallest value and the last at or above the largest, so
/// every point lies inside the axis. Ticks are integer multiples of the step and their labels
/// are written with a fixed number of decimals, so no floating-point drift
/// (`0.30000000000000004`) reaches the page.
public struct NiceScale: Sendable, Equatable {
    /// The distance between ticks: 1, 2 or 5 × 10^k.
    public let step: Double
    /// The index of the first tick (`lowerBound == Double(firstIndex) × step`).
    public let firstIndex: Int
    /// The index of the last tick.
    public let lastIndex: Int

    /// The axis start (the first tick).
    public var lowerBound: Double { Double(firstIndex) * step }
    /// The axis end (the last tick).
    public var upperBound: Double { Double(lastIndex) * step }
    /// The tick values from `lowerBound` to `upperBound`.
    public var ticks: [Double] { (firstIndex...lastIndex).map { Double($0) * step } }

    /// Decimal places needed to write every tick exactly (0 for steps ≥ 1).
    public var decimals: Int {
        var places = 0
        var scaled = step
        while places < 12 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            places += 1
        }
        return places
    }

    /// A scale covering `values` with about `targetTicks` intervals (at least 2).
    ///
    /// - Parameters:
    ///   - values: the data; non-finite values are ignored. Empty (or all non-finite) gives 0…1.
    ///   - includingZero: extend the range to 0 (bar charts, shares).
    ///   - targetTicks: the preferred number of intervals; the result has between about half
    ///     and twice as many.
    /// - Complexity: O(n) in the number of values.
    public init(covering values: [Double], includingZero: Bool = false, targetTicks: Int = 5) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if includingZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high - low <= 0 {
            // One value: widen to a visible range around it.
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= includingZero && low >= 0 ? 0 : pad
            high += pad
        }
        let step = NiceScale.niceStep(for: (high - low) / Double(max(2, targetTicks)))
        self.step = step
        var first = Int((low / step).rounded(.down))
        var last = Int((high / step).rounded(.up))
        // Guard against representation error putting a tick just inside the data.
        if Double(first) * step > low { first -= 1 }
        if Double(last) * step < high { last += 1 }
        if last == first { last += 1 }
        self.firstIndex = first
        self.lastIndex = last
    }

    /// The 1, 2 or 5 × 10^k nearest to `rough` (positive) on a log scale, so the number of
    /// intervals stays within about a factor 1.6 of the target.
    public static func niceStep(for rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        // power ≤ rough < 10 × power; pick the candidate with the smallest |log(candidate / rough)|.
        var best = power
        var bestDistance = Double.infinity
        for multiple in [1.0, 2.0, 5.0, 10.0] {
            let candidate = multiple * power
            let ratio = candidate > rough ? candidate / rough : rough / candidate
            if ratio < bestDistance {
                best = candidate
                bestDistance = ratio
            }
        }
        return best
    }

    /// A tick value as text with just enough decimals; thousands grouped with commas.
    public func label(_ value: Double) -> String {
        ChartNumberFormat.fixed(value, decimals: decimals, grouping: true)
    }
}
