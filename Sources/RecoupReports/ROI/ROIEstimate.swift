import Foundation
import RecoupSimulation

/// The return on moving from a baseline (the history, or another policy) to a policy, from one
/// simulation of both (same runs, same draws). Every figure is computed run by run from the
/// paired per-run values and then summarised, so each 95% interval is that of the difference
/// itself, not a combination of two separate intervals.
///
/// Formulas (per run r; docs/reports.md):
/// - invoices per year = invoices × 365 / window days; annual sales = Σ invoiced × 365 / window days;
/// - collections cost saved a year = (cost per invoice before − after) × invoices per year;
/// - cash released = (DSO before − DSO after) × annual sales / 365;
/// - financing value a year = cash released × cost of capital;
/// - write-offs avoided a year = (write-off rate before − after) × annual sales;
/// - monthly savings = (cost saved + financing value + write-offs avoided) / 12;
/// - payback (months) = a year of the tool (tool cost per month × 12) / monthly savings: the
///   months of savings that pay for a year of the tool; infinite in runs without savings.
public struct ROIEstimate: Sendable {
    public var baseline: String
    public var policy: String
    /// The names of the two that were not verified (`--unverified`), baseline first; the
    /// titles mark them.
    public var unverifiedPolicies: [String]
    public var invoicesPerYear: Double
    /// Annual credit sales in currency units (the window's invoiced total scaled to 365 days).
    public var annualSales: Double
    public var costOfCapital: Double
    public var toolCostPerMonth: Double
    public var costPerInvoiceBefore: Interval
    public var costPerInvoiceAfter: Interval
    public var annualCostSaved: Interval
    public var cashReleased: Interval
    public var annualFinancingValue: Interval
    public var annualWriteOffsAvoided: Interval
    public var monthlySavings: Interval
    /// Months of savings needed to pay a year of the tool; infinite in runs without savings.
    public var paybackMonths: Interval

    /// - Parameters:
    ///   - baseline, policy: two projections of the same simulation (same runs).
    ///   - toolCostPerMonth: the tool's price a month in minor units.
    ///   - costOfCapital: a year's rate (SPEC §5: 0.08).
    public init(baseline: SimulationReport.Projection, policy: SimulationReport.Projection,
                toolCostPerMonth: Int64, costOfCapital: Double) {
        self.baseline = baseline.policy
        self.policy = policy.policy
        unverifiedPolicies = [baseline, policy].filter { !$0.isVerified }.map(\.policy)
        let days = Double(max(1, policy.windowDays))
        invoicesPerYear = Double(policy.invoices) * 365 / days
        annualSales = Double(policy.invoicedMinorUnits) / 100 * 365 / days
        self.costOfCapital = costOfCapital
        self.toolCostPerMonth = Double(toolCostPerMonth) / 100
        func runs(_ p: SimulationReport.Projection, _ m: ProjectionMetric) -> [Double] { p.runValues[m] ?? [] }
        let before = runs(baseline, .costPerInvoice), after = runs(policy, .costPerInvoice)
        let dsoB = runs(baseline, .dso), dsoA = runs(policy, .dso)
        let woB = runs(baseline, .writeOffRate), woA = runs(policy, .writeOffRate)
        let n = [before.count, after.count, dsoB.count, dsoA.count, woB.count, woA.count].min() ?? 0
        var saved: [Double] = [], cash: [Double] = [], financing: [Double] = [], avoided: [Double] = []
        var monthly: [Double] = [], payback: [Double] = []
        for r in 0..<n {
            let s = (before[r] - after[r]) * invoicesPerYear
            let c = (dsoB[r] - dsoA[r]) * annualSales / 365
            let f = c * costOfCapital
            let w = (woB[r] - woA[r]) * annualSales
            let m = (s + f + w) / 12
            saved.append(s); cash.append(c); financing.append(f); avoided.append(w); monthly.append(m)
            payback.append(m > 0 ? self.toolCostPerMonth * 12 / m : .infinity)
        }
        costPerInvoiceBefore = Interval(runs: Array(before.prefix(n)))
        costPerInvoiceAfter = Interval(runs: Array(after.prefix(n)))
        annualCostSaved = Interval(runs: saved)
        cashReleased = Interval(runs: cash)
        annualFinancingValue = Interval(runs: financing)
        annualWriteOffsAvoided = Interval(runs: avoided)
        monthlySavings = Interval(runs: monthly)
        paybackMonths = Interval(runs: payback)
    }
}
