import Testing
@testable import RecoupReports
@testable import RecoupSimulation

@Suite struct ROIEstimateTests {
    static func projection(_ name: String, _ cost: [Double], _ dso: [Double], _ writeOff: [Double]) -> SimulationReport.Projection {
        projection(name, cost: cost, dso: dso, writeOff: writeOff)
    }

    static func projection(_ name: String, cost: [Double], dso: [Double], writeOff: [Double]) -> SimulationReport.Projection {
        var p = SimulationReport.Projection(policy: name, mode: "autonomous", invoices: 100, runs: cost.count,
                                            horizonDays: 400, figures: [:], difference: nil)
        p.runValues = [.costPerInvoice: cost, .dso: dso, .writeOffRate: writeOff]
        p.windowDays = 365
        p.invoicedMinorUnits = 36_500_000  // $365,000 over 365 days: $1,000 of sales a day
        return p
    }

    // By hand, run 1: cost saved = (3 − 1) × 100 invoices = $200; cash released = (50 − 40) × $1,000 = $10,000;
    // financing = 10,000 × 0.08 = $800; write-offs avoided = (0.03 − 0.02) × 365,000 = $3,650;
    // monthly = (200 + 800 + 3,650) / 12 = 387.5; payback = 100 × 12 / 387.5 = 3.0968 months.
    // Run 2: saved (2.5 − 1.5) × 100 = 100; cash (48 − 44) × 1,000 = 4,000; financing 320;
    // avoided 0; monthly 420 / 12 = 35; payback 1,200 / 35 = 34.286.
    @Test func pairedFiguresByHand() {
        let before = Self.projection("history", cost: [3, 2.5], dso: [50, 48], writeOff: [0.03, 0.02])
        let after = Self.projection("fixed", cost: [1, 1.5], dso: [40, 44], writeOff: [0.02, 0.02])
        let roi = ROIEstimate(baseline: before, policy: after, toolCostPerMonth: 10_000, costOfCapital: 0.08)
        #expect(abs(roi.invoicesPerYear - 100) < 1e-9)
        #expect(abs(roi.annualSales - 365_000) < 1e-6)
        #expect(abs(roi.annualCostSaved.mean - 150) < 1e-9)
        #expect(abs(roi.cashReleased.mean - 7_000) < 1e-6)
        #expect(abs(roi.annualFinancingValue.mean - 560) < 1e-6)
        #expect(abs(roi.annualWriteOffsAvoided.mean - 1_825) < 1e-6)
        #expect(abs(roi.monthlySavings.lo - (35 + 0.025 * (387.5 - 35))) < 1e-6)
        #expect(abs(roi.paybackMonths.lo - (1_200 / 387.5 + 0.025 * (1_200 / 35 - 1_200 / 387.5))) < 1e-6)
    }

    @Test func noSavingsMeansNoPayback() {
        let before = Self.projection("history", cost: [1], dso: [40], writeOff: [0.02])
        let after = Self.projection("manual", cost: [5], dso: [40], writeOff: [0.02])
        let roi = ROIEstimate(baseline: before, policy: after, toolCostPerMonth: 10_000, costOfCapital: 0.08)
        #expect(roi.paybackMonths.mean == .infinity)
        #expect(abs(roi.annualCostSaved.mean - (-400)) < 1e-9)
    }
}
