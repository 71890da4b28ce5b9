import RecoupPolicy

/// What `ModelTrainer.train` fits and how it evaluates.
public struct TrainingOptions: Sendable {
    /// The last day of the ledger used (rows dated later are ignored). Default: the ledger's
    /// last event day.
    public var until: Day?
    /// Share of invoices (the latest issued) held out for evaluation. Default 0.2: train on
    /// invoices issued before the split day, test on those issued on or after it.
    public var testFraction: Double = 0.2
    /// `T` of the risk label and the `late_share` feature. Default 15 (SPEC §4).
    public var lateThresholdDays: Int = 15
    /// Candidate risk features; those constant on the training rows are dropped. Default: every
    /// SPEC §4 feature except `amount` and `tenure_days` (their logs are used instead).
    public var riskFeatures: [RiskFeature] = RiskFeature.allCases.filter { $0 != .amount && $0 != .tenureDays }
    /// λ on the standardised risk coefficients (intercept unpenalised). Default 1.
    public var riskPenalty: Double = 1
    /// Contact half-lives tried, in business days, scored by held-out log-loss. Default {2, 3, 5, 8, 13}.
    public var halfLifeGrid: [Double] = [2, 3, 5, 8, 13]
    /// Weights of unreached contacts tried (after the half-life is chosen). Default {0.3, 0.6, 1}.
    public var unreachedWeightGrid: [Double] = [0.3, 0.6, 1.0]
    /// Share of the training invoices (the latest issued) used to score the grid. Default 0.2.
    public var validationFraction: Double = 0.2
    /// The payment-response fit.
    public var response = PaymentResponseFitter.Options()
    /// Whether to fit the payment-response model at all. Default true.
    public var fitResponse = true

    public init(until: Day? = nil) { self.until = until }

    /// The most status lines `ModelTrainer.train` reports through `progress` (a progress bar's
    /// length): the risk model, each half-life tried, each further reach weight tried, and the
    /// final response fit. Fewer come when the ledger has no contacts (no grid is scored).
    public var maximumProgressSteps: Int { 2 + halfLifeGrid.count + max(0, unreachedWeightGrid.count - 1) }
}

/// Why training cannot run.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyLedger
    case notEnoughInvoices(count: Int)
    /// The training period's invoices with a known outcome: too few in all, or of one outcome.
    case tooFewOutcomes(resolved: Int, late: Int, onTime: Int, lateThresholdDays: Int)
    case risk(LogisticFitError)
    case response(LogisticFitError)

    public var description: String {
        switch self {
        case .emptyLedger: return "the ledger has no invoices; import a bundle first (recoup import PATH)"
        case .notEnoughInvoices(let n):
            return "only \(n) invoices with a known outcome; training needs invoices in both the training and the test period (use a later --until or import more history)"
        case .tooFewOutcomes(let resolved, let late, let onTime, let threshold):
            return "only \(resolved) invoices with a known outcome in the training period (\(late) paid more than \(threshold) days late, "
                + "\(onTime) not): the risk model needs at least \(TrainingMinimum.resolvedInvoices), with at least "
                + "\(TrainingMinimum.perOutcome) of each outcome, before its figures mean anything. Import more history "
                + "(a longer export), or use a later --until"
        case .risk(let e): return "risk model: \(e)"
        case .response(let e): return "payment-response model: \(e)"
        }
    }
}
