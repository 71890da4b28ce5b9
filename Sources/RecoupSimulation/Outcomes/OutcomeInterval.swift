/// A mean with a 95% interval over runs (SPEC §6 `{ "mean", "lo", "hi" }`).
public struct OutcomeInterval: Sendable, Hashable, Codable {
    public var mean: Double
    public var lo: Double
    public var hi: Double

    public init(mean: Double, lo: Double, hi: Double) { self.mean = mean; self.lo = lo; self.hi = hi }

    /// Mean and 2.5th/97.5th percentiles (linear interpolation between order statistics, as
    /// numpy's default) of `values`; all zero when empty.
    /// - Complexity: O(n log n).
    public init(values: [Double]) {
        guard !values.isEmpty else { self.init(mean: 0, lo: 0, hi: 0); return }
        let sorted = values.sorted()
        self.init(mean: values.reduce(0, +) / Double(values.count),
                  lo: OutcomeInterval.percentile(sorted, 2.5), hi: OutcomeInterval.percentile(sorted, 97.5))
    }

    /// The `p`-th percentile (0…100) of sorted values.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let position = p / 100 * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}

/// SPEC §6's projection of one policy: every outcome field as a mean and 95% interval over runs.
public struct OutcomeSummary: Sendable, Hashable, Codable {
    public var policy: String
    public var mode: String
    public var invoices: Int
    public var runs: Int
    public var horizonDays: Int
    public var dso: OutcomeInterval
    public var collectionRate: OutcomeInterval
    public var costPerInvoice: OutcomeInterval
    public var humanHoursPerWeek: OutcomeInterval
    public var contactsPerInvoice: OutcomeInterval
    public var collectionRate90: OutcomeInterval
    public var writeOffRate: OutcomeInterval

    /// Summarises runs of the same cohort.
    public init(policy: String, mode: String, horizonDays: Int, runs: [CohortOutcomes]) {
        self.policy = policy
        self.mode = mode
        self.invoices = runs.first?.invoices ?? 0
        self.runs = runs.count
        self.horizonDays = horizonDays
        dso = OutcomeInterval(values: runs.map(\.dso))
        collectionRate = OutcomeInterval(values: runs.map(\.collectionRate))
        costPerInvoice = OutcomeInterval(values: runs.map(\.costPerInvoice))
        humanHoursPerWeek = OutcomeInterval(values: runs.map(\.humanHoursPerWeek))
        contactsPerInvoice = OutcomeInterval(values: runs.map(\.contactsPerInvoice))
        collectionRate90 = OutcomeInterval(values: runs.map(\.collectionRate90))
        writeOffRate = OutcomeInterval(values: runs.map(\.writeOffRate))
    }
}
