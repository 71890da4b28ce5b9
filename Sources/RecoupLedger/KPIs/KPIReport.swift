import Foundation
import RecoupPolicy

/// Why a KPI report cannot be made.
public enum KPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store holds no invoices.
    case emptyLedger
    /// `from` is after `to`.
    case invalidWindow(from: Day, to: Day)
    /// The ledger is a snapshot without payment dates, whose balances are known on its as-of
    /// days only, and a report asked for another day.
    case notASnapshotDay(Day, snapshotDays: [Day])

    public var description: String {
        switch self {
        case .emptyLedger: return "the ledger store holds no invoices; import a bundle first (recoup import PATH)"
        case .notASnapshotDay(let day, let days):
            return "\(day.iso): this ledger is a snapshot of open balances as of \(days.map(\.iso).joined(separator: ", ")) without payment dates, so balances are known on \(days.count == 1 ? "that day" : "those days") only; report as of \(days.last?.iso ?? "it") (or leave --as-of and --to out), or import the payments (docs/import.md, \"Snapshots\")"
        case .invalidWindow(let from, let to):
            return "--from \(from.iso) is after --to \(to.iso); give a window whose start is on or before its end"
        }
    }
}

/// The KPI report of `recoup report kpis`: the period KPIs, the aging on `asOf` and a monthly
/// trend. Its JSON form (SPEC §6) has `asOf`, `from`, `to`, `dsoStandard`, `dsoCountback`,
/// `bestPossibleDso`, `add`, `cei`, `percentCurrent`, `collectionRate90`, `aging` (bucket name
/// → amount, `total` and `byClient`) and `trend`; amounts are decimal numbers in currency
/// units, rates are rounded to 4 decimals, undefined rates are `null`.
public struct KPIReport: Sendable, Equatable, Encodable {
    public var currency: String
    public var period: PeriodKPIs
    public var aging: AgingReport
    public var trend: [PeriodKPIs]
    /// The as-of day of the snapshot the report was made from, for a ledger without payment
    /// dates: then AR at start, CEI, the collection rate, days to pay and cohort DSO are
    /// undefined (`null`), and there is no monthly trend (it needs each month's balance).
    public var snapshotAsOf: Day?

    /// The default window (SPEC-silent, chosen for analysts): twelve calendar months ending with
    /// `to`'s month — from the first day of the month eleven months before `to`'s through `to` —
    /// so every trend row but the last (month to date) is a whole month.
    public static func defaultFrom(to: Day) -> Day {
        let c = to.components
        let months = c.year * 12 + (c.month - 1) - 11
        return Day(year: months / 12, month: months % 12 + 1, day: 1) ?? to - 365
    }

    enum Keys: String, CodingKey {
        case asOf, from, to, currency, dsoStandard, dsoCountback, bestPossibleDso, add, cei, percentCurrent
        case collectionRate90, collectionRate, collectionRateComplete, horizonDays, sales, arStart, arEnd, currentArEnd
        case averageDaysToPay, averageDaysLate, paidInvoices, cohortDso, aging, trend, total, byClient
        case snapshotAsOf, paymentDates
    }

    struct BucketKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try KPIReport.encode(period, into: &container, horizonKey: period.horizonDays == 90, snapshot: snapshotAsOf != nil)
        try container.encode(currency, forKey: .currency)
        try container.encode(snapshotAsOf == nil, forKey: .paymentDates)
        if let snapshotAsOf { try container.encode(snapshotAsOf, forKey: .snapshotAsOf) }
        try container.encode(AgingBucketsJSON(aging), forKey: .aging)
        var trendContainer = container.nestedUnkeyedContainer(forKey: .trend)
        for month in trend {
            var row = trendContainer.nestedContainer(keyedBy: Keys.self)
            try KPIReport.encode(month, into: &row, horizonKey: month.horizonDays == 90)
        }
    }

    static func encode(_ amounts: AgingAmounts, into container: inout KeyedEncodingContainer<BucketKey>) throws {
        for bucket in AgingBucket.allCases {
            try container.encode(decimal(amounts[bucket]), forKey: BucketKey(stringValue: bucket.rawValue))
        }
        try container.encode(decimal(amounts.total), forKey: BucketKey(stringValue: "total"))
    }

    static func encode(_ p: PeriodKPIs, into c: inout KeyedEncodingContainer<Keys>, horizonKey: Bool,
                       snapshot: Bool = false) throws {
        try c.encode(p.asOf, forKey: .asOf)
        try c.encode(p.from, forKey: .from)
        try c.encode(p.to, forKey: .to)
        try c.encode(rounded(p.dsoStandard), forKey: .dsoStandard)
        try c.encode(rounded(p.dsoCountback), forKey: .dsoCountback)
        try c.encode(rounded(p.bestPossibleDSO), forKey: .bestPossibleDso)
        try c.encode(rounded(p.averageDaysDelinquent), forKey: .add)
        try c.encode(rounded(p.collectionEffectivenessIndex), forKey: .cei)
        try c.encode(rounded(p.percentCurrent), forKey: .percentCurrent)
        if horizonKey {
            try c.encode(rounded(p.collectionRate), forKey: .collectionRate90)
        } else {
            try c.encode(rounded(p.collectionRate), forKey: .collectionRate)
            try c.encode(p.horizonDays, forKey: .horizonDays)
        }
        try c.encode(p.collectionRateComplete, forKey: .collectionRateComplete)
        try c.encode(decimal(p.sales), forKey: .sales)
        if snapshot { try c.encodeNil(forKey: .arStart) } else { try c.encode(decimal(p.arStart), forKey: .arStart) }
        try c.encode(decimal(p.arEnd), forKey: .arEnd)
        try c.encode(decimal(p.currentAREnd), forKey: .currentArEnd)
        try c.encode(rounded(p.averageDaysToPay), forKey: .averageDaysToPay)
        try c.encode(rounded(p.averageDaysLate), forKey: .averageDaysLate)
        try c.encode(p.paidInvoices, forKey: .paidInvoices)
        try c.encode(rounded(p.cohortDSO), forKey: .cohortDso)
    }

    /// An exact decimal number of currency units.
    static func decimal(_ money: Money) -> Decimal {
        Decimal(money.minorUnits) / Decimal(Money.minorUnitsPerUnit)
    }

    /// Rounded to 4 decimals (nil stays nil and is written as `null`).
    static func rounded(_ value: Double?) -> Double? {
        value.map { ($0 * 10_000).rounded() / 10_000 }
    }
}

