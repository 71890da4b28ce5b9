import Foundation
import RecoupPolicy

/// Everything `recoup train` fits, with its evaluation and provenance; stored as versioned JSON
/// artifacts (see docs/models.md).
public struct TrainedModels: Sendable, Equatable, Codable {
    public var schema = "recoup.model.training/v1"
    public var risk: RiskModel
    public var response: PaymentResponseModel?
    public var evaluation: TrainingEvaluation
    /// Invoices issued before this day trained the models; the rest tested them.
    public var splitDay: Day
    /// The last day of data used.
    public var until: Day
    /// `LedgerFingerprint` of the ledger trained on.
    public var dataFingerprint: String
    /// Solver warnings and skipped steps, worst first.
    public var warnings: [String]
}

/// Fits the risk and payment-response models on a ledger with a time-based split.
public enum ModelTrainer {
    /// Trains on invoices issued before the split day and evaluates on those issued after.
    ///
    /// - Parameters:
    ///   - progress: called with a short status line before each long step (for a terminal).
    /// - Throws: `TrainingError`.
    public static func train(ledger: Ledger, options: TrainingOptions = .init(),
                             progress: ((String) -> Void)? = nil) throws(TrainingError) -> TrainedModels {
        let plan = try SplitPlan(ledger: ledger, options: options)
        let (until, index, split, train, test) = (plan.until, plan.index, plan.split, plan.train, plan.test)
        var warnings: [String] = []

        progress?("risk model")
        let (risk, riskEvaluation) = try fitRisk(ledger: ledger, index: index, until: until, split: split, options: options,
                                                 warnings: &warnings)
        var response: PaymentResponseModel? = nil
        var responseEvaluation: ResponseEvaluation? = nil
        if options.fitResponse {
            do {
                let result = try fitResponse(ledger: ledger, index: index, until: until, train: train, test: test,
                                             options: options, progress: progress)
                response = result.0
                responseEvaluation = result.1
                warnings += result.0.fit.warnings.map { "response: " + $0 }
            } catch {
                warnings.append("response: not fitted: \(error)")
            }
        }
        return TrainedModels(risk: risk, response: response,
                             evaluation: TrainingEvaluation(risk: riskEvaluation, response: responseEvaluation),
                             splitDay: split, until: until, dataFingerprint: LedgerFingerprint.compute(ledger),
                             warnings: warnings)
    }

    /// The time split of a ledger: invoices issued before `split` train, the rest test.
    public struct SplitPlan: Sendable {
        public var until: Day
        public var index: HazardDesignBuilder.LedgerIndex
        public var split: Day
        public var train: [Int]
        public var test: [Int]

        public init(ledger: Ledger, options: TrainingOptions) throws(TrainingError) {
            guard !ledger.invoices.isEmpty else { throw .emptyLedger }
            until = options.until ?? HazardDesignBuilder.lastDay(of: ledger) ?? Day(ordinal: 0)
            index = HazardDesignBuilder.LedgerIndex(ledger)
            let until = until
            let issued = ledger.invoices.indices.filter { ledger.invoices[$0].issuedOn <= until }
            guard issued.count >= 4 else { throw .notEnoughInvoices(count: issued.count) }
            split = ModelTrainer.splitDay(ledger: ledger, invoices: issued, testFraction: options.testFraction)
            let split = split
            train = issued.filter { ledger.invoices[$0].issuedOn < split }
            test = issued.filter { ledger.invoices[$0].issuedOn >= split }
            guard !train.isEmpty, !test.isEmpty else { throw .notEnoughInvoices(count: issued.count) }
        }
    }

    /// The risk rows of a split with their standardisation (training means and scales);
    /// features constant on the training rows are dropped with a warning.
    public struct RiskPreparation: Sendable {
        public var data: RiskDataset
        public var trainRows: [Int]
        public var testRows: [Int]
        public var features: [RiskFeature]
        public var means: [Double]
        public var scales: [Double]
        public var warnings: [String] = []

