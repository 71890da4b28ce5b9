import Foundation
import RecoupSimulation

/// The return on moving from a baseline (what the firm does now, or another policy) to a
/// policy. Every figure is computed run by run and then summarised, so each 95% interval is
/// that of the difference itself, not a combination of two separate intervals.
///
/// What the firm does now is the baseline as the ledger shows it (`ROISide.observed`): its
/// hours from the timesheets and its contact prices from the actions. How a policy changes
/// payments is the simulator's paired difference against the replayed history (the same runs
/// and draws), so the replay's own bias, which the back-test measures, cancels.
///
/// Formulas (per run r; docs/reports.md):
/// - invoices per year = invoices × 365 / window days; annual sales = Σ invoiced × 365 / window days;
/// - labour saved a year = (hours a week before − after) × 365 / 7 × hourly rate;
/// - contact costs saved a year = (contact prices per invoice before − after) × invoices per year;
/// - collections cost saved a year = labour saved + contact costs saved;
/// - cash released = (DSO before − DSO after) × annual sales / 365;
/// - financing value a year = cash released × cost of capital;
/// - write-offs avoided a year = (write-off rate before − after) × annual sales;
/// - monthly savings = (collections cost saved + financing value + write-offs avoided) / 12;
/// - payback (months) = a year of the tool (tool cost per month × 12) / monthly savings: the
///   months of savings that pay for a year of the tool; infinite in runs without savings, so it
///   is summarised by its median over runs rather than its mean.
public struct ROIEstimate: Sendable {
    public var baseline: String
    public var policy: String
    /// The names of the two that were not verified (`--unverified`), baseline first; the
    /// titles mark them.
    public var unverifiedPolicies: [String]
    /// Whether the baseline is the ledger's own figures (rather than a replay or a policy).
    public var isObservedBaseline: Bool
    public var invoicesPerYear: Double
    /// Annual credit sales in currency units (the window's invoiced total scaled to 365 days).
    public var annualSales: Double
    public var costOfCapital: Double
    public var hourlyRate: Double
    public var toolCostPerMonth: Double
    /// Hours a week of AR work freed (before − after).
    public var hoursFreedPerWeek: Interval
    public var costPerInvoiceBefore: Interval
    public var costPerInvoiceAfter: Interval
    /// Fully loaded AR cost per invoice (nil when the sides carry no such figure).
    public var fullyLoadedBefore: Interval?
    public var fullyLoadedAfter: Interval?
    public var annualLabourSaved: Interval
    public var annualContactCostSaved: Interval
    public var annualCostSaved: Interval
    public var cashReleased: Interval
    public var annualFinancingValue: Interval
    public var annualWriteOffsAvoided: Interval
    public var monthlySavings: Interval
    /// Months of savings needed to pay a year of the tool, infinite in runs without savings: the
    /// median over runs (in `mean`) with the 95% interval.
    public var paybackMonths: Interval

    /// - Parameters:
    ///   - before, after: the two sides, run by run over the same runs.
    ///   - scale: the projection whose invoices, window and invoiced total scale figures to a year.
    ///   - toolCostPerMonth: the tool's price a month in minor units.
    ///   - hourlyRate, costOfCapital: the cost model's (SPEC §5: 45.00 an hour, 0.08 a year).
    public init(before: ROISide, after: ROISide, scale: SimulationReport.Projection, toolCostPerMonth: Int64,
                hourlyRate: Double, costOfCapital: Double) {
        baseline = before.name
        policy = after.name
        unverifiedPolicies = [before, after].filter { !$0.isVerified }.map(\.name)
        isObservedBaseline = before.isObserved
        let days = Double(max(1, scale.windowDays))
        invoicesPerYear = Double(scale.invoices) * 365 / days
        annualSales = Double(scale.invoicedMinorUnits) / 100 * 365 / days
        self.costOfCapital = costOfCapital
        self.hourlyRate = hourlyRate
        self.toolCostPerMonth = Double(toolCostPerMonth) / 100
        let n = [before.runs, after.runs].min() ?? 0
        var freed: [Double] = [], labour: [Double] = [], contact: [Double] = [], saved: [Double] = []
        var cash: [Double] = [], financing: [Double] = [], avoided: [Double] = [], monthly: [Double] = [], payback: [Double] = []
        for r in 0..<n {
            let h = before.hoursPerWeek[r] - after.hoursPerWeek[r]
            let l = h * 365 / 7 * hourlyRate
            let c = (before.contactCostPerInvoice[r] - after.contactCostPerInvoice[r]) * invoicesPerYear
            let cr = (before.dso[r] - after.dso[r]) * annualSales / 365
            let f = cr * costOfCapital
            let w = (before.writeOffRate[r] - after.writeOffRate[r]) * annualSales
            let m = (l + c + f + w) / 12
            freed.append(h); labour.append(l); contact.append(c); saved.append(l + c)
            cash.append(cr); financing.append(f); avoided.append(w); monthly.append(m)
            payback.append(m > 0 ? self.toolCostPerMonth * 12 / m : .infinity)
        }
        hoursFreedPerWeek = Interval(runs: freed)
        costPerInvoiceBefore = Interval(runs: Array(before.collectionsCostPerInvoice.prefix(n)))
        costPerInvoiceAfter = Interval(runs: Array(after.collectionsCostPerInvoice.prefix(n)))
        fullyLoadedBefore = before.fullyLoadedCostPerInvoice.map { Interval(runs: Array($0.prefix(n))) }
        fullyLoadedAfter = after.fullyLoadedCostPerInvoice.map { Interval(runs: Array($0.prefix(n))) }
        annualLabourSaved = Interval(runs: labour)
        annualContactCostSaved = Interval(runs: contact)
        annualCostSaved = Interval(runs: saved)
        cashReleased = Interval(runs: cash)
        annualFinancingValue = Interval(runs: financing)
        annualWriteOffsAvoided = Interval(runs: avoided)
        monthlySavings = Interval(runs: monthly)
        // The median, not the mean: one run without savings makes the mean infinite.
        let spread = Interval(runs: payback)
        let sorted = payback.sorted()
        let median = sorted.isEmpty ? Double.nan
            : (sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
        paybackMonths = Interval(mean: median, lo: spread.lo, hi: spread.hi)
    }

    /// Two simulated projections of the same simulation (same runs) as the two sides, their
    /// human hours and contact prices taken from the simulator.
    public init(baseline: SimulationReport.Projection, policy: SimulationReport.Projection,
                toolCostPerMonth: Int64, costOfCapital: Double, hourlyRate: Double = 45) {
        self.init(before: ROISide(simulated: baseline, hourlyRate: hourlyRate),
                  after: ROISide(simulated: policy, hourlyRate: hourlyRate),
                  scale: policy, toolCostPerMonth: toolCostPerMonth, hourlyRate: hourlyRate, costOfCapital: costOfCapital)
    }
}

/// One side of an ROI, run by run: AR hours a week, contact prices per invoice, the cost per
/// invoice figures shown, and the DSO and write-off rate whose differences make the cash
/// figures.
public struct ROISide: Sendable {
    public var name: String
    public var isVerified: Bool
    /// The ledger's own figures (hours and costs constant across runs).
    public var isObserved: Bool
    public var hoursPerWeek: [Double]
    public var contactCostPerInvoice: [Double]
    public var collectionsCostPerInvoice: [Double]
    public var fullyLoadedCostPerInvoice: [Double]?
    public var dso: [Double]
    public var writeOffRate: [Double]

