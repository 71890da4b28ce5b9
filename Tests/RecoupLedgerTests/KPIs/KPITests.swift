import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// A five-invoice ledger whose KPIs are worked out by hand below.
///
/// | invoice | client | issued     | due        | amount  | credits                         |
/// | I1      | C1     | 2026-01-05 | 2026-02-04 | 1000.00 | paid 1000.00 on 2026-02-10      |
/// | I2      | C1     | 2026-02-01 | 2026-03-03 |  600.00 | paid 200.00 on 2026-03-10       |
/// | I3      | C2     | 2026-02-15 | 2026-03-17 |  400.00 | —                               |
/// | I4      | C2     | 2026-03-20 | 2026-04-19 |  300.00 | credit note 100.00 on 2026-03-25|
/// | I5      | C2     | 2025-12-01 | 2025-12-31 |  500.00 | write-off 500.00 on 2026-03-01  |
/// plus an unapplied payment of 50.00 (it reduces no invoice).
let kpiBundle: [String: String] = [
    "clients.csv": "client_id\nC1\nC2\n",
    "invoices.csv": """
        invoice_id,client_id,issued_on,due_on,amount
        I1,C1,2026-01-05,2026-02-04,1000.00
        I2,C1,2026-02-01,2026-03-03,600.00
        I3,C2,2026-02-15,2026-03-17,400.00
        I4,C2,2026-03-20,2026-04-19,300.00
        I5,C2,2025-12-01,2025-12-31,500.00
        """,
    "payments.csv": """
        payment_id,client_id,received_on,amount,invoice_id
        P1,C1,2026-02-10,1000.00,I1
        P2,C1,2026-03-10,200.00,I2
        P3,C2,2026-03-12,50.00,
        """,
    "adjustments.csv": """
        invoice_id,on,amount,kind
        I4,2026-03-25,100.00,credit_note
        I5,2026-03-01,500.00,write_off
        """,
]

func kpiStore() throws -> LedgerStore {
    let store = try LedgerStore()
    let fixture = try BundleFixture(kpiBundle)
    _ = try LedgerImporter(store: store).importBundle(at: fixture.folder)
    return store
}

func day(_ text: String) throws -> Day { try Day(iso: text) }

@Suite struct KPITests {
    let tolerance = 1e-9

    /// P = [2026-02-01, 2026-03-31], N = 28 + 31 = 59 days, end = 2026-03-31.
    /// AR(end): I2 600 − 200 = 400 (28 dpd), I3 400 (14 dpd), I4 300 − 100 = 200 (current),
    /// I1 and I5 0 → AR = 1000.00, currentAR = 200.00.
    /// sales(P) = I2 + I3 + I4 = 1300.00. AR(start) = AR(2026-01-31) = I1 1000 + I5 500 = 1500.
    @Test func periodKPIsMatchTheHandComputation() throws {
        let kpis = try kpiStore().kpiCalculator()
            .periodKPIs(from: day("2026-02-01"), to: day("2026-03-31"), asOf: day("2026-03-31"))
        #expect(kpis.sales == Money(minorUnits: 130_000))
        #expect(kpis.arEnd == Money(minorUnits: 100_000))
        #expect(kpis.currentAREnd == Money(minorUnits: 20_000))
        #expect(kpis.arStart == Money(minorUnits: 150_000))
        // DSO standard = 1000 / 1300 × 59 = 45.384615…
        #expect(abs(try #require(kpis.dsoStandard) - 1000.0 / 1300.0 * 59) < tolerance)
        // Best possible = 200 / 1300 × 59 = 9.076923…; ADD = 45.3846 − 9.0769 = 36.3077 (800/1300 × 59).
        #expect(abs(try #require(kpis.bestPossibleDSO) - 200.0 / 1300.0 * 59) < tolerance)
        #expect(abs(try #require(kpis.averageDaysDelinquent) - 800.0 / 1300.0 * 59) < tolerance)
        // CEI = (1500 + 1300 − 1000) / (1500 + 1300 − 200) × 100 = 1800 / 2600 × 100 = 69.2308.
        #expect(abs(try #require(kpis.collectionEffectivenessIndex) - 1800.0 / 2600.0 * 100) < tolerance)
        // % current = 200 / 1000 × 100 = 20.
        #expect(abs(try #require(kpis.percentCurrent) - 20) < tolerance)
        // Countback: March (1–31) sales 300 ≤ 1000 → remainder 700, 31 days; February sales
        // 1000 > 700 → 31 + 700 / 1000 × 28 = 50.6.
        #expect(abs(try #require(kpis.dsoCountback) - 50.6) < tolerance)
        // Collection rate at 90 over I2, I3, I4: 200 received (I2, 7 days after due) / 1300.
        #expect(abs(try #require(kpis.collectionRate) - 200.0 / 1300.0) < tolerance)
        // No invoice of P is fully paid.
        #expect(kpis.paidInvoices == 0 && kpis.averageDaysToPay == nil)
        // Cohort DSO: I2 200 × 37 (03-10 − 02-01) + 400 × 58 (open to 03-31) + I3 400 × 44
        // + I4 (credit note 100 not counted) 200 × 11 = 7400 + 23200 + 17600 + 2200 = 50400;
        // / 1300 = 38.769…
        #expect(abs(try #require(kpis.cohortDSO) - 50400.0 / 1300.0) < tolerance)
    }

