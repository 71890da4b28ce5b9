/// A Monte Carlo estimate: the mean over runs and a 95% interval (the 2.5% and 97.5% quantiles
/// of the runs, linearly interpolated between order statistics, as numpy's default); SPEC §6's
/// `{ "mean", "lo", "hi" }` for every projected figure, replayed or true.
public struct Interval: Sendable, Hashable, Codable {
    public var mean: Double
    public var lo: Double
    public var hi: Double

    public init(mean: Double, lo: Double, hi: Double) { self.mean = mean; self.lo = lo; self.hi = hi }

    /// The summary of `values` (one per run; the mean summed in run order); NaN values are left
    /// out. All NaN (or none): NaN, which every renderer prints as a missing figure.
    /// - Complexity: O(n log n).
    public init(runs values: [Double]) {
        let finite = values.filter { !$0.isNaN }
        guard !finite.isEmpty else { self.init(mean: .nan, lo: .nan, hi: .nan); return }
        var sum = 0.0
        for x in finite { sum += x }
        let v = finite.sorted()
        self.init(mean: sum / Double(v.count), lo: Interval.quantile(v, 0.025), hi: Interval.quantile(v, 0.975))
    }

    /// The `q` quantile of sorted values, interpolating linearly between order statistics
    /// (position q·(n − 1)).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let i = Int(position.rounded(.down))
        let f = position - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }

    /// Whether the interval excludes 0 (a difference that is significant at 5%).
    public var excludesZero: Bool { lo > 0 || hi < 0 }

    /// Whether `x` lies in [lo, hi].
    public func contains(_ x: Double) -> Bool { x >= lo && x <= hi }
}