extension KPICalculator {
    /// The KPI report for the window `[from, to]` with payments known up to `asOf`.
    ///
    /// Defaults: `to` is `asOf` if given, else the latest invoice or payment day (or the
    /// latest snapshot's as-of day, when later); `from` is `KPIReport.defaultFrom(to:)` (12
    /// months); `asOf` is `to`.
    ///
    /// A snapshot without payment dates (`isSnapshotOnly`) gives the balance KPIs as of its
    /// day: AR, current AR, aging, DSO standard and countback, best possible DSO, ADD and %
    /// current. Those that need payment dates or earlier balances (AR at start, CEI, the
    /// collection rate, days to pay and late, cohort DSO, the monthly trend) are undefined.
    /// - Throws: `KPIError`; `.notASnapshotDay` when `to` or `asOf` is not a snapshot's day.
    public func report(asOf: Day? = nil, from: Day? = nil, to: Day? = nil, horizonDays: Int = 90) throws(KPIError) -> KPIReport {
        guard let latest = latestDay, invoiceCount > 0 else { throw .emptyLedger }
        let end = to ?? asOf ?? latest
        let start = from ?? KPIReport.defaultFrom(to: end)
        guard start <= end else { throw .invalidWindow(from: start, to: end) }
        let known = asOf ?? end
        guard isSnapshotOnly else {
            return KPIReport(
                currency: currency,
                period: periodKPIs(from: start, to: end, asOf: known, horizonDays: horizonDays),
                aging: aging(on: known),
                trend: monthlyTrend(from: start, to: end, asOf: known, horizonDays: horizonDays))
        }
        try checkSnapshotDay(end)
        try checkSnapshotDay(known)
        var period = periodKPIs(from: start, to: end, asOf: known, horizonDays: horizonDays)
        period.collectionEffectivenessIndex = nil
        period.collectionRate = nil
        period.collectionRateComplete = true  // undefined, not provisional
        period.averageDaysToPay = nil
        period.averageDaysLate = nil
        period.paidInvoices = 0
        period.cohortDSO = nil
        return KPIReport(currency: currency, period: period, aging: aging(on: known), trend: [], snapshotAsOf: known)
    }

    /// The aging report on `asOf` (default: the latest invoice or payment day, or the latest
    /// snapshot's as-of day when that is later: the export date).
    /// - Throws: `KPIError`; `.notASnapshotDay` for a snapshot ledger and another day.
    public func agingReport(asOf: Day? = nil) throws(KPIError) -> AgingReport {
        guard let latest = latestDay, invoiceCount > 0 else { throw .emptyLedger }
        let day = asOf ?? latest
        try checkSnapshotDay(day)
        return aging(on: day)
    }

    /// Throws unless balances are known on `day`: any day for a ledger with payment dates, a
    /// snapshot's as-of day for one without.
    public func checkSnapshotDay(_ day: Day) throws(KPIError) {
        guard isSnapshotOnly, !snapshotDays.contains(day) else { return }
        throw .notASnapshotDay(day, snapshotDays: snapshotDays)
    }
}

/// An aging report's buckets as SPEC §6's JSON object: each bucket and `total` as decimal
/// amounts, and `byClient` (client id → the same, with `name` where the ledger has one). The
/// `aging` member of `report kpis` and of `report aging`.
public struct AgingBucketsJSON: Encodable, Sendable {
    public let report: AgingReport

    public init(_ report: AgingReport) { self.report = report }

    public func encode(to encoder: any Encoder) throws {
        typealias Key = KPIReport.BucketKey
        var container = encoder.container(keyedBy: Key.self)
        try KPIReport.encode(report.total, into: &container)
        var clients = container.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: "byClient"))
        for entry in report.byClient {
            var row = clients.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: entry.client))
            try KPIReport.encode(entry.amounts, into: &row)
            if let name = entry.name { try row.encode(name, forKey: Key(stringValue: "name")) }
        }
    }
}
