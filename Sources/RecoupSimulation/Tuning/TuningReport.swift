import RecoupPolicy

/// The answer of `recoup tune`: every evaluated grid point with its figures, the Pareto
/// frontier of DSO against cost per invoice, which points satisfy the constraints, the points
/// skipped as invalid, and the picked point.
public struct TuningReport: Sendable {
    /// One evaluated point.
    public struct Result: Sendable, Equatable {
        /// The grid point (1-based, odometer order).
        public var index: Int
        /// One value per axis.
        public var values: [JSONNumber]
        public var figures: TuningFigures
        /// The point index of a frontier point that dominates this one (lower or equal DSO and
        /// cost per invoice, one of them strictly), or nil when it is on the frontier.
        public var dominatedBy: Int?
        /// Whether it satisfies every constraint (options and `--pick … where`).
        public var isFeasible: Bool
        /// The policy evaluated.
        public var policy: Policy

        public var isOnFrontier: Bool { dominatedBy == nil }
    }

    /// Where the figures come from, for the report's heading (all optional).
    public struct Context: Sendable, Equatable {
        public var from: Day?
        public var to: Day?
        public var seed: UInt64?
        /// Whether the base policy's signature was verified; false under `--unverified`, and
        /// the heading and JSON then say so.
        public var isBaseVerified: Bool
        public init(from: Day? = nil, to: Day? = nil, seed: UInt64? = nil, isBaseVerified: Bool = true) {
            self.from = from; self.to = to; self.seed = seed; self.isBaseVerified = isBaseVerified
        }
    }

    /// The base policy's name.
    public var baseName: String
    public var axes: [TuningAxis]
    /// Evaluated points, in grid order.
    public var results: [Result]
    public var skipped: [TuningGrid.Skipped]
    /// The constraints of the options and of the pick's `where`.
    public var constraints: [TuningConstraint]
    public var pick: PickExpression?
    /// The picked point's index, or why none could be picked; nil without `pick`.
    public var picked: Swift.Result<Int, TuningError>?
    public var invoices: Int
    public var runs: Int
    public var context: Context
    /// What the base policy does that the history shows rarely or never (the grid's points
    /// vary its settings, not its channels); nil when not checked.
    public var support: ActionSupport?

    /// The picked result.
    /// - Throws: `TuningError.noFeasiblePoint` when no point satisfies the constraints.
    public func pickedResult() throws(TuningError) -> Result? {
        guard let picked else { return nil }
        switch picked {
        case .failure(let error): throw error
        case .success(let index): return results.first { $0.index == index }
        }
    }

    /// The picked point as a policy ready to sign: validated first (an invalid policy is never
    /// returned), with `projections` from its figures (means, rounded: DSO and hours to 2
    /// decimals, rates and cost to 4, contacts to 3), the given `provenance`, no signature,
    /// and `name` (default: the base's name, so give the tuned policy its own to tell the two
    /// apart in comparisons).
    /// - Throws: `noFeasiblePoint`, or `invalidPick` if the point fails validation.
    /// - Returns: nil when there is no pick.
    public func emittedPolicy(provenance: Provenance, name: String? = nil) throws(TuningError) -> Policy? {
        guard let result = try pickedResult() else { return nil }
        var policy = result.policy
        if let name { policy.name = name }
        policy.signature = nil
        policy.provenance = provenance
        let f = result.figures
        policy.projections = Projections(
            dso: Self.rounded(f.dso.mean, 2), collectionRate: Self.rounded(f.collectionRate.mean, 4),
            costPerInvoice: Self.rounded(f.costPerInvoice.mean, 4), humanHoursPerWeek: Self.rounded(f.humanHoursPerWeek.mean, 2),
            contactsPerInvoice: Self.rounded(f.contactsPerInvoice.mean, 3), writeOffRate: Self.rounded(f.writeOffRate.mean, 4))
        do { try policy.checkValid() } catch { throw .invalidPick(error) }
        return policy
    }

    /// The emitted policy file's text (indented JSON, every field explicit, ending in a newline).
    public func emittedPolicyText(provenance: Provenance, name: String? = nil) throws(TuningError) -> String? {
        try emittedPolicy(provenance: provenance, name: name).map { PrettyJSON.string(of: $0.jsonValue) }
    }

    /// `x` rounded to `decimals` decimals through its decimal text (nil when not finite).
    static func rounded(_ x: Double, _ decimals: Int) -> Double? {
        guard x.isFinite else { return nil }
        return Double(String(format: "%.\(decimals)f", x)).map { $0 == 0 ? 0 : $0 }
    }
}

