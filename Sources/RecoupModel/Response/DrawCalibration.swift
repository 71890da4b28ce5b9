import Foundation

/// The shift of each days-past-due baseline that makes the payment-response model, simulated
/// the way the replay simulates it — each client's effect drawn from Normal(effect, se²) — pay
/// as often as the training rows did.
///
/// Why: the fit is penalised (a random intercept per client), so its client effects are shrunk
/// conditional modes, and its baseline is the one that reproduces the observed payment rates
/// *given those modes*. Drawing the effects with their uncertainty restores the clients' spread
/// (which the slow payers, who dominate DSO, need), but on the convex part of the logistic curve
/// it also raises every client's mean daily probability, so projections came out a day or two
/// too fast (docs/simulation.md, "Truth test"). Shifting each dpd bin by `δ_b` so that
///
///     Σ_{rows i in bin b} E_z[σ(η_i + δ_b + se_c·z)] = Σ_{rows i in bin b} y_i,   z ~ N(0, 1),
///
/// where η_i is the fitted linear predictor with the client's effect, keeps the spread and the
/// observed rates. The expectation is a 7-point Gauss–Hermite rule; δ_b by Newton's method.
enum DrawCalibration {
    /// Nodes and weights of the 7-point Gauss–Hermite rule for a standard normal.
    static let nodes = [-3.7504397177257425, -2.366759410734541, -1.1544053947399682, 0, 1.1544053947399682,
                        2.366759410734541, 3.7504397177257425]
    static let weights = [0.0005482688559722169, 0.030757123967586515, 0.24012317860501264, 0.4571428571428572,
                          0.24012317860501264, 0.030757123967586515, 0.0005482688559722169]

    /// δ per dpd bin (9 values; 0 for a bin without rows or without payments).
    /// - Parameters:
    ///   - eta: each row's fitted linear predictor, client effect included
    ///     (`PaymentResponseModel.linearPredictors`).
    ///   - standardErrors: each client's effect standard error, by the design's client index.
    /// - Complexity: O(rows × 7 × Newton steps).
    static func binShifts(design: HazardDesign, eta: [Double], standardErrors: [Double]) -> [Double] {
        var bin = [Int](repeating: 0, count: design.rows)
        var observed = [Double](repeating: 0, count: 9)
        var rows = [Int](repeating: 0, count: 9)
        for i in 0..<design.rows {
            let b = HazardFeatureLayout.dpdBin(Int(design.dpd[i]))
            bin[i] = b
            observed[b] += design.y[i]
            rows[b] += 1
        }
        var shifts = [Double](repeating: 0, count: 9)
        for b in 0..<9 where rows[b] > 0 && observed[b] > 0 && observed[b] < Double(rows[b]) {
            var delta = 0.0
            for _ in 0..<20 {
                var expected = 0.0, slope = 0.0
                for i in 0..<design.rows where bin[i] == b {
                    let c = Int(design.clientIndex[i])
                    let se = c < standardErrors.count ? standardErrors[c] : 0
                    for k in 0..<nodes.count {
                        let q = Engine.sigmoid(eta[i] + delta + se * nodes[k])
                        expected += weights[k] * q
                        slope += weights[k] * q * (1 - q)
                    }
                }
                guard slope > 0 else { break }
                let step = (observed[b] - expected) / slope
                delta += max(-1, min(1, step))
                if abs(step) < 1e-9 { break }
            }
            shifts[b] = delta
        }
        return shifts
    }
}
