import Foundation

/// The replay's draws: a counter-based generator keyed by (seed, run, entity, day, purpose,
/// index), so every policy of a comparison sees the same number for the same event (common
/// random numbers) and the output does not depend on thread scheduling.
///
/// Exactly `CounterRandom`'s draws (a test checks it bit for bit), split so that the engine
/// hashes (seed, run, entity) once per invoice (`prefix`) and finishes each draw with the
/// remaining words: three mixes per draw instead of six.
struct ReplayRandom: Sendable {
    typealias Purpose = DrawPurpose

    let seed: UInt64
    let run: UInt64
    /// mix(mix(seed) ^ run), shared by every entity of the run.
    let runHash: UInt64

    init(seed: UInt64, run: Int) {
        self.seed = seed
        self.run = UInt64(run)
        let h = ReplayRandom.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        runHash = ReplayRandom.mix(h ^ (UInt64(run) &+ 0xD1B5_4A32_D192_ED03))
    }

    @inline(__always) static func mix(_ value: UInt64) -> UInt64 { CounterRandom.mix(value) }

    /// The hash of (seed, run, entity): the start of every key of that entity.
    @inline(__always) func prefix(entity: Int) -> UInt64 {
        ReplayRandom.mix(runHash ^ (UInt64(bitPattern: Int64(entity)) &+ 0x8CB9_2BA7_2F3D_8DD7))
    }

    /// 64 bits for (prefix, day, purpose, index).
    @inline(__always) static func bits(prefix: UInt64, day: Int, purpose: Purpose, index: Int = 0) -> UInt64 {
        var h = mix(prefix ^ (UInt64(bitPattern: Int64(day)) &+ 0xABC9_8388_FB8F_AC03))
        h = mix(h ^ (purpose.rawValue &+ 0xC13F_A9A9_02A6_328F))
        return mix(h ^ (UInt64(bitPattern: Int64(index)) &+ 0x91E1_0DA5_C79E_7B1D))
    }

    /// A uniform in [0, 1) with 53 random bits.
    @inline(__always) static func uniform(prefix: UInt64, day: Int, purpose: Purpose, index: Int = 0) -> Double {
        Double(bits(prefix: prefix, day: day, purpose: purpose, index: index) >> 11) * 0x1.0p-53
    }

    /// A uniform for (entity, day, purpose, index) of this run.
    func uniform(entity: Int, day: Int, purpose: Purpose, index: Int = 0) -> Double {
        ReplayRandom.uniform(prefix: prefix(entity: entity), day: day, purpose: purpose, index: index)
    }

    /// A standard normal (Box–Muller on two uniforms of the key: `index` and `index + 2³²`).
    func normal(entity: Int, day: Int, purpose: Purpose, index: Int = 0) -> Double {
        let p = prefix(entity: entity)
        let u1 = 1 - ReplayRandom.uniform(prefix: p, day: day, purpose: purpose, index: index)
        let u2 = ReplayRandom.uniform(prefix: p, day: day, purpose: purpose, index: index &+ (1 << 32))
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A Poisson(1) count by inversion of one uniform (the bootstrap weight of a client).
    func poissonOne(entity: Int, day: Int, purpose: Purpose) -> Int {
        let u = uniform(entity: entity, day: day, purpose: purpose)
        var k = 0
        var p = exp(-1.0)
        var cumulative = p
        while u >= cumulative && k < 20 {
            k += 1
            p /= Double(k)
            cumulative += p
        }
        return k
    }
}