        public init(ledger: Ledger, index: HazardDesignBuilder.LedgerIndex, until: Day, split: Day,
                    options: TrainingOptions) throws(TrainingError) {
            let calculator = RiskFeatureCalculator(ledger: ledger, lateThresholdDays: options.lateThresholdDays)
            let data = RiskDataset.build(ledger: ledger, calculator: calculator, index: index, until: until)
            let width = RiskDataset.width
            trainRows = (0..<data.rows).filter { ledger.invoices[data.invoices[$0]].issuedOn < split }
            testRows = (0..<data.rows).filter { ledger.invoices[data.invoices[$0]].issuedOn >= split }
            guard !trainRows.isEmpty, !testRows.isEmpty else { throw .notEnoughInvoices(count: data.rows) }
            let trainRows = trainRows
            let (late, onTime) = TrainingMinimum.counts(trainRows.map { data.labels[$0] })
            guard trainRows.count >= TrainingMinimum.resolvedInvoices, min(late, onTime) >= TrainingMinimum.perOutcome else {
                throw .tooFewOutcomes(resolved: trainRows.count, late: late, onTime: onTime,
                                      lateThresholdDays: options.lateThresholdDays)
            }
            let parameters = options.riskFeatures.count + 1
            if min(late, onTime) < TrainingMinimum.eventsPerParameter * parameters {
                warnings.append("risk: \(trainRows.count) invoices with a known outcome in the training period, \(min(late, onTime)) of them "
                                + (late <= onTime ? "late" : "on time") + ", for \(parameters) coefficients: below the usual "
                                + "\(TrainingMinimum.eventsPerParameter) per coefficient, so the risk model is rough; import more history")
            }
            features = []; means = []; scales = []
            for feature in options.riskFeatures {
                let j = RiskFeature.allCases.firstIndex(of: feature) ?? 0
                var s = 0.0, s2 = 0.0
                for r in trainRows { let v = data.features[r * width + j]; s += v; s2 += v * v }
                let n = Double(trainRows.count)
                let mean = s / n
                let variance = max(0, s2 / n - mean * mean)
                guard variance > 1e-12 * max(1, mean * mean) else {
                    warnings.append("risk: feature \(feature.rawValue) is constant in the training period and was left out")
                    continue
                }
                features.append(feature); means.append(mean); scales.append(variance.squareRoot())
            }
            self.data = data
        }
    }

    /// The issue day of the first test invoice: the `(1 − testFraction)` quantile of issue days.
    static func splitDay(ledger: Ledger, invoices: [Int], testFraction: Double) -> Day {
        let days = invoices.map { ledger.invoices[$0].issuedOn }.sorted()
        let k = min(days.count - 1, max(1, Int((Double(days.count) * (1 - testFraction)).rounded(.down))))
        var split = days[k]
        // Keep at least one invoice on each side when many share the split day.
        if split == days[0], let later = days.first(where: { $0 > days[0] }) { split = later }
        return split
    }

    // MARK: Risk

    static func fitRisk(ledger: Ledger, index: HazardDesignBuilder.LedgerIndex, until: Day, split: Day,
                        options: TrainingOptions, warnings: inout [String]) throws(TrainingError) -> (RiskModel, RiskEvaluation) {
        let prepared = try RiskPreparation(ledger: ledger, index: index, until: until, split: split, options: options)
        let (data, trainRows, testRows) = (prepared.data, prepared.trainRows, prepared.testRows)
        let (features, means, scales) = (prepared.features, prepared.means, prepared.scales)
        let width = RiskDataset.width
        warnings += prepared.warnings
        let design = riskDesign(data: data, rows: trainRows, features: features, means: means, scales: scales)
        let p = features.count + 1
        let fit: LogisticFit
        do {
            let problem = try LogisticProblem(rows: trainRows.count, columns: p, x: design,
                                              y: trainRows.map { data.labels[$0] },
                                              penalties: [0] + Array(repeating: options.riskPenalty, count: features.count),
                                              columnNames: ["intercept"] + features.map(\.rawValue))
            fit = try LogisticSolver.fit(problem)
        } catch { throw .risk(error) }
        warnings += fit.warnings.map { "risk: " + $0.description }
        let model = RiskModel(features: features, intercept: fit.coefficients[0], coefficients: Array(fit.coefficients.dropFirst()),
                              means: means, scales: scales, lateThresholdDays: options.lateThresholdDays,
                              standardErrors: fit.standardErrors, penalty: options.riskPenalty)
        // Evaluation on the test rows.
        let testLabels = testRows.map { data.labels[$0] }
        let predictions = testRows.map { r in model.score(allFeatures: Array(data.features[(r * width)..<(r * width + width)])) }
        let metrics = BinaryMetrics(predictions: predictions, labels: testLabels)
        let testCounts = TrainingMinimum.counts(testLabels)
        let trainLabels = trainRows.map { data.labels[$0] }
        let baseRate = trainLabels.reduce(0, +) / Double(trainLabels.count)
        let base = BinaryMetrics(predictions: Array(repeating: baseRate, count: testRows.count), labels: testLabels)
        let lastColumn = RiskFeature.allCases.firstIndex(of: .lastDaysLate) ?? 0
        let historyColumn = RiskFeature.allCases.firstIndex(of: .hasHistory) ?? 0
        func lastLate(_ r: Int) -> Bool {
            data.features[r * width + historyColumn] > 0 && data.features[r * width + lastColumn] > Double(options.lateThresholdDays)
        }
        var counts = [(0.0, 0.0), (0.0, 0.0)]   // (late, total) for flag false / true
        for r in trainRows { let k = lastLate(r) ? 1 : 0; counts[k].0 += data.labels[r]; counts[k].1 += 1 }
        let rates = counts.map { ($0.0 + baseRate) / ($0.1 + 1) }   // one pseudo-row at the base rate
        let last = BinaryMetrics(predictions: testRows.map { rates[lastLate($0) ? 1 : 0] }, labels: testLabels)
        let evaluation = RiskEvaluation(
            trainRows: trainRows.count, testRows: testRows.count, auc: metrics.auc, logLoss: metrics.logLoss,
            brier: metrics.brier,
            baselines: .init(baseRate: .init(auc: base.auc, logLoss: base.logLoss, brier: base.brier),
                             lastLate: .init(auc: last.auc, logLoss: last.logLoss, brier: last.brier)),
            calibration: CalibrationBin.table(predictions: predictions, labels: testLabels),
            testLate: testCounts.late, testOnTime: testCounts.onTime)
        return (model, evaluation)
    }

