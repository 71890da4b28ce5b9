/// SPEC §6's projection of one policy: every outcome field as a mean and 95% interval over runs.
///
/// The synthetic world's *true* outcomes (`SyntheticWorld.truth`), which the replay's
/// `SimulationReport.Projection` is tested against. Both hold SPEC §6's figures as `Interval`s,
/// but they are different answers: a projection is the replay's estimate from a fitted model,
/// with its differences against a baseline, its per-run values and its cash curve; this holds
/// exactly SPEC §6's fields, from the world's own draws, and is `Codable` for the truth file.
public struct OutcomeSummary: Sendable, Hashable, Codable {
    public var policy: String
    public var mode: String
    public var invoices: Int
    public var runs: Int
    public var horizonDays: Int
    public var dso: Interval
    public var collectionRate: Interval
    public var costPerInvoice: Interval
    public var humanHoursPerWeek: Interval
    public var contactsPerInvoice: Interval
    public var collectionRate90: Interval
    public var writeOffRate: Interval

    /// Summarises runs of the same cohort (at least one: the truth always runs one).
    public init(policy: String, mode: String, horizonDays: Int, runs: [CohortOutcomes]) {
        self.policy = policy
        self.mode = mode
        self.invoices = runs.first?.invoices ?? 0
        self.runs = runs.count
        self.horizonDays = horizonDays
        dso = Interval(runs: runs.map(\.dso))
        collectionRate = Interval(runs: runs.map(\.collectionRate))
        costPerInvoice = Interval(runs: runs.map(\.costPerInvoice))
        humanHoursPerWeek = Interval(runs: runs.map(\.humanHoursPerWeek))
        contactsPerInvoice = Interval(runs: runs.map(\.contactsPerInvoice))
        collectionRate90 = Interval(runs: runs.map(\.collectionRate90))
        writeOffRate = Interval(runs: runs.map(\.writeOffRate))
    }
}
