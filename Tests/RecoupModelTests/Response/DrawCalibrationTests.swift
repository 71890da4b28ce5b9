import Foundation
import Testing
@testable import RecoupModel

/// `DrawCalibration`: the per-bin shift with which drawn client effects pay as often as the
/// training rows did. Checked against a brute-force expectation (a 4,001-point trapezoid over
/// ±8 standard deviations, not the Gauss–Hermite rule the code uses).
@Suite struct DrawCalibrationTests {
    /// A design with one row per entry of `bins` (one-hot in the first 9 columns, and a
    /// days-past-due value inside that bin), alternately in client 0 and client 1.
    func design(bins: [Int], y: [Double]) -> HazardDesign {
        let layout = HazardFeatureLayout(segments: ["smb"], segmentMeanLogAmount: [0], halfLife: 5, unreachedWeight: 0.3)
        let p = layout.columnCount
        var x = [Double](repeating: 0, count: bins.count * p)
        for (i, b) in bins.enumerated() { x[i * p + b] = 1 }
        return HazardDesign(layout: layout, rows: bins.count, x: x, y: y,
                            clientIndex: bins.indices.map { Int32($0 % 2) }, invoiceIndex: bins.indices.map { Int32($0) },
                            day: bins.map { _ in 0 }, dpd: bins.map { Self.dpdInBin[$0] }, clientIDs: ["a", "b"])
    }

    /// One days-past-due value in each bin of `HazardFeatureLayout.dpdBin`.
    static let dpdInBin: [Int32] = [-10, -3, 0, 3, 10, 20, 45, 75, 100]

    @Test func theFixtureDaysPastDueLieInTheirBins() {
        for (b, dpd) in Self.dpdInBin.enumerated() { #expect(HazardFeatureLayout.dpdBin(Int(dpd)) == b) }
    }

    func expectedByTrapezoid(_ eta: Double, _ se: Double) -> Double {
        let n = 4000, lo = -8.0, h = 16.0 / Double(n)
        var s = 0.0
        for k in 0...n {
            let z = lo + Double(k) * h
            let w = (k == 0 || k == n) ? 0.5 : 1.0
            s += w * exp(-z * z / 2) / (2 * Double.pi).squareRoot() / (1 + exp(-(eta + se * z)))
        }
        return s * h
    }

    /// With standard errors, E[σ(η + δ + se·z)] summed over a bin's rows equals its payments.
    @Test func shiftedExpectationMatchesTheObservedPayments() {
        // Bin 3: 20 rows, 3 payments; bin 5: 10 rows, 1 payment. η per row from a fit.
        let bins = [Int](repeating: 3, count: 20) + [Int](repeating: 5, count: 10)
        var y = [Double](repeating: 0, count: 30)
        y[0] = 1; y[7] = 1; y[12] = 1; y[25] = 1
        let eta = bins.indices.map { -2.2 + 0.05 * Double($0 % 7) }
        let se = [0.8, 0.3]
        let shifts = DrawCalibration.binShifts(design: design(bins: bins, y: y), eta: eta, standardErrors: se)
        #expect(shifts.count == 9)
        for b in [3, 5] {
            let rows = bins.indices.filter { bins[$0] == b }
            let expected = rows.map { expectedByTrapezoid(eta[$0] + shifts[b], se[$0 % 2]) }.reduce(0, +)
            let observed = rows.map { y[$0] }.reduce(0, +)
            #expect(abs(expected - observed) < 1e-3, "bin \(b): \(expected) vs \(observed)")
        }
        // Bins without rows are left alone.
        #expect(shifts[0] == 0 && shifts[8] == 0)
    }

    /// Without uncertainty the shift is the plain logit correction: with every η equal, δ makes
    /// σ(η + δ) the observed rate, i.e. δ = logit(rate) − η.
    @Test func withoutUncertaintyTheShiftIsTheLogitGap() {
        let bins = [Int](repeating: 4, count: 10)
        var y = [Double](repeating: 0, count: 10)
        y[2] = 1; y[5] = 1
        let eta = [Double](repeating: -1.0, count: 10)
        let shifts = DrawCalibration.binShifts(design: design(bins: bins, y: y), eta: eta, standardErrors: [0, 0])
        #expect(abs(shifts[4] - (log(0.2 / 0.8) + 1.0)) < 1e-9)
    }

    /// Drawing effects raises the mean payment probability where σ is convex (rates below ½),
    /// so the calibration lowers the baseline there.
    @Test func uncertaintyLowersALowRatesBaseline() {
        let bins = [Int](repeating: 2, count: 10)
        var y = [Double](repeating: 0, count: 10)
        y[0] = 1
        let eta = [Double](repeating: log(0.1 / 0.9), count: 10)
        let shifts = DrawCalibration.binShifts(design: design(bins: bins, y: y), eta: eta, standardErrors: [1, 1])
        #expect(shifts[2] < -0.05)
    }
}