    /// P = [2026-01-01, 2026-03-31] adds I1, fully paid on 2026-02-10: days to pay
    /// 02-10 − 01-05 = 36, days late 02-10 − 02-04 = 6.
    @Test func daysToPayAndDaysLate() throws {
        let kpis = try kpiStore().kpiCalculator()
            .periodKPIs(from: day("2026-01-01"), to: day("2026-03-31"), asOf: day("2026-03-31"))
        #expect(kpis.paidInvoices == 1)
        #expect(kpis.averageDaysToPay == 36)
        #expect(kpis.averageDaysLate == 6)
        // Collection rate: I1 1000 (6 days late) + I2 200 = 1200 of 2300.
        #expect(abs(try #require(kpis.collectionRate) - 1200.0 / 2300.0) < tolerance)
    }

    /// I5 alone (December 2025): written off on 2026-03-01, 90 days after issue → cohort DSO
    /// 500 × 90 / 500 = 90; nothing collected → collection rate 0.
    @Test func writeOffCountsToItsDay() throws {
        let kpis = try kpiStore().kpiCalculator()
            .periodKPIs(from: day("2025-12-01"), to: day("2025-12-31"), asOf: day("2026-03-31"))
        #expect(kpis.cohortDSO == 90)
        #expect(kpis.collectionRate == 0)
        // AR(2025-12-31) = 500, sales 500, N = 31 → DSO 31; all past due? dpd 0 → current.
        #expect(kpis.dsoStandard == 31)
        #expect(kpis.percentCurrent == 100)
    }

    /// The invoice-level aging on 2026-03-31 (hand-worked from the table above): I2 is 28 days
    /// past due with 400.00 of 600.00 open, I3 14 days with 400.00, I4 current (due 04-19)
    /// with 200.00 after its credit note; I1 is paid and I5 written off, so neither is listed.
    @Test func openInvoicesMostOverdueFirst() throws {
        let open = try kpiStore().openInvoices(asOf: day("2026-03-31"))
        #expect(try open.asOf == day("2026-03-31"))
        #expect(open.invoices.map(\.invoice) == ["I2", "I3", "I4"])
        #expect(open.invoices.map(\.daysPastDue) == [28, 14, -19])
        #expect(open.invoices.map(\.open.minorUnits) == [40_000, 40_000, 20_000])
        #expect(open.invoices.map(\.amount.minorUnits) == [60_000, 40_000, 30_000])
        #expect(open.invoices.map(\.bucket) == [.days1to30, .days1to30, .current])
        // Equal days past due: the larger balance first.
        let tie = try kpiStore().openInvoices(asOf: day("2026-03-17"))
        #expect(tie.invoices.map(\.invoice) == ["I2", "I3"])
    }

    /// Names from clients.csv reach the aging rows; a client without one keeps its id only.
    @Test func agingCarriesClientNames() throws {
        var bundle = kpiBundle
        bundle["clients.csv"] = "client_id,name\nC1,Acme IT Services\nC2,\n"
        let store = try LedgerStore()
        let fixture = try BundleFixture(bundle)
        _ = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        let aging = try store.kpiCalculator().aging(on: day("2026-03-31"))
        #expect(aging.byClient.map(\.name) == ["Acme IT Services", nil])
        #expect(aging.byClient.map(\.label) == ["Acme IT Services", "C2"])
        #expect(try store.openInvoices(asOf: day("2026-03-31")).invoices.map(\.clientName) == ["Acme IT Services", nil, nil])
    }

