import Foundation
import Testing
@testable import RecoupModel

@Suite struct ResponseRecoveryTests {
    /// On a generated ledger whose true contact and client effects are known (TestWorld), the
    /// fitted effects are recovered within their intervals.
    @Test func recoversKnownContactAndClientEffects() throws {
        let world = TestWorld(clients: 240, months: 12, seed: 42)
        var options = HazardDesignBuilder.Options(until: world.until, halfLife: TestWorld.halfLife,
                                                  unreachedWeight: TestWorld.unreachedWeight)
        options.invoices = nil
        let design = HazardDesignBuilder.build(ledger: world.ledger, options: options)
        let index = HazardDesignBuilder.LedgerIndex(world.ledger)
        let outcomes = ContactOutcomeModels.estimate(ledger: world.ledger, index: index, until: world.until)
        let model = try PaymentResponseFitter.fit(design: design, outcomes: outcomes)
        #expect(model.fit.converged)
        // Contact effects: every one within 3 standard errors, most within 1.96.
        var truth: [String: Double] = [:]
        for (ch, b) in TestWorld.betaChannel { truth[ch.rawValue] = b }
        truth["firm"] = TestWorld.betaFirm
        truth["fatigue"] = TestWorld.betaFatigue
        var inside = 0, checked = 0
        for effect in model.contactEffects {
            guard let t = truth[effect.term] else { continue }
            checked += 1
            #expect(abs(effect.coefficient - t) < 3 * effect.standardError,
                    "\(effect.term): fitted \(effect.coefficient) ± \(effect.standardError), true \(t)")
            if effect.lo <= t && t <= effect.hi { inside += 1 }
        }
        #expect(checked == 7)
        #expect(inside >= 5, "only \(inside) of 7 true contact effects inside their 95% intervals")
        // Client effects: σ_u near 0.7, most true deviations inside their intervals.
        #expect(model.clientEffectSD > 0.5 && model.clientEffectSD < 0.9, "σ_u = \(model.clientEffectSD)")
        var covered = 0
        var pairs: [(Double, Double)] = []
        for e in model.clientEffects {
            let t = world.clientDeviation[e.clientID] ?? .nan
            if abs(e.effect - t) <= 1.96 * e.standardError { covered += 1 }
            pairs.append((e.effect, t))
        }
        let coverage = Double(covered) / Double(model.clientEffects.count)
        #expect(coverage > 0.85, "client-effect interval coverage \(coverage)")
        #expect(correlation(pairs) > 0.6, "correlation \(correlation(pairs))")
    }

    func correlation(_ pairs: [(Double, Double)]) -> Double {
        let n = Double(pairs.count)
        let mx = pairs.map(\.0).reduce(0, +) / n, my = pairs.map(\.1).reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in pairs { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my) }
        return sxy / (sxx * syy).squareRoot()
    }
}
