import Foundation
import RecoupLedger
import RecoupPolicy

/// The artifacts `recoup train` keeps in a store, by name: the one list of names, so the
/// command that saves them and every command that reads them agree (docs/models.md).
public enum ModelArtifactName {
    /// Everything `ModelTrainer.train` returns (`TrainedModels`, schema
    /// `recoup.model.training/v1`): what `simulate`, `compare`, `tune` and `features` read.
    public static let models = "models"
    /// The policy-ready risk model alone (`RiskModel`), for pasting into a policy's `riskModel`.
    public static let riskModel = "risk-model"
}

/// The newest `models` artifact of a store, decoded.
public struct StoredTrainedModels: Sendable, Equatable {
    /// The artifact version (1 for the first training, then 2, 3, …).
    public var version: Int
    /// The ledger's latest day when it was saved (see `LedgerStore.saveArtifact`).
    public var createdOn: Day
    public var models: TrainedModels
}

/// Why stored models could not be saved or read.
public enum ModelArtifactError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store itself failed (its own message).
    case store(LedgerStoreError)
    /// The artifact of this version is not valid `TrainedModels` JSON (written by another
    /// version of Recoup, or edited); training again replaces it.
    case unreadable(version: Int, reason: String)
    /// The models do not encode as JSON (a non-finite number in a fitted model).
    case unencodable(reason: String)

    public var description: String {
        switch self {
        case .store(let error): return error.description
        case .unencodable(let reason): return "the trained models cannot be stored: \(reason)"
        case .unreadable(let version, let reason): return "the stored models (version \(version)) cannot be read: \(reason)"
        }
    }
}

extension TrainedModels {
    /// The artifact JSON: keys sorted, so the same models give the same bytes.
    /// - Throws: `ModelArtifactError.unencodable` for a non-finite number.
    public func artifactJSON() throws(ModelArtifactError) -> String { try ModelArtifactCoding.encode(self) }

    /// Decodes an artifact written by `artifactJSON`; the one decoder every reader uses.
    /// - Throws: `DecodingError` for JSON that is not `TrainedModels`.
    public init(artifactJSON json: String) throws {
        self = try JSONDecoder().decode(TrainedModels.self, from: Data(json.utf8))
    }
}

/// The artifacts' one JSON encoding (sorted keys, Foundation's number format).
enum ModelArtifactCoding {
    static func encode<T: Encodable>(_ value: T) throws(ModelArtifactError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .unencodable(reason: "\(error)")
        }
    }
}

extension LedgerStore {
    /// Saves what `ModelTrainer.train` returned as the next versions of the `models` and
    /// `risk-model` artifacts (`ModelArtifactName`), and returns the `models` version.
    ///
    /// ```swift
    /// let trained = try ModelTrainer.train(ledger: try store.loadLedger())
    /// let version = try store.saveModels(trained)
    /// ```
    /// Both are encoded before either is saved, so a model that cannot be encoded saves nothing.
    /// - Throws: `ModelArtifactError.unencodable`, `.store`.
    @discardableResult
    public func saveModels(_ trained: TrainedModels) throws(ModelArtifactError) -> Int {
        let models = try trained.artifactJSON(), risk = try ModelArtifactCoding.encode(trained.risk)
        do {
            let version = try saveArtifact(name: ModelArtifactName.models, json: models)
            try saveArtifact(name: ModelArtifactName.riskModel, json: risk)
            return version
        } catch {
            throw .store(error)
        }
    }

    /// The newest `models` artifact, decoded; nil when the store has none (never trained).
    /// - Throws: `ModelArtifactError.unreadable` when it does not decode, `.store` for the store.
    public func latestModels() throws(ModelArtifactError) -> StoredTrainedModels? {
        let artifact: Artifact?
        do { artifact = try latestArtifact(name: ModelArtifactName.models) } catch { throw .store(error) }
        guard let artifact else { return nil }
        do {
            return StoredTrainedModels(version: artifact.version, createdOn: artifact.createdOn,
                                       models: try TrainedModels(artifactJSON: artifact.json))
        } catch {
            throw .unreadable(version: artifact.version, reason: "\(error)")
        }
    }
}
