import Foundation
import RecoupPolicy

/// Per-run draws of the hazard's day-to-day coefficients from their estimation distribution,
/// Normal(β̂, Σ), so the intervals carry the uncertainty of the fitted effects (of reminders
/// above all), not only of the clients.
///
/// The drawn vector is `ReplayBehaviour.dynamicCoefficients` order: 9 dpd bins, 4 weekdays
/// (Tuesday … Friday), promise waiting, dispute resolved, 5 channels (shared + own effect),
/// firm, human, fatigue. Its covariance comes from the model's (`A Σ Aᵀ` for the summed channel
/// effects); the draw is β̂ + L·z with L the Cholesky factor and z standard normals from the
/// counter generator keyed by (seed, run, coefficient). Where the model holds the human term
/// (`heldHumanTerm`), each run also draws the unseen side's difference from its prior.
struct CoefficientDraws {
    static let count = 9 + 4 + 2 + 5 + 3

    /// `runs × count`, row-major; nil when there is no covariance to draw from.
    let values: [Double]?

    init(behaviour: ReplayBehaviour, runs: Int, seed: UInt64, enabled: Bool) {
        guard enabled, let covariance = behaviour.dynamicCovariance,
              covariance.count == CoefficientDraws.count * CoefficientDraws.count,
              let lower = CoefficientDraws.cholesky(covariance, n: CoefficientDraws.count) else {
            values = nil
            return
        }
        let q = CoefficientDraws.count
        let mean = behaviour.dynamicCoefficients
        var out = [Double](repeating: 0, count: runs * q)
        for r in 0..<runs {
            let rng = ReplayRandom(seed: seed, run: r)
            let z = (0..<q).map { rng.normal(entity: -1, day: 1, purpose: .bootstrap, index: $0) }
            for i in 0..<q {
                var s = mean[i]
                for j in 0...i { s += lower[i * q + j] * z[j] }
                out[r * q + i] = s
            }
        }
        // The person-versus-agent difference the history cannot show, drawn from its prior:
        // the unseen side moves, the seen side keeps its fitted effect.
        if let held = behaviour.model?.heldHumanTerm, held.priorSD > 0 {
            let channels = 15, human = 21, call = channels + Channel.call.index
            for r in 0..<runs {
                let delta = held.priorSD * ReplayRandom(seed: seed, run: r).normal(entity: -2, day: 1, purpose: .bootstrap)
                switch held.reason {
                case .noAgentContacts:
                    // Agents' contacts (every channel's own coefficient) move; a person's stay.
                    for k in 0..<5 { out[r * q + channels + k] += delta }
                    out[r * q + human] -= delta
                case .noPersonContacts:
                    // A person's emails, sms and letters move; calls (always a person's) stay.
                    out[r * q + human] += delta
                    out[r * q + call] -= delta
                }
            }
        }
        values = out
    }

    /// The lower Cholesky factor of a symmetric `n × n` matrix, with a small ridge added when
    /// it is not numerically positive definite; nil if even that fails.
    static func cholesky(_ a: [Double], n: Int) -> [Double]? {
        var scale = 0.0
        for i in 0..<n { scale = max(scale, abs(a[i * n + i])) }
        for ridge in [0.0, 1e-10, 1e-8, 1e-6] {
            var l = [Double](repeating: 0, count: n * n)
            var ok = true
            outer: for i in 0..<n {
                for j in 0...i {
                    var s = a[i * n + j] + (i == j ? ridge * max(scale, 1e-12) : 0)
                    for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                    if i == j {
                        guard s > 0 else { ok = false; break outer }
                        l[i * n + i] = s.squareRoot()
                    } else {
                        l[i * n + j] = s / l[j * n + j]
                    }
                }
            }
            if ok { return l }
        }
        return nil
    }
}

extension ReplayBehaviour {
    /// The day-to-day coefficients in `CoefficientDraws` order.
    var dynamicCoefficients: [Double] {
        dpdCoefficients + Array(weekdayCoefficients.dropFirst()) + [promiseWaitingCoefficient, disputeResolvedCoefficient]
            + channelCoefficients + [firmCoefficient, humanCoefficient, fatigueCoefficient]
    }

    /// Sets the day-to-day coefficients from `values[offset..<offset + CoefficientDraws.count]`.
    mutating func setDynamicCoefficients(_ values: [Double], offset: Int) {
        for i in 0..<9 { dpdCoefficients[i] = values[offset + i] }
        for i in 0..<4 { weekdayCoefficients[i + 1] = values[offset + 9 + i] }
        promiseWaitingCoefficient = values[offset + 13]
        disputeResolvedCoefficient = values[offset + 14]
        for i in 0..<5 { channelCoefficients[i] = values[offset + 15 + i] }
        firmCoefficient = values[offset + 20]
        humanCoefficient = values[offset + 21]
        fatigueCoefficient = values[offset + 22]
    }
}
