import RecoupPolicy

/// The ledger-defined KPIs of SPEC §3 for one period `P = [from, to]`.
///
/// Rates are nil when undefined (no sales, no receivables, no paid invoices). DSO values are
/// in days, `cei` and `percentCurrent` in percent, `collectionRate` a share in [0, 1].
public struct PeriodKPIs: Sendable, Equatable {
    public var from: Day
    public var to: Day
    /// Payments and adjustments after this day are not known.
    public var asOf: Day
    /// Invoiced in the period.
    public var sales: Money
    /// `AR(from − 1)`: the balance when the period opens.
    public var arStart: Money
    /// `AR(to)`.
    public var arEnd: Money
    /// The part of `AR(to)` not yet due.
    public var currentAREnd: Money
    public var dsoStandard: Double?
    public var dsoCountback: Double?
    public var bestPossibleDSO: Double?
    /// ADD: DSO standard − best possible DSO.
    public var averageDaysDelinquent: Double?
    /// CEI in percent.
    public var collectionEffectivenessIndex: Double?
    /// `currentAR(to) / AR(to) × 100`.
    public var percentCurrent: Double?
    /// Collection rate at `horizonDays` for invoices issued in the period.
    public var collectionRate: Double?
    public var horizonDays: Int
    /// Whether every invoice of the period was at least `horizonDays` past due by `asOf`, so
    /// `collectionRate` is final; when false it still counts only what was received by `asOf`
    /// and will rise as late payments arrive.
    public var collectionRateComplete: Bool = true
    /// Mean days from issue to the last payment, over invoices of the period fully paid by `asOf`.
    public var averageDaysToPay: Double?
    /// Mean days from due date to the last payment (negative: early), same invoices.
    public var averageDaysLate: Double?
    /// How many invoices of the period were fully paid by `asOf`.
    public var paidInvoices: Int
    /// Cohort DSO of the invoices issued in the period (open amounts counted to `asOf`).
    public var cohortDSO: Double?
}
