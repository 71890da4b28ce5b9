import RecoupPolicy

/// The simulator as the tuner's `PolicyEvaluator`: one cohort (the invoices issued in the
/// window) and one trained payment-response behaviour, set up once, then every batch of grid
/// points replayed by `ReplayRunner` with the same seed and runs, so every point sees the same
/// draws (common random numbers) and no model is refit.
///
/// ```swift
/// let behaviour = ReplayBehaviour(model: trained.response!, ledger: ledger)
/// let evaluator = try ReplayEvaluator(ledger: ledger, behaviour: behaviour,
///                                     options: SimulationOptions(runs: 50, seed: 1))
/// let report = try Tuner.run(base: policy, axes: axes, evaluator: evaluator)
/// ```
///
/// (This module does not import the store, so that GRDB's operators stay out of its clients'
/// type checking; `recoup tune` loads the ledger and models and builds one.)
public struct ReplayEvaluator: PolicyEvaluator, Sendable {
    public let cohort: ReplayCohort
    public let behaviour: ReplayBehaviour
    public let options: SimulationOptions

    /// Sets up the cohort of `ledger`'s invoices issued in `from...to` (default: all).
    /// - Throws: `SimulationError` (an empty window, say).
    public init(ledger: Ledger, behaviour: ReplayBehaviour, from: Day? = nil, to: Day? = nil,
                options: SimulationOptions) throws(SimulationError) {
        cohort = try ReplayCohort(ledger: ledger, from: from, to: to)
        self.behaviour = behaviour
        self.options = options
        history = Ledger(invoices: ledger.invoices, actions: ledger.actions)
    }

    /// Uses a cohort already set up (benchmarks, or several sweeps of one cohort).
    public init(cohort: ReplayCohort, behaviour: ReplayBehaviour, options: SimulationOptions) {
        self.cohort = cohort
        self.behaviour = behaviour
        self.options = options
        history = nil
    }

    /// The ledger's invoices and actions, for the support check (nil for a cohort given as is).
    let history: Ledger?

    public func support(of policy: Policy) -> ActionSupport? {
        guard let history, let replay = try? ReplayPolicy(policy: policy) else { return nil }
        return ActionSupport.check(replay, ledger: history)
    }

    public var invoices: Int { cohort.count }
    public var runs: Int { options.runs }

    /// Replays `policies` over the cohort (common random numbers) and summarises each.
    /// - Complexity: O(runs × policies × invoice-days), on `options.threads` threads.
    public func evaluate(_ policies: [Policy], progress: (@Sendable (Double) -> Void)?) throws -> [TuningFigures] {
        let replay = try policies.map { (p: Policy) throws(PolicyError) -> ReplayPolicy in try ReplayPolicy(policy: p) }
        // Grid points replayed together: the same figures as one by one, much less work.
        var shared = options
        shared.sharesWork = true
        let totals = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: replay, options: shared,
                                          progress: progress)
        let report = SimulationReport(totals: totals, policies: replay, cohort: cohort, options: options)
        return report.projections.map { p in
            func figure(_ m: ProjectionMetric) -> Interval { p.figures[m] ?? Interval(mean: .nan, lo: .nan, hi: .nan) }
            return TuningFigures(dso: figure(.dso), collectionRate: figure(.collectionRate),
                                 costPerInvoice: figure(.costPerInvoice), humanHoursPerWeek: figure(.humanHoursPerWeek),
                                 contactsPerInvoice: figure(.contactsPerInvoice), writeOffRate: figure(.writeOffRate))
        }
    }
}
