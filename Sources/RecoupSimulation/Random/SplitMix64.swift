/// A small sequential `RandomNumberGenerator` (SplitMix64: a Weyl sequence passed through the
/// SplitMix64 finaliser). Value type; copy it to fork the stream.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// let k = Int.random(in: 0..<10, using: &rng)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The Weyl counter.
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return CounterRandom.mix(state)
    }

    /// A uniform `Double` in [0, 1).
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal draw (Box–Muller).
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextUniform()
        let u2 = nextUniform()
        return RandomDistributions.boxMuller(u1: u1, u2: u2)
    }
}
