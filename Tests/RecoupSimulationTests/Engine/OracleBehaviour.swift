import Foundation
import RecoupPolicy
import RecoupSynthetic
@testable import RecoupSimulation

/// The replay behaviour that knows the synthetic world's true parameters and each client's true
/// latent propensity (no estimation at all). Replaying a policy with it and comparing with the
/// world's truth isolates the replay's semantics from the models' estimation error.
enum OracleBehaviour {
    static func make(_ world: SyntheticWorld) -> ReplayBehaviour {
        let p = world.parameters
        var b = ReplayBehaviour(dpdCoefficients: p.baselineLogit)
        let segments = Segment.allCases.sorted { $0.rawValue < $1.rawValue }
        b.segmentNames = segments.map(\.rawValue)
        // The world centres ln(amount in cents) on ln(base median in cents); the replay centres
        // ln(amount in units).
        b.segmentMeanLogAmount = segments.map { p.meanLogAmount($0) - log(100) }
        b.segmentCoefficients = segments.map { _ in 0 }
        b.logAmountCoefficient = p.betaAmount
        b.channelCoefficients = Channel.allCases.map { p.betaChannel[$0.index] }
        b.firmCoefficient = p.betaFirm
        b.fatigueCoefficient = p.betaFatigue
        b.halfLife = p.contactHalfLifeBusinessDays
        b.unreachedWeight = p.unreachedWeight
        var effects: [String: ReplayBehaviour.ClientEffect] = [:]
        for c in world.clients { effects[c.client.id] = .init(effect: c.propensity, standardError: 0) }
        b.clientEffects = effects
        b.reach = Channel.allCases.map { p.reachProbability[$0.index] }
        b.promiseGivenReach = Channel.allCases.map { p.promiseProbability[$0.index] }
        b.promiseKept = p.promiseKeptProbability
        // The replay scales the marginal rate by reach × (1 − promise); give it the world's
        // conditional rate times a typical eligible share.
        b.disputeByTone = Tone.allCases.map { p.disputeProbability[$0.firmness] * 0.8 }
        b.promiseLagDays = Array(p.promiseDelayDays)
        b.disputeDurationDays = (0..<200).map { i in
            p.disputeMinDays + Int((-p.disputeExtraMeanDays * log((Double(i) + 0.5) / 200)).rounded())
        }
        b.partialPayment = p.partialShare
        b.partialShare = (p.partialFraction.lowerBound + p.partialFraction.upperBound) / 2
        b.autopaySuccess = p.autopaySuccess
        return b
    }
}
