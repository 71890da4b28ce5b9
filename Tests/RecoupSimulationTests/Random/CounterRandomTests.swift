import Foundation
import Testing
@testable import RecoupSimulation

@Suite struct CounterRandomTests {
    let rng = CounterRandom(seed: 42, run: 3)

    @Test func sameKeySameDraw() {
        for e in 0..<100 {
            #expect(rng.bits(entity: e, day: 20_000, purpose: .payment) == rng.bits(entity: e, day: 20_000, purpose: .payment))
            #expect(rng.uniform(entity: e, day: 5, purpose: .reach, index: 2)
                == CounterRandom(seed: 42, run: 3).uniform(entity: e, day: 5, purpose: .reach, index: 2))
        }
    }

    @Test func everyKeyWordChangesTheDraw() {
        let base = rng.bits(entity: 7, day: 100, purpose: .payment, index: 0)
        #expect(CounterRandom(seed: 43, run: 3).bits(entity: 7, day: 100, purpose: .payment) != base)
        #expect(CounterRandom(seed: 42, run: 4).bits(entity: 7, day: 100, purpose: .payment) != base)
        #expect(rng.bits(entity: 8, day: 100, purpose: .payment) != base)
        #expect(rng.bits(entity: 7, day: 101, purpose: .payment) != base)
        #expect(rng.bits(entity: 7, day: 100, purpose: .reach) != base)
        #expect(rng.bits(entity: 7, day: 100, purpose: .payment, index: 1) != base)
        // Swapping entity and day must not give the same stream.
        #expect(rng.bits(entity: 100, day: 7, purpose: .payment) != base)
    }

    @Test func distinctPurposesGiveDistinctStreams() {
        var matches = 0
        for purpose in DrawPurpose.allCases where purpose != .payment {
            for e in 0..<1_000 where rng.bits(entity: e, day: 9, purpose: purpose) == rng.bits(entity: e, day: 9, purpose: .payment) {
                matches += 1
            }
        }
        #expect(matches == 0)
    }

    // Tolerances: over n = 1e5 draws the standard error of a uniform mean is 0.2887/316 ≈ 0.0009,
    // of its variance ≈ 0.00024, of a normal mean 0.0032 and of its variance sqrt(2/n) ≈ 0.0045;
    // bounds below are about 5 standard errors.
    @Test func uniformMomentsOver1e5Draws() {
        let n = 100_000
        var sum = 0.0, sumSq = 0.0
        var minimum = 1.0, maximum = 0.0
        for i in 0..<n {
            let u = rng.uniform(entity: i, day: 1, purpose: .payment)
            sum += u; sumSq += u * u
            minimum = min(minimum, u); maximum = max(maximum, u)
        }
        let mean = sum / Double(n)
        let variance = sumSq / Double(n) - mean * mean
        #expect(abs(mean - 0.5) < 0.0045)
        #expect(abs(variance - 1.0 / 12.0) < 0.0012)
        #expect(minimum >= 0 && maximum < 1)
    }

    @Test func normalMomentsOver1e5Draws() {
        let n = 100_000
        var sum = 0.0, sumSq = 0.0, beyond196 = 0
        for i in 0..<n {
            let z = rng.normal(entity: i, day: 2, purpose: .clientPropensity)
            sum += z; sumSq += z * z
            if abs(z) > 1.96 { beyond196 += 1 }
        }
        let mean = sum / Double(n)
        #expect(abs(mean) < 0.016)
        #expect(abs(sumSq / Double(n) - mean * mean - 1) < 0.023)
        // P(|Z| > 1.96) = 0.05; standard error sqrt(0.05·0.95/n) ≈ 0.0007.
        #expect(abs(Double(beyond196) / Double(n) - 0.05) < 0.0035)
    }

    @Test func bernoulliCategoricalAndIntegerShares() {
        let n = 100_000
        var hits = 0
        var counts = [0, 0, 0]
        var intCounts = [Int](repeating: 0, count: 8)
        for i in 0..<n {
            if rng.bernoulli(0.3, entity: i, day: 3, purpose: .promise) { hits += 1 }
            counts[rng.categorical([0.6, 0.3, 0.1], entity: i, day: 3, purpose: .clientSegment)] += 1
            intCounts[rng.integer(in: 3...10, entity: i, day: 3, purpose: .promiseDelay) - 3] += 1
        }
        // Standard errors: sqrt(p(1−p)/n) ≤ 0.0016.
        #expect(abs(Double(hits) / Double(n) - 0.3) < 0.008)
        #expect(abs(Double(counts[0]) / Double(n) - 0.6) < 0.008)
        #expect(abs(Double(counts[2]) / Double(n) - 0.1) < 0.005)
        for c in intCounts { #expect(abs(Double(c) / Double(n) - 0.125) < 0.006) }
    }

    @Test func purposesAreUncorrelated() {
        let n = 100_000
        var sx = 0.0, sy = 0.0, sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let x = rng.uniform(entity: i, day: 4, purpose: .payment)
            let y = rng.uniform(entity: i, day: 4, purpose: .reach)
            sx += x; sy += y; sxy += x * y; sxx += x * x; syy += y * y
        }
        let nn = Double(n)
        let r = (sxy / nn - sx / nn * sy / nn) / ((sxx / nn - (sx / nn) * (sx / nn)) * (syy / nn - (sy / nn) * (sy / nn))).squareRoot()
        // Standard error of r under independence: 1/sqrt(n) ≈ 0.0032.
        #expect(abs(r) < 0.016)
    }

    @Test func geometricMean() {
        let n = 100_000
        var sum = 0
        for i in 0..<n {
            sum += RandomDistributions.geometric(mean: 15, u: rng.uniform(entity: i, day: 0, purpose: .disputeDuration))
        }
        // Variance of a geometric with mean 15 is 15·16 = 240; standard error sqrt(240/n) ≈ 0.049.
        #expect(abs(Double(sum) / Double(n) - 15) < 0.25)
    }

    @Test func splitMixMatchesTheReferenceSequence() {
        // SplitMix64 seeded with 0: the first outputs of the reference C implementation
        // (Vigna, splitmix64.c) are 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        var a = rng.sequence(entity: 1, day: 2, purpose: .bootstrap)
        var b = rng.sequence(entity: 1, day: 2, purpose: .bootstrap)
        #expect(a.next() == b.next())
        #expect(Int.random(in: 0..<1_000_000, using: &a) == Int.random(in: 0..<1_000_000, using: &b))
    }

    @Test func sigmoidIsStableAtTheExtremes() {
        #expect(abs(RandomDistributions.sigmoid(0) - 0.5) < 1e-15)
        #expect(RandomDistributions.sigmoid(-800) >= 0)
        #expect(RandomDistributions.sigmoid(800) == 1)
        #expect(abs(RandomDistributions.sigmoid(2) - 0.8807970779778823) < 1e-15)  // 1/(1+exp(-2)), Python
    }
}
