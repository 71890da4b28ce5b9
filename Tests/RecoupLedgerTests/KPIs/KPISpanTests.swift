import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// KPI work grows with the rows, not with the calendar span asked for.
@Suite struct KPISpanTests {
    /// The countback walk month by month, as SPEC §3 states it (the reference).
    static func naiveMonths(_ kpis: KPICalculator, end: Day) -> [KPIFormulas.Month] {
        guard let first = kpis.sortedIssued.first else { return [] }
        var months: [KPIFormulas.Month] = []
        var monthEnd = end
        while monthEnd.ordinal >= Int(first) {
            let monthStart = monthEnd.startOfMonth
            months.append(.init(sales: kpis.sales(from: monthStart, to: monthEnd).minorUnits, days: monthEnd - monthStart + 1))
            monthEnd = monthStart - 1
        }
        return months
    }

    /// From 2199-12-31 back to the fixture's invoices (2025-12 … 2026-03) the walk is a handful
    /// of entries (months with sales, and one per run of months without), not the 2,089 months
    /// in between; and it gives the same countback DSO as the month-by-month walk.
    @Test(arguments: ["2199-12-31", "2026-03-31", "2026-06-15", "2030-02-28"])
    func theCountbackWalkSkipsMonthsWithoutSales(end text: String) throws {
        let kpis = try kpiStore().kpiCalculator()
        let end = try day(text)
        let months = kpis.countbackMonths(end: end)
        #expect(months.count <= 2 * kpis.invoiceCount + 1, "\(months.count)")
        let reference = Self.naiveMonths(kpis, end: end)
        #expect(months.map(\.days).reduce(0, +) == reference.map(\.days).reduce(0, +))
        #expect(months.map(\.sales).reduce(0, +) == reference.map(\.sales).reduce(0, +))
        for ar: Int64 in [0, 10_000, 100_000, 150_000, 280_000, 1_000_000] {
            #expect(abs(KPIFormulas.dsoCountback(arEnd: ar, months: months)
                - KPIFormulas.dsoCountback(arEnd: ar, months: reference)) < 1e-9, "\(ar)")
        }
    }

    /// A report over the whole supported range (1900-01-01 … 2199-12-31) on the five-invoice
    /// fixture completes, one trend row per month.
    @Test func aReportOverTheWholeSupportedRangeCompletes() throws {
        let kpis = try kpiStore().kpiCalculator()
        let report = try kpis.report(asOf: LedgerLimits.latestDay, from: LedgerLimits.earliestDay, to: LedgerLimits.latestDay)
        #expect(report.trend.count == 300 * 12)
        #expect(report.period.sales == Money(minorUnits: 280_000))
        // Everything is settled or open at 2199-12-31: I2 400 + I3 400 + I4 200 open.
        #expect(report.period.arEnd == Money(minorUnits: 100_000))
    }

    /// The trend's one-sweep balances equal `receivables(on:)` day by day, on the fixture and
    /// on seeded random ledgers (credits before issue, on the due day, beyond the balance,
    /// negative); and the trend equals each month's `periodKPIs` computed on its own.
    @Test(arguments: 0...30) func theSweptBalancesEqualTheDayByDayOnes(seed: Int) throws {
        let kpis: KPICalculator
        let first: Day
        if seed == 0 {
            kpis = try kpiStore().kpiCalculator()
            first = try day("2025-11-20")
        } else {
            var rng = SplitMix(seed: UInt64(seed))
            let n = Int(rng.next() % 12) + 1
            first = Day(ordinal: 20454)
            let issued = (0..<n).map { _ in Int32(first.ordinal + Int(rng.next() % 90)) }
            let due = issued.map { $0 + Int32(rng.next() % 40) }
            var credits: [KPICalculator.Credit] = []
            for i in 0..<n {
                for _ in 0..<Int(rng.next() % 5) {
                    let amount = Int64(rng.next() % 9_000) - 1_000
                    credits.append(.init(invoice: Int32(i), day: issued[i] - 5 + Int32(rng.next() % 80), amount: amount,
                                         kind: UInt8(rng.next() % 3)))
                }
            }
            kpis = KPICalculator(clientNames: ["C"], invoiceClient: [Int32](repeating: 0, count: n), issued: issued, due: due,
                                 amount: (0..<n).map { _ in Int64(rng.next() % 8_000) + 1 }, credits: credits,
                                 currency: "USD", latestDay: first + 200)
        }
        let days = (0..<200).map { first + $0 }
        let swept = kpis.receivables(on: days.reversed())
        for (k, day) in days.reversed().enumerated() {
            let single = kpis.receivables(on: day)
            #expect(swept[k].ar == single.ar && swept[k].current == single.current, "\(day.iso)")
        }
        let trend = kpis.monthlyTrend(from: first, to: first + 199, asOf: first + 199)
        for month in trend {
            #expect(month == kpis.periodKPIs(from: month.from, to: month.to, asOf: month.asOf))
        }
    }
}
