import Foundation

/// The fuzz harness's time bound and seed, shared by every fuzz test (the importer's harness
/// reads the same two variables):
/// - `RECOUP_FUZZ_SECONDS`: seconds each time-bounded fuzz test runs (default 5 in the suite;
///   set it higher for a longer run on demand, e.g. `RECOUP_FUZZ_SECONDS=600`).
/// - `RECOUP_FUZZ_SEED`: the seed of every draw (default fixed, so CI is reproducible). Every
///   failure message names it, so `RECOUP_FUZZ_SEED=<seed> swift test --filter …` replays it.
struct FuzzSettings: CustomStringConvertible {
    var seconds: Double
    var seed: UInt64

    static let defaultSeconds = 5.0
    static let defaultSeed: UInt64 = 2026

    static var current: FuzzSettings {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["RECOUP_FUZZ_SECONDS"].flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        let seed = environment["RECOUP_FUZZ_SEED"].flatMap { UInt64($0) }
        return FuzzSettings(seconds: seconds ?? defaultSeconds, seed: seed ?? defaultSeed)
    }

    /// A generator for one test: the seed mixed with the test's own salt.
    func generator(salt: UInt64) -> SplitMix64 { SplitMix64(seed: seed ^ (salt &* 0x9E37_79B9_7F4A_7C15)) }

    /// A deadline `fraction` of `seconds` from now.
    func deadline(fraction: Double = 1) -> Date { Date().addingTimeInterval(seconds * fraction) }

    var description: String { "RECOUP_FUZZ_SEED=\(seed) (RECOUP_FUZZ_SECONDS=\(seconds))" }
}