    /// The standardised risk design `[1, (x − mean)/scale …]` of `rows`.
    static func riskDesign(data: RiskDataset, rows: [Int], features: [RiskFeature], means: [Double], scales: [Double]) -> [Double] {
        let width = RiskDataset.width
        let columns = features.map { RiskFeature.allCases.firstIndex(of: $0) ?? 0 }
        var x = [Double]()
        x.reserveCapacity(rows.count * (features.count + 1))
        for r in rows {
            x.append(1)
            for (k, j) in columns.enumerated() { x.append((data.features[r * width + j] - means[k]) / scales[k]) }
        }
        return x
    }

    // MARK: Response

    /// The training and test hazard designs of a split (segments and amount centring from the
    /// training invoices), as the final fit and its evaluation use them.
    public static func hazardDesigns(ledger: Ledger, plan: SplitPlan, halfLife: Double, unreachedWeight: Double)
        -> (train: HazardDesign, test: HazardDesign)
    {
        let segments = HazardDesignBuilder.segmentLayout(ledger: ledger, index: plan.index, invoices: plan.train)
        func design(_ invoices: [Int]) -> HazardDesign {
            var o = HazardDesignBuilder.Options(until: plan.until, halfLife: halfLife, unreachedWeight: unreachedWeight,
                                                invoices: invoices)
            o.segments = segments
            return HazardDesignBuilder.build(ledger: ledger, options: o, index: plan.index)
        }
        return (design(plan.train), design(plan.test))
    }