    public init(name: String, isVerified: Bool = true, isObserved: Bool = false, hoursPerWeek: [Double],
                contactCostPerInvoice: [Double], collectionsCostPerInvoice: [Double], fullyLoadedCostPerInvoice: [Double]? = nil,
                dso: [Double], writeOffRate: [Double]) {
        self.name = name
        self.isVerified = isVerified
        self.isObserved = isObserved
        self.hoursPerWeek = hoursPerWeek
        self.contactCostPerInvoice = contactCostPerInvoice
        self.collectionsCostPerInvoice = collectionsCostPerInvoice
        self.fullyLoadedCostPerInvoice = fullyLoadedCostPerInvoice
        self.dso = dso
        self.writeOffRate = writeOffRate
    }

    /// Runs every figure has.
    public var runs: Int {
        [hoursPerWeek.count, contactCostPerInvoice.count, collectionsCostPerInvoice.count, dso.count, writeOffRate.count].min() ?? 0
    }

    /// A simulated projection: its human hours, its cost per invoice less those hours at the
    /// rate as contact prices, and its DSO and write-off rate.
    public init(simulated p: SimulationReport.Projection, hourlyRate: Double) {
        let cost = p.runValues[.costPerInvoice] ?? []
        let hours = p.runValues[.humanHoursPerWeek] ?? Array(repeating: 0, count: cost.count)
        let weeks = Double(max(1, p.windowDays)) / 7
        let contact = zip(cost, hours).map { c, h in p.invoices > 0 ? c - h * weeks * hourlyRate / Double(p.invoices) : c }
        self.init(name: p.policy, isVerified: p.isVerified, hoursPerWeek: hours, contactCostPerInvoice: contact,
                  collectionsCostPerInvoice: cost, dso: p.runValues[.dso] ?? [], writeOffRate: p.runValues[.writeOffRate] ?? [])
    }

    /// The firm as the ledger shows it, `history` its replay in the same runs: hours and cost
    /// from the time audit and `cost` (constant across runs), DSO and write-off rate from the
    /// replay (whose differences against a policy's runs are paired).
    public init(observed audit: TimeAuditReport, cost: ARCostPerInvoice, history: SimulationReport.Projection) {
        let dso = history.runValues[.dso] ?? []
        let n = dso.count
        func constant(_ x: Double) -> [Double] { Array(repeating: x, count: n) }
        self.init(name: "today", isVerified: true, isObserved: true,
                  hoursPerWeek: constant(audit.hoursPerWeek(minutes: audit.totalMinutes)),
                  contactCostPerInvoice: constant(cost.contactNow), collectionsCostPerInvoice: constant(cost.collectionsNow),
                  fullyLoadedCostPerInvoice: constant(cost.fullyLoadedNow), dso: dso,
                  writeOffRate: history.runValues[.writeOffRate] ?? [])
    }

    /// Policy `index` of `audit` and `cost` under the simulator: its projected hours and costs,
    /// its DSO and write-off rate from `projection`.
    public init(policy index: Int, audit: TimeAuditReport, cost: ARCostPerInvoice, projection: SimulationReport.Projection) {
        let p = audit.projections[index]
        self.init(name: p.policy, isVerified: p.isVerified, hoursPerWeek: p.runTotals, contactCostPerInvoice: cost.contactRuns(index),
                  collectionsCostPerInvoice: cost.collectionsRuns(index), fullyLoadedCostPerInvoice: cost.fullyLoadedRuns(index),
                  dso: projection.runValues[.dso] ?? [], writeOffRate: projection.runValues[.writeOffRate] ?? [])
    }
}
