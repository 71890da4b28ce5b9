import Testing
@testable import RecoupSimulation

/// The replay's split draws are the synthetic world's `CounterRandom` draws, bit for bit.
@Suite struct ReplayRandomTests {
    @Test(arguments: [(1 as UInt64, 0), (42, 3), (0xDEAD_BEEF, 199)])
    func prefixDrawsEqualCounterRandom(seed: UInt64, run: Int) {
        let replay = ReplayRandom(seed: seed, run: run)
        let counter = CounterRandom(seed: seed, run: UInt64(run))
        for entity in [0, 1, 77, 123_456] {
            let p = replay.prefix(entity: entity)
            for day in [-5, 0, 20_500] {
                for purpose in [DrawPurpose.payment, .reach, .promise, .bootstrap] {
                    for index in [0, 1, 9] {
                        #expect(ReplayRandom.bits(prefix: p, day: day, purpose: purpose, index: index)
                                    == counter.bits(entity: entity, day: day, purpose: purpose, index: index))
                    }
                }
            }
        }
    }

    @Test func poissonWeightsHaveMeanAndVarianceOne() {
        // Poisson(1): mean 1, variance 1; 20,000 draws give a standard error of 0.007 on the mean.
        let rng = ReplayRandom(seed: 5, run: 1)
        let draws = (0..<20_000).map { Double(rng.poissonOne(entity: $0, day: 0, purpose: .bootstrap)) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
        #expect(abs(mean - 1) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }
}
