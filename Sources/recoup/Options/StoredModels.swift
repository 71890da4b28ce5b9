import Foundation
import RecoupLedger
import RecoupModel
import RecoupPolicy
import RecoupSimulation

/// The latest trained models of a store as the simulator needs them: the ledger, the decoded
/// `TrainedModels` and the replay behaviour built from its payment-response model. One place
/// for the messages a user sees when the store has no usable models.
struct StoredModels {
    var ledger: Ledger
    var trained: TrainedModels
    var behaviour: ReplayBehaviour

    /// Loads the ledger and the newest `models` artifact of `store` (at `path`, for messages).
    /// - Throws: `UserFacingError` when there are no models, they cannot be decoded, or they
    ///   hold no payment-response model; store errors as they come.
    static func load(from store: LedgerStore, path: String) throws -> StoredModels {
        try store.requirePaymentDates(for: "projecting a policy (simulate, compare, tune, report time-audit, roi, leadership)")
        let ledger = try store.loadLedger()
        let stored: StoredTrainedModels?
        do {
            stored = try store.latestModels()
        } catch ModelArtifactError.unreadable(let version, let reason) {
            throw UserFacingError("the stored models (version \(version)) cannot be read: \(reason); run recoup train again")
        }
        guard let trained = stored?.models else {
            throw UserFacingError("no trained models in \(path); run recoup train first")
        }
        guard let response = trained.response else {
            throw UserFacingError("the stored models have no payment-response model (\(trained.warnings.joined(separator: "; "))); run recoup train again")
        }
        return StoredModels(ledger: ledger, trained: trained, behaviour: ReplayBehaviour(model: response, ledger: ledger))
    }
}
