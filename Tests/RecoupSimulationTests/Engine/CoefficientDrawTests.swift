import Foundation
import Testing
@testable import RecoupSimulation

@Suite struct CoefficientDrawTests {
    @Test func choleskyOfATwoByTwo() throws {
        // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]] (by hand).
        let l = try #require(CoefficientDraws.cholesky([4, 2, 2, 3], n: 2))
        #expect(abs(l[0] - 2) < 1e-12 && abs(l[1]) < 1e-12 && abs(l[2] - 1) < 1e-12 && abs(l[3] - 2.0.squareRoot()) < 1e-12)
    }

    @Test func drawsHaveTheModelsMeanAndCovariance() throws {
        // Email effect sd 0.3, fatigue sd 0.1, correlation −0.5 between them; 4,000 runs give
        // standard errors of about 0.005 on the sd and 0.015 on the correlation.
        var b = ReplayFixtures.constant(0.05)
        b.channelCoefficients = [0.7, 0, 0, 0, 0]
        let q = CoefficientDraws.count
        var c = [Double](repeating: 0, count: q * q)
        let email = 15, fatigue = 22
        c[email * q + email] = 0.09; c[fatigue * q + fatigue] = 0.01
        c[email * q + fatigue] = -0.015; c[fatigue * q + email] = -0.015
        b.dynamicCovariance = c
        let draws = try #require(CoefficientDraws(behaviour: b, runs: 4_000, seed: 9, enabled: true).values)
        let e = (0..<4_000).map { draws[$0 * q + email] }, f = (0..<4_000).map { draws[$0 * q + fatigue] }
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        let me = mean(e), mf = mean(f)
        let se = (e.reduce(0) { $0 + ($1 - me) * ($1 - me) } / 3_999).squareRoot()
        let sf = (f.reduce(0) { $0 + ($1 - mf) * ($1 - mf) } / 3_999).squareRoot()
        let r = zip(e, f).reduce(0) { $0 + ($1.0 - me) * ($1.1 - mf) } / 3_999 / (se * sf)
        #expect(abs(me - 0.7) < 0.02 && abs(mf) < 0.01)
        #expect(abs(se - 0.3) < 0.02 && abs(sf - 0.1) < 0.007)
        #expect(abs(r + 0.5) < 0.05)
        // A coefficient with no variance stays at its estimate (up to the ridge Cholesky adds).
        #expect(abs(draws[0] - b.dpdCoefficients[0]) < 1e-3)
        #expect(CoefficientDraws(behaviour: b, runs: 3, seed: 9, enabled: false).values == nil)
    }
}
