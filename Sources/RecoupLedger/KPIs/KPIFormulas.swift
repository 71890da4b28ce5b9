/// The KPI arithmetic of SPEC §3 as small pure functions over plain numbers, so the KPI report
/// and the simulator compute them the same way. Money inputs are exact minor units; the
/// results are rates (`Double`), computed once from the exact sums. A formula whose
/// denominator is zero returns nil (undefined), never 0 or infinity.
public enum KPIFormulas {
    /// DSO, standard: `AR(end) / sales(P) × N` days.
    public static func dsoStandard(arEnd: Int64, sales: Int64, days: Int) -> Double? {
        guard sales > 0 else { return nil }
        return Double(arEnd) / Double(sales) * Double(days)
    }

    /// Best possible DSO: `currentAR(end) / sales(P) × N` days.
    public static func bestPossibleDSO(currentAREnd: Int64, sales: Int64, days: Int) -> Double? {
        dsoStandard(arEnd: currentAREnd, sales: sales, days: days)
    }

    /// ADD (average days delinquent): DSO standard − best possible DSO.
    public static func averageDaysDelinquent(dsoStandard: Double?, bestPossibleDSO: Double?) -> Double? {
        guard let dsoStandard, let bestPossibleDSO else { return nil }
        return dsoStandard - bestPossibleDSO
    }

    /// CEI: `(AR(start) + sales − AR(end)) / (AR(start) + sales − currentAR(end)) × 100`.
    public static func collectionEffectivenessIndex(arStart: Int64, sales: Int64, arEnd: Int64,
                                                    currentAREnd: Int64) -> Double? {
        let denominator = arStart + sales - currentAREnd
        guard denominator > 0 else { return nil }
        return Double(arStart + sales - arEnd) / Double(denominator) * 100
    }

    /// % current: `currentAR / AR × 100`.
    public static func percentCurrent(currentAR: Int64, ar: Int64) -> Double? {
        guard ar > 0 else { return nil }
        return Double(currentAR) / Double(ar) * 100
    }

    /// One period of the countback walk: its sales and its length in days.
    public struct Month: Sendable, Equatable {
        public var sales: Int64
        public var days: Int
        public init(sales: Int64, days: Int) { self.sales = sales; self.days = days }
    }

    /// DSO, countback: starting from `AR(end)`, walk back through `months` (newest first):
    /// while the remainder is at least the month's sales, subtract them and add the month's
    /// days; then add `remainder / that month's sales × its days`. A month without sales
    /// adds its days. When the months run out with a remainder left, the days walked so far
    /// are returned (a lower bound: the ledger does not go back far enough).
    public static func dsoCountback(arEnd: Int64, months: [Month]) -> Double {
        var remainder = arEnd
        var days = 0.0
        for month in months {
            if remainder <= 0 { break }
            if remainder < month.sales {
                return days + Double(remainder) / Double(month.sales) * Double(month.days)
            }
            remainder -= month.sales
            days += Double(month.days)
        }
        return days
    }

    /// Cohort DSO (SPEC §3), accumulated one amount at a time:
    /// `(Σ collected × days from issue to receipt + Σ uncollected × days from issue to its
    /// write-off day, or to asOf if still open) / Σ invoiced`. Credit notes count in the
    /// invoiced total only. The weighted sum is a `Double` of exact integer products.
    public struct CohortDSO: Sendable, Equatable {
        public private(set) var invoiced: Int64 = 0
        public private(set) var weightedDays: Double = 0
        public init() {}

        /// Adds an invoice's amount to the denominator.
        public mutating func addInvoiced(_ amount: Int64) { invoiced += amount }
        /// Adds a collected or uncollected amount that stayed outstanding `days` days.
        public mutating func addOutstanding(_ amount: Int64, days: Int) {
            weightedDays += Double(amount) * Double(days)
        }
        /// The cohort DSO in days; nil when nothing was invoiced.
        public var value: Double? { invoiced > 0 ? weightedDays / Double(invoiced) : nil }
    }

    /// Collection rate at H (SPEC §3): amount received within H days after due over amount
    /// invoiced, for the invoices of one period.
    public struct CollectionRate: Sendable, Equatable {
        public private(set) var invoiced: Int64 = 0
        public private(set) var received: Int64 = 0
        public init() {}
        public mutating func addInvoiced(_ amount: Int64) { invoiced += amount }
        /// Adds a payment received `daysAfterDue` days after the due date (negative: early).
        public mutating func addReceived(_ amount: Int64, daysAfterDue: Int, horizonDays: Int) {
            if daysAfterDue <= horizonDays { received += amount }
        }
        /// The share in [0, 1]; nil when nothing was invoiced.
        public var value: Double? { invoiced > 0 ? Double(received) / Double(invoiced) : nil }
    }
}
