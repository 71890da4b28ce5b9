import RecoupPolicy
import Testing
@testable import RecoupSimulation

@Suite struct CohortOutcomeAccumulatorTests {
    func day(_ s: String) -> Day { (try? Day(iso: s)) ?? Day(ordinal: 0) }
    func usd(_ dollars: Int64) -> Money { Money(minorUnits: dollars * 100) }

    /// Four invoices issued in a 28-day window, worked by hand:
    ///
    /// | inv | issued | due   | amount | what happened                                   | amount × days       |
    /// | A   | 01-01  | 01-31 | 100    | paid 100 on 01-21 (20 d)                         | 2,000               |
    /// | B   | 01-01  | 01-31 | 200    | 50 on 02-10 (40 d), 150 on 05-11 (130 d, dpd 100)| 2,000 + 19,500      |
    /// | C   | 01-15  | 02-14 | 300    | written off 06-14 (dpd 120, 150 d)               | 45,000              |
    /// | D   | 01-20  | 02-19 | 400    | credit 100 on 03-01 (40 d), 300 on 03-11 (50 d)  | 4,000 + 15,000      |
    ///
    /// Σ = 87,500 dollar-days over $1,000 invoiced → cohort DSO 87.5 days.
    /// Collected 100 + 200 + 300 = 600 → 0.60; within 90 days of due: 100 + 50 + 300 = 450 → 0.45;
    /// written off 300 → 0.30; credited 100 → 0.10 (0.60 + 0.30 + 0.10 = 1).
    /// Cost 1¢ + 676¢ + 3,406¢ + 0 = $40.83 → $10.2075 per invoice; human minutes 9 + 45 = 54 →
    /// 0.9 h over 4 weeks = 0.225 h/week; contacts 1 + 3 + 2 + 0 = 6 → 1.5 per invoice.
    func cohort() -> [InvoiceOutcome] {
        var b = InvoiceOutcome(issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: usd(200),
                               collections: [DatedAmount(usd(50), on: day("2026-02-10")),
                                             DatedAmount(usd(150), on: day("2026-05-11"))],
                               contacts: 3, cost: Money(minorUnits: 676))
        b.addHumanMinutes(9, task: .calls)
        var c = InvoiceOutcome(issuedOn: day("2026-01-15"), dueOn: day("2026-02-14"), amount: usd(300),
                               writeOff: DatedAmount(usd(300), on: day("2026-06-14")), contacts: 2,
                               cost: Money(minorUnits: 3_406))
        c.addHumanMinutes(45, task: .disputes)
        return [
            InvoiceOutcome(issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: usd(100),
                           collections: [DatedAmount(usd(100), on: day("2026-01-21"))], contacts: 1,
                           cost: Money(minorUnits: 1)),
            b, c,
            InvoiceOutcome(issuedOn: day("2026-01-20"), dueOn: day("2026-02-19"), amount: usd(400),
                           collections: [DatedAmount(usd(300), on: day("2026-03-11"))],
                           creditNotes: [DatedAmount(usd(100), on: day("2026-03-01"))]),
        ]
    }

    @Test func handWorkedCohort() {
        var acc = CohortOutcomeAccumulator(issueWindowDays: 28)
        for inv in cohort() { acc.add(inv) }
        let o = acc.outcomes
        #expect(o.invoices == 4)
        #expect(o.invoiced == usd(1_000))
        #expect(o.weightedDays == 87_500 * 100)
        #expect(abs(o.dso - 87.5) < 1e-12)
        #expect(abs(o.collectionRate - 0.60) < 1e-12)
        #expect(abs(o.collectionRate90 - 0.45) < 1e-12)
        #expect(abs(o.writeOffRate - 0.30) < 1e-12)
        #expect(abs(o.creditRate - 0.10) < 1e-12)
        #expect(o.cost == Money(minorUnits: 4_083))
        #expect(abs(o.costPerInvoice - 10.2075) < 1e-12)
        #expect(abs(o.humanMinutes - 54) < 1e-12)
        #expect(abs(o.humanHoursPerWeek - 0.225) < 1e-12)
        #expect(abs(o.contactsPerInvoice - 1.5) < 1e-12)
    }

    @Test func mergingShardsEqualsOneAccumulator() {
        var whole = CohortOutcomeAccumulator(issueWindowDays: 28)
        var left = CohortOutcomeAccumulator(issueWindowDays: 28)
        var right = CohortOutcomeAccumulator(issueWindowDays: 28)
        for (i, inv) in cohort().enumerated() {
            whole.add(inv)
            if i < 2 { left.add(inv) } else { right.add(inv) }
        }
        left.merge(right)
        #expect(left.outcomes == whole.outcomes)
    }

    @Test func openAmountsCountToTheHorizon() {
        // $100 issued 01-01, $40 paid on 01-11 (10 d), $60 still open at the horizon 01-31 (30 d):
        // (40 × 10 + 60 × 30) / 100 = 22 days.
        var acc = CohortOutcomeAccumulator(issueWindowDays: 7, horizonEnd: day("2026-01-31"))
        acc.add(InvoiceOutcome(issuedOn: day("2026-01-01"), dueOn: day("2026-01-31"), amount: usd(100),
                               collections: [DatedAmount(usd(40), on: day("2026-01-11"))]))
        #expect(abs(acc.outcomes.dso - 22) < 1e-12)
        #expect(abs(acc.outcomes.collectionRate - 0.4) < 1e-12)
    }

    @Test func intervalsUseInterpolatedPercentiles() {
        // numpy.percentile([1, 2, 3, 4, 5], [2.5, 97.5]) → [1.1, 4.9]
        let i = Interval(runs: [3, 1, 5, 2, 4])
        #expect(abs(i.mean - 3) < 1e-12)
        #expect(abs(i.lo - 1.1) < 1e-12)
        #expect(abs(i.hi - 4.9) < 1e-12)
        #expect(Interval(runs: [7]) == Interval(mean: 7, lo: 7, hi: 7))
    }
}
