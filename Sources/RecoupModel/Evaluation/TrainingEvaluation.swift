/// The held-out evaluation `recoup train` prints (SPEC §6), with its supporting tables.
public struct TrainingEvaluation: Sendable, Equatable, Codable {
    public var risk: RiskEvaluation
    public var response: ResponseEvaluation?
}

/// The risk model on the test period, beside two baselines.
public struct RiskEvaluation: Sendable, Equatable, Codable {
    public var trainRows: Int
    public var testRows: Int
    public var auc: Double
    public var logLoss: Double
    public var brier: Double
    public var baselines: Baselines
    /// Mean prediction vs observed late share by decile of the prediction (test rows).
    public var calibration: [CalibrationBin]
    /// Late and on-time invoices in the test period (nil in artifacts stored before they were
    /// recorded): whether the AUCs mean anything (`TrainingMinimum.supportsAUC`).
    public var testLate: Int?
    public var testOnTime: Int?

    /// Whether the test period has enough of both outcomes for an AUC (true when unknown).
    public var aucIsMeaningful: Bool {
        guard let testLate, let testOnTime else { return true }
        return TrainingMinimum.supportsAUC(late: testLate, onTime: testOnTime)
    }

    public struct Baselines: Sendable, Equatable, Codable {
        /// Always the training late share.
        public var baseRate: Score
        /// "Late last time, late this time": the training late share among invoices whose
        /// client's most recently paid invoice was late (`last_days_late > T`), and among the rest.
        public var lastLate: Score
    }

    public struct Score: Sendable, Equatable, Codable {
        public var auc: Double
        public var logLoss: Double
        public var brier: Double
    }
}

/// The payment-response model on the test period's invoice-days.
public struct ResponseEvaluation: Sendable, Equatable, Codable {
    public var trainRows: Int
    public var testRows: Int
    public var auc: Double
    public var logLoss: Double
    public var brier: Double
    public var calibration: [CalibrationBin]
    /// Predicted vs actual share of invoices paid by each days-past-due (test period).
    public var backTest: [BackTestPoint]
    /// The fitted contact effects per channel with 95% intervals.
    public var contactEffects: [PaymentResponseModel.ContactEffect]

    /// Cumulative share paid by `dpd`, by a Kaplan–Meier product over the test rows: actual
    /// `1 − Π(1 − payments/at-risk)`, predicted `1 − Π(1 − mean predicted hazard)`, over the
    /// days past due up to `dpd` (invoices enter at their issue day).
    public struct BackTestPoint: Sendable, Equatable, Codable {
        public var dpd: Int
        public var atRisk: Int
        public var predictedPaidShare: Double
        public var actualPaidShare: Double
    }
}