    /// Aging on 2026-03-31: C1 I2 400 at 28 dpd; C2 I3 400 at 14 dpd and I4 200 current.
    @Test func agingPerClientAndTotal() throws {
        let aging = try kpiStore().kpiCalculator().aging(on: day("2026-03-31"))
        #expect(aging.total[.current] == Money(minorUnits: 20_000))
        #expect(aging.total[.days1to30] == Money(minorUnits: 80_000))
        #expect(aging.total.total == Money(minorUnits: 100_000))
        #expect(aging.byClient.map(\.client) == ["C1", "C2"])
        #expect(aging.byClient[0].amounts[.days1to30] == Money(minorUnits: 40_000))
        #expect(aging.byClient[1].amounts[.current] == Money(minorUnits: 20_000))
        // On 2026-02-05 I1 is 1 day past due and I5 (due 2025-12-31) 36 days: 31–60.
        let early = try kpiStore().kpiCalculator().aging(on: day("2026-02-05"))
        #expect(early.total[.days1to30] == Money(minorUnits: 100_000))
        #expect(early.total[.days31to60] == Money(minorUnits: 50_000))
        #expect(early.total[.current] == Money(minorUnits: 60_000))
    }

    @Test(arguments: [(0, AgingBucket.current), (-5, .current), (1, .days1to30), (30, .days1to30),
                      (31, .days31to60), (60, .days31to60), (61, .days61to90), (90, .days61to90),
                      (91, .days91to120), (120, .days91to120), (121, .over120)])
    func bucketBoundaries(_ dpd: Int, _ bucket: AgingBucket) {
        #expect(AgingBucket(daysPastDue: dpd) == bucket)
        var amounts = AgingAmounts()
        amounts.add(7, daysPastDue: dpd)
        #expect(amounts[bucket] == Money(minorUnits: 7))
    }

    @Test func countbackWalksWholeMonths() {
        let months = [KPIFormulas.Month(sales: 300, days: 31), KPIFormulas.Month(sales: 1000, days: 28),
                      KPIFormulas.Month(sales: 0, days: 31), KPIFormulas.Month(sales: 500, days: 30)]
        // 1000 − 300 = 700 < 1000 → 31 + 0.7 × 28.
        #expect(abs(KPIFormulas.dsoCountback(arEnd: 1000, months: months) - 50.6) < tolerance)
        // 1500: −300 −1000 = 200, a month without sales adds 31 days, then 200 / 500 × 30 = 12:
        // 31 + 28 + 31 + 12 = 102.
        #expect(abs(KPIFormulas.dsoCountback(arEnd: 1500, months: months) - 102) < tolerance)
        // More than all sales: the days walked (a lower bound).
        #expect(KPIFormulas.dsoCountback(arEnd: 5000, months: months) == 120)
        #expect(KPIFormulas.dsoCountback(arEnd: 0, months: months) == 0)
    }

    @Test func pureFormulasReturnNilWhenUndefined() throws {
        #expect(KPIFormulas.dsoStandard(arEnd: 10, sales: 0, days: 30) == nil)
        #expect(KPIFormulas.percentCurrent(currentAR: 0, ar: 0) == nil)
        #expect(KPIFormulas.collectionEffectivenessIndex(arStart: 0, sales: 0, arEnd: 0, currentAREnd: 0) == nil)
        var cohort = KPIFormulas.CohortDSO()
        #expect(cohort.value == nil)
        // 100 collected after 10 days, 50 after 40, of 150 invoiced: (1000 + 2000) / 150 = 20.
        cohort.addInvoiced(150)
        cohort.addOutstanding(100, days: 10)
        cohort.addOutstanding(50, days: 40)
        #expect(abs(try #require(cohort.value) - 20) < 1e-12)
        var rate = KPIFormulas.CollectionRate()
        rate.addInvoiced(200)
        rate.addReceived(50, daysAfterDue: 90, horizonDays: 90)
        rate.addReceived(50, daysAfterDue: 91, horizonDays: 90)
        #expect(abs(try #require(rate.value) - 0.25) < 1e-12)  // 50 of 200 within the horizon
    }

