import Foundation
import Testing

@testable import RecoupReports
@testable import RecoupSimulation

/// Cost per invoice and the observed-baseline ROI on `TimeAuditFixture`'s ledger, by hand.
@Suite struct ARCostPerInvoiceTests {
    /// The fixture's ledger audited from 2026-02-01 (its one invoice's issue day) to 2026-03-15:
    /// 43 days, 283.5 minutes (4.725 h), 1 invoice. At $45 an hour:
    /// - people's time per invoice = 4.725 × 45 = 212.625; collections tasks (reminders 125.5,
    ///   calls 12, disputes 105, other 5 = 247.5 min = 4.125 h) = 185.625;
    /// - contact prices: the agent email (1 cent) and the agent voice call (30 cents); the
    ///   people's email and calls cost only time: 0.31;
    /// - fees: two payments with no method (the "other" rule, 0 bp): 0.
    /// Collections 185.935, fully loaded 212.935.
    static func audit() throws -> TimeAuditReport {
        try TimeAudit.make(ledger: TimeAuditFixture.ledger, from: TimeAuditFixture.day("2026-02-01"), to: TimeAuditFixture.day("2026-03-15"))
    }

    /// A copilot policy simulated over 100 invoices in 14 days: cost per invoice [3, 2.8],
    /// human hours a week [1, 1], so contact prices 3 − 1 × 2 weeks × 45 / 100 = 2.1 and 1.9.
    static func simulated() -> SimulationReport.Projection {
        var p = TimeAuditTests.copilotProjection()
        p.invoices = 100
        p.windowDays = 14
        p.runValues[.costPerInvoice] = [3, 2.8]
        p.runValues[.humanHoursPerWeek] = [1, 1]
        p.runValues[.dso] = [40, 42]
        p.runValues[.writeOffRate] = [0.02, 0.02]
        return p
    }

    @Test func partsNowByHand() throws {
        var audit = try Self.audit()
        audit.projections = [TimeAudit.projection(Self.simulated(), now: audit)]
        let cost = try ARCostPerInvoice(audit: audit, simulated: [Self.simulated()], ledger: TimeAuditFixture.ledger, costs: CostModel())
        #expect(cost.invoices == 1)
        #expect(abs(cost.contactNow - 0.31) < 1e-12)
        #expect(abs(cost.collectionsNow - 185.935) < 1e-9)
        #expect(abs(cost.fullyLoadedNow - 212.935) < 1e-9)
        #expect(cost.contactRuns(0).enumerated().allSatisfy { abs($0.element - [2.1, 1.9][$0.offset]) < 1e-9 })
        // Under the policy, people's reminders are (0.2, 0.3) h a week × 45 / (7 / 43) invoices a week.
        let reminders = try #require(cost.parts.first { $0.name == "people: reminders" })
        #expect(abs(reminders.after[0].mean - 0.25 * 45 * 43 / 7) < 1e-9)
        let text = cost.table().rendered(as: .text)
        #expect(text.contains("fully loaded AR cost per invoice") && text.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func noInvoiceInTheWindowIsNamed() throws {
        let audit = try TimeAuditFixture.report()  // 2026-03-02 … 03-15: the invoice was issued before
        #expect(throws: ARCostError.noInvoices(from: audit.from, to: audit.to)) {
            try ARCostPerInvoice(audit: audit, simulated: [], ledger: TimeAuditFixture.ledger, costs: CostModel())
        }
    }

    /// Today's side: 4.725 h over 43 days = 0.76919 h a week, contact prices 0.31, against a
    /// policy whose projected hours a week are its time-audit totals. Labour saved a year =
    /// (before − after hours a week) × 365 / 7 × 45; contact costs saved = (0.31 − 2.1) ×
    /// invoices a year (100 × 365 / 14) in run 1.
    @Test func observedBaselineROIByHand() throws {
        var audit = try Self.audit()
        audit.projections = [TimeAudit.projection(Self.simulated(), now: audit)]
        let cost = try ARCostPerInvoice(audit: audit, simulated: [Self.simulated()], ledger: TimeAuditFixture.ledger, costs: CostModel())
        var history = Self.simulated()
        history.policy = "history"
        history.runValues[.dso] = [45, 45]
        history.runValues[.writeOffRate] = [0.03, 0.02]
        let before = ROISide(observed: audit, cost: cost, history: history)
        let after = ROISide(policy: 0, audit: audit, cost: cost, projection: Self.simulated())
        let roi = ROIEstimate(before: before, after: after, scale: Self.simulated(), toolCostPerMonth: 0, hourlyRate: 45,
                              costOfCapital: 0.08)
        #expect(roi.isObservedBaseline)
        let nowHours = 4.725 / (43.0 / 7)
        let after1 = audit.projections[0].runTotals[0]
        #expect(abs(roi.hoursFreedPerWeek.mean - (nowHours - (after1 + audit.projections[0].runTotals[1]) / 2)) < 1e-9)
        let labour1 = (nowHours - after1) * 365 / 7 * 45
        let contact1 = (0.31 - 2.1) * 100 * 365 / 14
        let labour2 = (nowHours - audit.projections[0].runTotals[1]) * 365 / 7 * 45
        let contact2 = (0.31 - 1.9) * 100 * 365 / 14
        #expect(abs(roi.annualCostSaved.mean - (labour1 + contact1 + labour2 + contact2) / 2) < 1e-6)
        // Cash: (45 − 40) and (45 − 42) days × sales a day; the scale projection has no sales, so 0.
        #expect(roi.cashReleased.mean == 0)
        #expect(roi.costPerInvoiceBefore.lo == roi.costPerInvoiceBefore.hi)
    }
}
