import RecoupPolicy

/// What the tuner needs to know of one policy: the SPEC §6 projection figures, each as a mean
/// and 95% interval over runs.
public struct TuningFigures: Sendable, Equatable {
    /// Cohort DSO (days).
    public var dso: Interval
    /// Share of the amount invoiced collected before write-off.
    public var collectionRate: Interval
    /// Collections cost per invoice (currency units, e.g. dollars).
    public var costPerInvoice: Interval
    /// Human hours per week of the issue window.
    public var humanHoursPerWeek: Interval
    public var contactsPerInvoice: Interval
    /// Share of the amount invoiced written off.
    public var writeOffRate: Interval

    public init(dso: Interval, collectionRate: Interval, costPerInvoice: Interval,
                humanHoursPerWeek: Interval, contactsPerInvoice: Interval, writeOffRate: Interval) {
        self.dso = dso; self.collectionRate = collectionRate; self.costPerInvoice = costPerInvoice
        self.humanHoursPerWeek = humanHoursPerWeek; self.contactsPerInvoice = contactsPerInvoice
        self.writeOffRate = writeOffRate
    }

    /// The interval of `metric`.
    public subscript(metric: TuningMetric) -> Interval {
        switch metric {
        case .dso: return dso
        case .cost: return costPerInvoice
        case .collectionRate: return collectionRate
        case .humanHours: return humanHoursPerWeek
        case .writeOffRate: return writeOffRate
        }
    }
}

/// Evaluates policies over one fixed cohort, with common random numbers: the simulator behind
/// `recoup tune`. The tuner hands it grid points in batches; an implementation sets up the
/// cohort and loads the models once (when it is made) and reuses them for every batch, and
/// gives every policy of every batch the same draws (same seed, same runs), so differences
/// between points are differences between policies, not noise.
public protocol PolicyEvaluator {
    /// One `TuningFigures` per policy, in the order given.
    /// - Parameter progress: called with the fraction of this batch done, or nil.
    func evaluate(_ policies: [Policy], progress: (@Sendable (Double) -> Void)?) throws -> [TuningFigures]

    /// Invoices in the cohort (for the report).
    var invoices: Int { get }
    /// Monte Carlo runs per policy.
    var runs: Int { get }

    /// What `policy` does that the evaluator's history shows rarely or never (nil when the
    /// evaluator has no history to check against).
    func support(of policy: Policy) -> ActionSupport?
}

extension PolicyEvaluator {
    public func support(of policy: Policy) -> ActionSupport? { nil }
}
