/// A stateless, counter-based random generator: every draw is a pure function of the key
/// (seed, run, entity, day, purpose, index).
///
/// This is what makes policy comparisons fair (common random numbers): the payment draw of
/// invoice 1234 on 2026-03-05 is the same number in every run of every policy that reaches that
/// day, so two policies differ only where their actions differ. It also makes parallel runs
/// byte-identical, since no draw depends on the order in which others were taken.
///
/// The key words are folded together with the SplitMix64 finaliser (an avalanche mix of a
/// 64-bit word), one word at a time, each offset by a distinct odd constant so that swapping
/// two words gives a different stream.
///
/// ```swift
/// let rng = CounterRandom(seed: 1, run: 0)
/// let u = rng.uniform(entity: 1234, day: day.ordinal, purpose: .payment)   // in [0, 1)
/// ```
public struct CounterRandom: Sendable, Hashable {
    /// The user's seed (`--seed`).
    public var seed: UInt64
    /// The simulation run (0 for the synthetic world itself).
    public var run: UInt64

    public init(seed: UInt64, run: UInt64 = 0) {
        self.seed = seed
        self.run = run
    }

    /// The same generator for another run.
    public func forRun(_ run: UInt64) -> CounterRandom { CounterRandom(seed: seed, run: run) }

    /// The SplitMix64 output function: a bijective avalanche mix of 64 bits.
    @inlinable public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 64 random bits for the key.
    @inlinable public func bits(entity: Int, day: Int, purpose: DrawPurpose, index: Int = 0) -> UInt64 {
        var h = CounterRandom.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        h = CounterRandom.mix(h ^ (run &+ 0xD1B5_4A32_D192_ED03))
        h = CounterRandom.mix(h ^ (UInt64(bitPattern: Int64(entity)) &+ 0x8CB9_2BA7_2F3D_8DD7))
        h = CounterRandom.mix(h ^ (UInt64(bitPattern: Int64(day)) &+ 0xABC9_8388_FB8F_AC03))
        h = CounterRandom.mix(h ^ (purpose.rawValue &+ 0xC13F_A9A9_02A6_328F))
        h = CounterRandom.mix(h ^ (UInt64(bitPattern: Int64(index)) &+ 0x91E1_0DA5_C79E_7B1D))
        return h
    }

    /// A uniform `Double` in [0, 1) with 53 random bits.
    @inlinable public func uniform(entity: Int, day: Int, purpose: DrawPurpose, index: Int = 0) -> Double {
        Double(bits(entity: entity, day: day, purpose: purpose, index: index) >> 11) * 0x1.0p-53
    }

    /// `true` with probability `p` (clamped to [0, 1]).
    @inlinable public func bernoulli(_ p: Double, entity: Int, day: Int, purpose: DrawPurpose, index: Int = 0) -> Bool {
        uniform(entity: entity, day: day, purpose: purpose, index: index) < p
    }

    /// A standard normal draw (Box–Muller on two uniforms of the key: `index` and the next
    /// stream `index + 1 << 32`), so one key gives one normal.
    public func normal(entity: Int, day: Int, purpose: DrawPurpose, index: Int = 0) -> Double {
        let u1 = 1.0 - uniform(entity: entity, day: day, purpose: purpose, index: index)  // (0, 1]
        let u2 = uniform(entity: entity, day: day, purpose: purpose, index: index &+ (1 << 32))
        return RandomDistributions.boxMuller(u1: u1, u2: u2)
    }

    /// A normal draw with the given mean and standard deviation.
    public func normal(mean: Double, standardDeviation: Double, entity: Int, day: Int,
                       purpose: DrawPurpose, index: Int = 0) -> Double {
        mean + standardDeviation * normal(entity: entity, day: day, purpose: purpose, index: index)
    }

    /// An integer uniform in `range` (inclusive), by multiply-shift of 64 bits (bias below 2⁻³²
    /// for any range a ledger needs).
    /// - Precondition: `range` is not empty.
    public func integer(in range: ClosedRange<Int>, entity: Int, day: Int, purpose: DrawPurpose, index: Int = 0) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        let r = bits(entity: entity, day: day, purpose: purpose, index: index)
        if span == 0 { return Int(bitPattern: UInt(r)) }  // the full 64-bit range
        return range.lowerBound + Int(r.multipliedFullWidth(by: span).high)
    }

    /// An index into `weights` drawn with probability proportional to its weight.
    /// - Precondition: weights are non-negative with a positive sum.
    /// - Complexity: O(`weights.count`).
    public func categorical(_ weights: [Double], entity: Int, day: Int, purpose: DrawPurpose, index: Int = 0) -> Int {
        RandomDistributions.categorical(weights, u: uniform(entity: entity, day: day, purpose: purpose, index: index))
    }

    /// A sequential generator seeded from the key, for code that wants `inout some
    /// RandomNumberGenerator` (shuffles, bootstrap resamples).
    public func sequence(entity: Int, day: Int, purpose: DrawPurpose, index: Int = 0) -> SplitMix64 {
        SplitMix64(seed: bits(entity: entity, day: day, purpose: purpose, index: index))
    }
}
