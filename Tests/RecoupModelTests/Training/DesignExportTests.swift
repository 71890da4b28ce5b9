import Foundation
import RecoupPolicy
import Testing
@testable import RecoupModel

@Suite struct DesignExportTests {
    struct Table {
        var header: [String]
        var rows: [[String]]
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
    }

    func export(_ kind: DesignExport.Kind, _ ledger: Ledger, _ options: TrainingOptions, halfLife: Double = 5,
                weight: Double = 0.3) throws -> Table {
        var text = ""
        try DesignExport.write(kind: kind, ledger: ledger, options: options, halfLife: halfLife,
                               unreachedWeight: weight) { text += $0 }
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return Table(header: lines[0], rows: Array(lines.dropFirst()))
    }

    /// Refitting the exported training rows gives the trained models' coefficients: the
    /// export is exactly the design training used.
    @Test func refitOfExportReproducesTheModels() throws {
        let world = TestWorld(clients: 40, months: 8, seed: 17)
        let options = world.trainingOptions(halfLives: [3], unreachedWeights: [0.6])
        let trained = try ModelTrainer.train(ledger: world.ledger, options: options)

        let risk = try export(.risk, world.ledger, options)
        let first = risk.column("intercept")
        let riskTrain = risk.rows.filter { $0[risk.column("split")] == "train" }
        #expect(riskTrain.count == trained.evaluation.risk.trainRows)
        let p = risk.header.count - first
        let problem = try LogisticProblem(
            rows: riskTrain.count, columns: p, x: riskTrain.flatMap { $0[first...].map { Double($0) ?? .nan } },
            y: riskTrain.map { Double($0[risk.column("label")]) ?? .nan },
            penalties: [0] + Array(repeating: trained.risk.penalty, count: p - 1))
        let refit = try LogisticSolver.fit(problem)
        #expect(abs(refit.coefficients[0] - trained.risk.intercept) < 1e-8)
        for (a, b) in zip(refit.coefficients.dropFirst(), trained.risk.coefficients) { #expect(abs(a - b) < 1e-8) }

        let model = try #require(trained.response)
        let hazard = try export(.hazard, world.ledger, options, halfLife: model.layout.halfLife, weight: model.layout.unreachedWeight)
        let start = hazard.column("label") + 1
        #expect(Array(hazard.header[start...]) == model.columnNames)
        let hazardTrain = hazard.rows.filter { $0[hazard.column("split")] == "train" }
        #expect(hazardTrain.count == trained.evaluation.response?.trainRows)
        let clients = Array(Set(hazardTrain.map { $0[hazard.column("client_id")] })).sorted()
        let position = Dictionary(uniqueKeysWithValues: clients.enumerated().map { ($1, Int32($0)) })
        let q = model.columnNames.count
        let hazardProblem = try LogisticProblem(
            rows: hazardTrain.count, columns: q, x: hazardTrain.flatMap { $0[start...].map { Double($0) ?? .nan } },
            y: hazardTrain.map { Double($0[hazard.column("label")]) ?? .nan }, penalties: model.penalties,
            groups: .init(count: clients.count, index: hazardTrain.map { position[$0[hazard.column("client_id")]] ?? 0 },
                          penalty: 1 / (model.clientEffectSD * model.clientEffectSD)))
        let hazardRefit = try LogisticSolver.fit(hazardProblem)
        for (a, b) in zip(hazardRefit.coefficients, model.coefficients) { #expect(abs(a - b) < 1e-6, "\(a) vs \(b)") }
        for e in model.clientEffects.prefix(10) {
            let c = Int(position[e.clientID] ?? 0)
            #expect(abs(hazardRefit.groupEffects[c] - e.effect) < 1e-6)
        }
    }

    /// Exporting "as fitted" uses the stored models' half-life, reach weight and late threshold
    /// for the hazard design, and the defaults (5 and 0.3) without models.
    @Test func theHazardExportAsFittedUsesTheModelsSettings() throws {
        let world = TestWorld(clients: 30, months: 6, seed: 5)
        var options = world.trainingOptions(halfLives: [3], unreachedWeights: [0.6])
        options.lateThresholdDays = 10
        let trained = try ModelTrainer.train(ledger: world.ledger, options: options)
        #expect(trained.response != nil)
        func text(_ body: ((String) throws -> Void) throws -> Void) rethrows -> String {
            var out = ""
            try body { out += $0 }
            return out
        }
        let plain = TrainingOptions(until: world.until)
        let asFitted = try text { try DesignExport.write(kind: .hazard, ledger: world.ledger, options: plain, fittedAs: trained, to: $0) }
        let explicit = try text {
            try DesignExport.write(kind: .hazard, ledger: world.ledger, options: options, halfLife: 3, unreachedWeight: 0.6, to: $0)
        }
        #expect(asFitted == explicit)
        let untrained = try text { try DesignExport.write(kind: .hazard, ledger: world.ledger, options: plain, fittedAs: nil, to: $0) }
        let defaults = try text {
            try DesignExport.write(kind: .hazard, ledger: world.ledger, options: plain, halfLife: 5, unreachedWeight: 0.3, to: $0)
        }
        #expect(untrained == defaults)
        #expect(untrained != asFitted)
    }
}
