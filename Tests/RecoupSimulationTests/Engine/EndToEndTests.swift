import Foundation
import RecoupModel
import RecoupPolicy
import RecoupSynthetic
import Testing
@testable import RecoupSimulation

/// Generate a small synthetic history, train the models on it, replay the history: the
/// back-test must land near the actual cohort DSO.
@Suite struct EndToEndTests {
    @Test func backTestOnASyntheticWorld() throws {
        var parameters = WorldParameters()
        parameters.clients = 120
        parameters.months = 12
        parameters.seed = 3
        let world = SyntheticWorld(parameters: parameters)
        let ledger = world.makeHistoryLedger()
        let trained = try ModelTrainer.train(ledger: ledger)
        let response = try #require(trained.response)
        let behaviour = ReplayBehaviour(model: response, ledger: ledger)
        #expect(behaviour.problems().isEmpty)
        let lastIssue = try #require(ledger.invoices.map(\.issuedOn).max())
        let report = try Simulation.project(ledger: ledger, behaviour: behaviour, policies: [.history, .none],
                                            to: lastIssue - 150, options: SimulationOptions(runs: 30, seed: 5))
        let b = try #require(report.backTest)
        #expect(abs(b.actual.dso - b.replayedDSO.mean) < 3, "\(b.lines)")
        #expect(abs(b.actual.collectionRate - b.replayedCollectionRate.mean) < 0.02, "\(b.lines)")
    }
}
