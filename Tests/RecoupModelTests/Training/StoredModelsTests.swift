import Foundation
import RecoupLedger
import RecoupPolicy
import Testing
@testable import RecoupModel

/// Trained models go into a store and come back through one encoder and one decoder
/// (`LedgerStore.saveModels`, `latestModels`), under the names of `ModelArtifactName`.
@Suite struct StoredModelsTests {
    /// A risk-only training (the response fit is what takes time) on a small world.
    static func trained() throws -> TrainedModels {
        let world = TestWorld(clients: 40, months: 8, seed: 3)
        var options = TrainingOptions(until: world.until)
        options.fitResponse = false
        return try ModelTrainer.train(ledger: world.ledger, options: options)
    }

    @Test func savedModelsComeBackEqualAndVersioned() throws {
        let store = try LedgerStore()
        let trained = try Self.trained()
        #expect(try store.latestModels() == nil)
        #expect(try store.saveModels(trained) == 1)
        #expect(try store.saveModels(trained) == 2)
        let stored = try #require(try store.latestModels())
        // The in-memory store's ledger is empty, so the artifact is dated day 0 (1970-01-01).
        #expect(stored == StoredTrainedModels(version: 2, createdOn: Day(ordinal: 0), models: trained))
        // The risk model is stored alone too, in the same encoding.
        let risk = try #require(try store.latestArtifact(name: ModelArtifactName.riskModel))
        #expect(risk.version == 2)
        #expect(try JSONDecoder().decode(RiskModel.self, from: Data(risk.json.utf8)) == trained.risk)
        let models = try #require(try store.latestArtifact(name: ModelArtifactName.models))
        #expect(models.json == (try trained.artifactJSON()))
    }

    @Test func anArtifactThatIsNotModelsIsUnreadableWithItsVersion() throws {
        let store = try LedgerStore()
        try store.saveArtifact(name: ModelArtifactName.models, json: "{}")
        #expect {
            try store.latestModels()
        } throws: { error in
            guard case .unreadable(version: 1, _)? = error as? ModelArtifactError else { return false }
            return "\(error)".hasPrefix("the stored models (version 1) cannot be read: ")
        }
    }
}
