import Foundation

/// Transformations of uniform numbers into other distributions, shared by `CounterRandom`
/// and `SplitMix64`.
public enum RandomDistributions {
    /// One standard normal from two uniforms: `sqrt(−2 ln u1) · cos(2π u2)`.
    /// - Parameters:
    ///   - u1: in (0, 1] (never 0, so the log is finite).
    ///   - u2: in [0, 1).
    @inlinable public static func boxMuller(u1: Double, u2: Double) -> Double {
        (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// The index whose cumulative weight first exceeds `u × total`.
    /// - Precondition: weights are non-negative with a positive sum; `u` in [0, 1).
    /// - Complexity: O(`weights.count`).
    public static func categorical(_ weights: [Double], u: Double) -> Int {
        precondition(!weights.isEmpty, "categorical: no weights")
        var total = 0.0
        for w in weights { total += w }
        precondition(total > 0, "categorical: weights sum to zero")
        let target = u * total
        var cumulative = 0.0
        for (i, w) in weights.enumerated() {
            cumulative += w
            if target < cumulative { return i }
        }
        // Rounding can leave `target` at the very top: the last positive weight.
        return weights.lastIndex(where: { $0 > 0 }) ?? weights.count - 1
    }

    /// A geometric number of failures before the first success (support 0, 1, 2, …) with the
    /// given mean, by inversion: `floor(ln(1 − u) / ln(1 − p))`, `p = 1 / (1 + mean)`.
    public static func geometric(mean: Double, u: Double) -> Int {
        guard mean > 0 else { return 0 }
        let p = 1.0 / (1.0 + mean)
        return Int((log(1.0 - u) / log(1.0 - p)).rounded(.down))
    }

    /// The logistic function `1 / (1 + e^−x)`.
    @inlinable public static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1.0 / (1.0 + exp(-x)) : { let e = exp(x); return e / (1.0 + e) }()
    }
}