    @Test func storeAndLedgerValueGiveTheSameKPIs() throws {
        let store = try kpiStore()
        let fromStore = try store.kpiCalculator()
        let fromValue = KPICalculator(ledger: try store.loadLedger())
        for (a, b) in [("2026-02-01", "2026-03-31"), ("2026-01-01", "2026-01-31"), ("2025-12-01", "2026-04-30")] {
            let x = fromStore.periodKPIs(from: try day(a), to: try day(b), asOf: try day(b))
            let y = fromValue.periodKPIs(from: try day(a), to: try day(b), asOf: try day(b))
            #expect(x == y)
        }
        #expect(fromStore.aging(on: try day("2026-03-31")) == fromValue.aging(on: try day("2026-03-31")))
    }

    /// The trend's cohort figures use every payment known by the report's as-of: January's
    /// only invoice I1 (1000.00, due 02-04) was paid on 02-10, after January ended, so measured
    /// at January's end its collection rate would be 0; as of 2026-03-31 it is 1000 / 1000 = 1,
    /// and days to pay 36. February's I2 (due 03-03) and I3 (due 03-17) are not 90 days past
    /// due by 03-31, so February's rate (200 / 1000) is marked incomplete; January's (due
    /// 02-04 + 90 = 05-05 > 03-31) too.
    @Test func trendCohortFiguresUseThePaymentsKnownByTheAsOf() throws {
        let trend = try kpiStore().kpiCalculator()
            .monthlyTrend(from: day("2026-01-01"), to: day("2026-03-31"), asOf: day("2026-03-31"))
        #expect(trend.map(\.from) == [try day("2026-01-01"), try day("2026-02-01"), try day("2026-03-01")])
        #expect(trend[0].collectionRate == 1)
        #expect(trend[0].averageDaysToPay == 36)
        #expect(abs(try #require(trend[1].collectionRate) - 200.0 / 1000.0) < tolerance)
        #expect(!trend[0].collectionRateComplete && !trend[1].collectionRateComplete)
        // Balance-sheet figures stay each month's own: AR at January's end is I1 + I5 = 1500.
        #expect(trend[0].arEnd == Money(minorUnits: 150_000))
        // As of 2026-06-30 January's rate is final (05-05 ≤ 06-30).
        let later = try kpiStore().kpiCalculator()
            .monthlyTrend(from: day("2026-01-01"), to: day("2026-01-31"), asOf: day("2026-06-30"))
        #expect(later[0].collectionRateComplete)
    }

    @Test func reportDefaultsAndJSON() throws {
        let calculator = try kpiStore().kpiCalculator()
        let report = try calculator.report()
        // Latest invoice/payment day is 2026-03-20 (I4); twelve calendar months ending with
        // March 2026 start on 2025-04-01: eleven whole months and March to date.
        #expect(report.period.to == (try day("2026-03-20")))
        #expect(report.period.from == (try day("2025-04-01")))
        #expect(report.trend.count == 12)
        #expect(report.trend.first?.from == (try day("2025-04-01")))
        #expect(report.trend.first?.to == (try day("2025-04-30")))
        #expect(report.trend.last?.from == (try day("2026-03-01")))
        #expect(report.trend.last?.to == (try day("2026-03-20")))
        #expect(KPIReport.defaultFrom(to: try day("2026-01-31")) == (try day("2025-02-01")))
        #expect(KPIReport.defaultFrom(to: try day("2026-12-01")) == (try day("2026-01-01")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(String(data: try encoder.encode(report), encoding: .utf8))
        for key in ["\"asOf\":\"2026-03-20\"", "\"from\":\"2025-04-01\"", "\"dsoStandard\":", "\"dsoCountback\":",
                    "\"bestPossibleDso\":", "\"add\":", "\"cei\":", "\"percentCurrent\":", "\"collectionRate90\":",
                    "\"byClient\":{\"C1\":", "\"1-30\":", "\"over120\":", "\"trend\":["] {
            #expect(json.contains(key), "missing \(key)")
        }
        #expect(throws: KPIError.invalidWindow(from: try day("2026-03-01"), to: try day("2026-02-01"))) {
            try calculator.report(from: try day("2026-03-01"), to: try day("2026-02-01"))
        }
        #expect(throws: KPIError.emptyLedger) { try LedgerStore().kpiCalculator().report() }
    }
}
