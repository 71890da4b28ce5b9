import Foundation
import RecoupPolicy
import Testing
@testable import RecoupModel

@Suite struct ModelTrainerTests {
    /// End to end on a generated world: the time split holds, the half-life grid is scored,
    /// the risk model beats its base-rate baseline, the hazard ranks payment days, the
    /// back-test tracks the actual paid share, and the artifact survives a JSON round trip.
    @Test func trainsAndEvaluatesOnAGeneratedWorld() throws {
        let world = TestWorld(clients: 120, months: 12, seed: 9)
        let options = world.trainingOptions(halfLives: [2, 5, 13], unreachedWeights: [0.3, 1.0])
        let trained = try ModelTrainer.train(ledger: world.ledger, options: options)
        let risk = trained.evaluation.risk
        #expect(risk.trainRows > 0 && risk.testRows > 0)
        #expect(abs(risk.baselines.baseRate.auc - 0.5) < 1e-12)
        #expect(risk.auc > 0.6, "risk AUC \(risk.auc)")
        #expect(risk.logLoss < risk.baselines.baseRate.logLoss)
        let response = try #require(trained.evaluation.response)
        #expect(response.auc > 0.6, "response AUC \(response.auc)")
        let model = try #require(trained.response)
        #expect(model.halfLifeSelection.count == 4)
        #expect(options.halfLifeGrid.contains(model.layout.halfLife))
        let at30 = try #require(response.backTest.first { $0.dpd == 30 })
        #expect(abs(at30.predictedPaidShare - at30.actualPaidShare) < 0.08, "\(at30)")
        // Every training invoice was issued before the split day, every test one on or after.
        #expect(trained.splitDay > world.start && trained.splitDay < world.until)
        // The risk model is a policy's riskModel as it is.
        #expect(trained.risk.policyRiskModel.features.allSatisfy { RiskFeature(rawValue: $0) != nil })
        // The artifact's one encoding round-trips, byte for byte.
        let json = try trained.artifactJSON()
        let decoded = try TrainedModels(artifactJSON: json)
        #expect(decoded == trained)
        #expect(try decoded.artifactJSON() == json)
        #expect(trained.dataFingerprint.hasPrefix("fnv1a64:"))
    }

    /// Same ledger → byte-identical artifact.
    @Test func deterministic() throws {
        let world = TestWorld(clients: 25, months: 6, seed: 3)
        let options = world.trainingOptions(halfLives: [5], unreachedWeights: [0.3])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let a = try encoder.encode(ModelTrainer.train(ledger: world.ledger, options: options))
        let b = try encoder.encode(ModelTrainer.train(ledger: world.ledger, options: options))
        #expect(a == b)
    }

    /// An empty ledger is a clear error.
    @Test func emptyLedgerIsAClearError() {
        #expect(throws: TrainingError.emptyLedger) { _ = try ModelTrainer.train(ledger: Ledger()) }
    }
}

/// `TrainingMinimum`: too little history is refused with its counts, and an AUC on a test
/// period with too few of one outcome is not printed.
@Suite struct TrainingMinimumTests {
    /// Three clients over six months: a few dozen resolved invoices at most.
    @Test func aTinyLedgerIsRefusedWithItsCounts() throws {
        let world = TestWorld(clients: 3, months: 6, seed: 4)
        let options = world.trainingOptions(halfLives: [5], unreachedWeights: [0.3])
        do {
            _ = try ModelTrainer.train(ledger: world.ledger, options: options)
            Issue.record("a \(world.ledger.invoices.count)-invoice ledger trained")
        } catch let error {
            guard case .tooFewOutcomes(let resolved, let late, let onTime, _) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(resolved == late + onTime)
            #expect(resolved < TrainingMinimum.resolvedInvoices || min(late, onTime) < TrainingMinimum.perOutcome)
            #expect(error.description.contains("the risk model needs at least 50"))
        }
    }

    /// A test period of a handful of invoices: the fit runs, the AUCs are marked meaningless.
    @Test func aSmallTestPeriodHidesTheAUC() throws {
        let world = TestWorld(clients: 120, months: 12, seed: 9)
        var options = world.trainingOptions(halfLives: [5], unreachedWeights: [0.3])
        options.testFraction = 0.004
        let risk = try ModelTrainer.train(ledger: world.ledger, options: options).evaluation.risk
        let late = try #require(risk.testLate), onTime = try #require(risk.testOnTime)
        #expect(late + onTime == risk.testRows)
        #expect(!risk.aucIsMeaningful, "\(late) late, \(onTime) on time")
    }

    @Test func aucNeedsTenOfEachOutcome() {
        #expect(TrainingMinimum.supportsAUC(late: 10, onTime: 10))
        #expect(!TrainingMinimum.supportsAUC(late: 9, onTime: 500))
        #expect(!TrainingMinimum.supportsAUC(late: 500, onTime: 9))
    }
}