/// Runs a sweep: builds the grid, evaluates its valid points in batches with one evaluator
/// (one cohort set-up, common random numbers), marks the frontier and the constraints, picks.
public enum Tuner {
    /// Sweeps `axes` over `base`.
    ///
    /// ```swift
    /// let report = try Tuner.run(base: policy, axes: axes, evaluator: evaluator,
    ///                            pick: try PickExpression(parsing: "min cost where dso <= 40"))
    /// ```
    /// - Parameters:
    ///   - constraints: bounds every feasible point meets besides the pick's own `where`.
    ///   - batchSize: points per evaluator call (the figures do not depend on it when the
    ///     evaluator uses common random numbers). Default 256: the replay shares work between
    ///     the points of one call, so a typical grid goes in one; memory grows with it by about
    ///     runs × 0.3 KB per point per worker thread.
    ///   - progress: the fraction of points evaluated.
    /// - Throws: `TuningError` from the grid, `.noValidPoints`, `.evaluatorMismatch`, or the
    ///   evaluator's own errors.
    /// - Complexity: one evaluation per valid point, plus O(n log n) for the frontier.
    public static func run(base: Policy, axes: [TuningAxis], evaluator: some PolicyEvaluator,
                           constraints: [TuningConstraint] = [], pick: PickExpression? = nil,
                           context: TuningReport.Context = .init(), batchSize: Int = 256,
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> TuningReport {
        let grid = try TuningGrid(base: base, axes: axes)
        guard !grid.points.isEmpty else {
            throw TuningError.noValidPoints(skipped: grid.skipped.count, firstProblem: grid.skipped.first?.problems.first ?? "none")
        }
        let size = max(1, batchSize)
        var figures: [TuningFigures] = []
        figures.reserveCapacity(grid.points.count)
        var start = 0
        while start < grid.points.count {
            let end = min(grid.points.count, start + size)
            let batch = grid.points[start..<end].map(\.policy)
            let done = start, total = grid.points.count
            let count = batch.count
            let out = try evaluator.evaluate(batch, progress: progress.map { report in
                { @Sendable fraction in report((Double(done) + fraction * Double(count)) / Double(total)) }
            })
            guard out.count == batch.count else { throw TuningError.evaluatorMismatch(expected: batch.count, got: out.count) }
            figures += out
            start = end
        }
        var report = makeReport(grid: grid, figures: figures, constraints: constraints, pick: pick, baseName: base.name,
                                invoices: evaluator.invoices, runs: evaluator.runs, context: context)
        report.support = evaluator.support(of: base)
        return report
    }

    /// Marks the frontier and the constraints and picks, for figures already evaluated
    /// (`figures[i]` belongs to `grid.points[i]`).
    static func makeReport(grid: TuningGrid, figures: [TuningFigures], constraints: [TuningConstraint],
                           pick: PickExpression?, baseName: String, invoices: Int, runs: Int,
                           context: TuningReport.Context) -> TuningReport {
        let all = constraints + (pick?.constraints ?? [])
        let dominators = ParetoFrontier.dominators(x: figures.map(\.dso.mean), y: figures.map(\.costPerInvoice.mean))
        var results: [TuningReport.Result] = []
        for (i, point) in grid.points.enumerated() {
            results.append(TuningReport.Result(index: point.index, values: point.values, figures: figures[i],
                                               dominatedBy: dominators[i].map { grid.points[$0].index },
                                               isFeasible: all.allSatisfy { $0.isSatisfied(by: figures[i]) },
                                               policy: point.policy))
        }
        var picked: Result<Int, TuningError>? = nil
        if let pick {
            picked = choose(pick, among: results, constraints: all)
        }
        return TuningReport(baseName: baseName, axes: grid.axes, results: results, skipped: grid.skipped,
                            constraints: all, pick: pick, picked: picked, invoices: invoices, runs: runs, context: context)
    }

    /// The pick: among the feasible points, those on the frontier of the feasible points (DSO
    /// against cost), the best by the pick's metric; ties go to lower DSO, then lower cost,
    /// then the earlier point.
    static func choose(_ pick: PickExpression, among results: [TuningReport.Result],
                       constraints: [TuningConstraint]) -> Result<Int, TuningError> {
        let feasible = results.filter(\.isFeasible)
        guard !feasible.isEmpty else {
            let text = constraints.isEmpty ? "the constraints" : constraints.map(\.description).joined(separator: " and ")
            return .failure(.noFeasiblePoint(constraints: text, evaluated: results.count))
        }
        let dominators = ParetoFrontier.dominators(x: feasible.map(\.figures.dso.mean), y: feasible.map(\.figures.costPerInvoice.mean))
        var best: TuningReport.Result? = nil
        for (k, candidate) in feasible.enumerated() where dominators[k] == nil {
            guard let current = best else { best = candidate; continue }
            if pick.isBetter(candidate.figures, than: current.figures) { best = candidate; continue }
            if pick.isBetter(current.figures, than: candidate.figures) { continue }
            let (cd, bd) = (candidate.figures.dso.mean, current.figures.dso.mean)
            if cd < bd || (cd == bd && candidate.figures.costPerInvoice.mean < current.figures.costPerInvoice.mean) {
                best = candidate
            }
        }
        guard let best else { return .failure(.noFeasiblePoint(constraints: "the constraints", evaluated: results.count)) }
        return .success(best.index)
    }
}