    static func fitResponse(ledger: Ledger, index: HazardDesignBuilder.LedgerIndex, until: Day, train: [Int], test: [Int],
                            options: TrainingOptions, progress: ((String) -> Void)?) throws(TrainingError)
        -> (PaymentResponseModel, ResponseEvaluation)
    {
        let segments = HazardDesignBuilder.segmentLayout(ledger: ledger, index: index, invoices: train)
        func design(_ invoices: [Int], _ h: Double, _ w: Double, upTo day: Day) -> HazardDesign {
            var o = HazardDesignBuilder.Options(until: day, halfLife: h, unreachedWeight: w, invoices: invoices)
            o.segments = segments
            return HazardDesignBuilder.build(ledger: ledger, options: o, index: index)
        }
        let outcomes = ContactOutcomeModels.estimate(ledger: ledger, index: index, until: until)
        // Half-life and reach weight by held-out log-loss on the latest training invoices.
        var grid: [PaymentResponseModel.GridPoint] = []
        // Without any contact the half-life is irrelevant: the default (or the grid's first) is stored.
        let defaultHalfLife = HazardFeatureLayout.defaultHalfLife
        var halfLife = options.halfLifeGrid.contains(defaultHalfLife) ? defaultHalfLife : (options.halfLifeGrid.first ?? defaultHalfLife)
        var weight = options.unreachedWeightGrid.first ?? HazardFeatureLayout.defaultUnreachedWeight
        let hasContacts = ledger.actions.contains { $0.at <= until }
        if hasContacts && (options.halfLifeGrid.count > 1 || options.unreachedWeightGrid.count > 1) {
            let innerSplit = splitDay(ledger: ledger, invoices: train, testFraction: options.validationFraction)
            let fitPart = train.filter { ledger.invoices[$0].issuedOn < innerSplit }
            let validPart = train.filter { ledger.invoices[$0].issuedOn >= innerSplit }
            var quick = options.response
            quick.clientEffectSDUpdates = 0
            quick.solver.computeStandardErrors = false
            func score(_ h: Double, _ w: Double) -> Double {
                progress?("response model: half-life \(h), reach weight \(w)")
                let a = design(fitPart, h, w, upTo: until), b = design(validPart, h, w, upTo: until)
                guard b.rows > 0, let model = try? PaymentResponseFitter.fit(design: a, outcomes: outcomes, options: quick) else {
                    return .infinity
                }
                let eta = model.linearPredictors(x: b.x, rows: b.rows, clientIndex: b.clientIndex, clientIDs: b.clientIDs)
                let loss = BinaryMetrics(predictions: eta.map { 1 / (1 + exp(-$0)) }, labels: b.y).logLoss
                grid.append(.init(halfLife: h, unreachedWeight: w, heldOutLogLoss: loss))
                return loss
            }
            var best = Double.infinity
            halfLife = options.halfLifeGrid.first ?? defaultHalfLife
            for h in options.halfLifeGrid {
                let s = score(h, weight)
                if s < best { best = s; halfLife = h }
            }
            for w in options.unreachedWeightGrid.dropFirst() {
                let s = score(halfLife, w)
                if s < best { best = s; weight = w }
            }
        }
        progress?("response model: final fit")
        let trainDesign = design(train, halfLife, weight, upTo: until)
        // (Same construction as `hazardDesigns`, which `DesignExport` uses.)
        var contacts: [Channel: Int] = [:]
        let trainSet = Set(train.map { ledger.invoices[$0].id })
        for a in ledger.actions where a.at <= until && trainSet.contains(a.invoiceID) { contacts[a.channel, default: 0] += 1 }
        let model: PaymentResponseModel
        do {
            model = try PaymentResponseFitter.fit(design: trainDesign, outcomes: outcomes, options: options.response,
                                                  contactsByChannel: contacts, halfLifeSelection: grid)
        } catch { throw .response(error) }
        let testDesign = design(test, halfLife, weight, upTo: until)
        let eta = model.linearPredictors(x: testDesign.x, rows: testDesign.rows, clientIndex: testDesign.clientIndex,
                                         clientIDs: testDesign.clientIDs)
        let predictions = eta.map { 1 / (1 + exp(-$0)) }
        let metrics = BinaryMetrics(predictions: predictions, labels: testDesign.y)
        let evaluation = ResponseEvaluation(
            trainRows: trainDesign.rows, testRows: testDesign.rows, auc: metrics.auc, logLoss: metrics.logLoss,
            brier: metrics.brier, calibration: CalibrationBin.table(predictions: predictions, labels: testDesign.y),
            backTest: backTest(design: testDesign, predictions: predictions), contactEffects: model.contactEffects)
        return (model, evaluation)
    }

    /// Kaplan–Meier shares paid by days past due, actual vs predicted, at a few checkpoints.
    static func backTest(design: HazardDesign, predictions: [Double]) -> [ResponseEvaluation.BackTestPoint] {
        guard design.rows > 0 else { return [] }
        let lo = Int(design.dpd.min() ?? 0), hi = Int(design.dpd.max() ?? 0)
        var atRisk = [Int](repeating: 0, count: hi - lo + 1)
        var events = [Double](repeating: 0, count: hi - lo + 1)
        var hazard = [Double](repeating: 0, count: hi - lo + 1)
        for i in 0..<design.rows {
            let k = Int(design.dpd[i]) - lo
            atRisk[k] += 1; events[k] += design.y[i]; hazard[k] += predictions[i]
        }
        let checkpoints = [-7, 0, 7, 14, 30, 60, 90, 120]
        var out: [ResponseEvaluation.BackTestPoint] = []
        var survivalActual = 1.0, survivalPredicted = 1.0
        var next = 0
        for k in 0..<atRisk.count {
            if atRisk[k] > 0 {
                survivalActual *= 1 - events[k] / Double(atRisk[k])
                survivalPredicted *= 1 - hazard[k] / Double(atRisk[k])
            }
            let dpd = k + lo
            while next < checkpoints.count && checkpoints[next] < lo { next += 1 }
            if next < checkpoints.count && dpd == checkpoints[next] {
                out.append(.init(dpd: dpd, atRisk: atRisk[k], predictedPaidShare: 1 - survivalPredicted,
                                 actualPaidShare: 1 - survivalActual))
                next += 1
            }
        }
        return out
    }
}
