import RecoupPolicy
import RecoupSimulation

/// What an invoice costs to collect, by part, now and under each policy: the two figures a
/// finance lead holds against the often-quoted $10–15 by hand and under $2 automated.
///
/// - **Collections cost per invoice**: people's time on reminders, calls, disputes and promise
///   follow-ups (other) at the loaded hourly rate, plus what contacts cost in money (an agent's
///   channel prices, a letter's postage).
/// - **Fully loaded AR cost per invoice**: that, plus people's time on reconciliation, data
///   entry and reporting, plus payment-processing fees.
///
/// Now: hours from the time audit (timesheets, or the ledger where a week has none), contact
/// prices from the actions logged in the audit's window, fees from its payments, over the
/// invoices issued in that window. Under a policy: the time audit's projected hours run by run,
/// the simulator's contact prices (its cost per invoice less its human hours at the rate), and
/// the same fees (a reminder policy does not change how clients pay). All per invoice, in
/// currency units; money enters as integer minor units and only the averages are fractional.
public struct ARCostPerInvoice: Sendable {
    /// One part of the cost: its name, whether it counts in the collections figure, its value
    /// now and under each policy (mean and 95% interval over runs, currency units per invoice).
    public struct Part: Sendable {
        public var name: String
        public var isCollections: Bool
        public var now: Double
        public var after: [Interval]
        /// `after` run by run, per policy.
        var afterRuns: [[Double]]
    }

    /// People's time by task (in `TimesheetTask.allCases` order), then contact prices, then
    /// payment fees.
    public var parts: [Part]
    /// The policies, in the time audit's order (titles mark unverified ones).
    public var policies: [String]
    /// Invoices issued in the audit's window, and per week.
    public var invoices: Int
    public var invoicesPerWeek: Double
    /// The loaded hourly rate (currency units).
    public var hourlyRate: Double

    /// - Throws: `ARCostError.noInvoices` when no invoice was issued in the audit's window.
    /// - Parameter simulated: the simulator's projections, found by the audit's policy names.
    public init(audit: TimeAuditReport, simulated: [SimulationReport.Projection], ledger: Ledger,
                costs: CostModel) throws(ARCostError) {
        let invoiceCount = ledger.invoices.filter { audit.from <= $0.issuedOn && $0.issuedOn <= audit.to }.count
        guard invoiceCount > 0 else { throw .noInvoices(from: audit.from, to: audit.to) }
        invoices = invoiceCount
        let weeks = Double(audit.days) / 7
        invoicesPerWeek = Double(invoiceCount) / weeks
        hourlyRate = Double(costs.hourlyRate.minorUnits) / 100
        policies = audit.projections.map(\.policy)
        let projections = audit.projections.map { p in simulated.first { $0.policy == p.policy } }

        var contactMinor: Int64 = 0
        for action in ledger.actions where audit.from <= action.at && action.at <= audit.to {
            let byPerson = action.actor == .human || action.channel == .call
            if byPerson {
                if action.channel == .letter { contactMinor += costs.letter.minorUnits }
            } else {
                contactMinor += costs.contact(channel: action.channel, actor: .agent, execution: .automated).money.minorUnits
            }
        }
        var feeMinor: Int64 = 0
        for payment in ledger.payments where audit.from <= payment.receivedOn && payment.receivedOn <= audit.to {
            feeMinor += costs.paymentFees.fee(amount: payment.amount, method: payment.method ?? .other).minorUnits
        }
        let n = Double(invoiceCount)
        let contactNow = Double(contactMinor) / 100 / n
        let feesNow = Double(feeMinor) / 100 / n
        let rate = hourlyRate, perWeek = invoicesPerWeek

        var parts: [Part] = []
        let minutes = audit.minutesByTask
        for (i, task) in TimesheetTask.allCases.enumerated() {
            let now = audit.hoursPerWeek(minutes: minutes[i]) * rate / perWeek
            let runs = audit.projections.map { p in (p.runHours.indices.contains(i) ? p.runHours[i] : []).map { $0 * rate / perWeek } }
            let collections = [.reminders, .calls, .disputes, .other].contains(task)
            parts.append(Part(name: "people: \(task.title)", isCollections: collections, now: now,
                              after: runs.map { Interval(runs: $0) }, afterRuns: runs))
        }
        // The simulator's money per invoice that is not people's time: its cost less its human
        // hours at the rate (less fees when the cost model counts them, shown apart here).
        let contactRuns = projections.enumerated().map { index, projection -> [Double] in
            guard let projection, let cost = projection.runValues[.costPerInvoice],
                  let hours = projection.runValues[.humanHoursPerWeek], projection.invoices > 0 else {
                return Array(repeating: contactNow, count: audit.projections[index].runTotals.count)
            }
            let simulatedWeeks = Double(max(1, projection.windowDays)) / 7
            return zip(cost, hours).map { c, h in
                max(0, c - h * simulatedWeeks * rate / Double(projection.invoices) - (costs.includeFees ? feesNow : 0))
            }
        }
        parts.append(Part(name: "contacts: channel prices, postage", isCollections: true, now: contactNow,
                          after: contactRuns.map { Interval(runs: $0) }, afterRuns: contactRuns))
        let feeRuns = audit.projections.map { Array(repeating: feesNow, count: $0.runTotals.count) }
        parts.append(Part(name: "payment fees", isCollections: false, now: feesNow,
                          after: feeRuns.map { Interval(runs: $0) }, afterRuns: feeRuns))
        self.parts = parts
    }

    /// Collections cost per invoice now.
    public var collectionsNow: Double { parts.filter(\.isCollections).reduce(0) { $0 + $1.now } }
    /// Fully loaded AR cost per invoice now.
    public var fullyLoadedNow: Double { parts.reduce(0) { $0 + $1.now } }

    /// Collections cost per invoice under policy `index`, run by run.
    public func collectionsRuns(_ index: Int) -> [Double] { sumRuns(index, parts.filter(\.isCollections)) }
    /// Fully loaded AR cost per invoice under policy `index`, run by run.
    public func fullyLoadedRuns(_ index: Int) -> [Double] { sumRuns(index, parts) }
    /// The part holding contact prices.
    private var contactPart: Part { parts[TimesheetTask.allCases.count] }
    /// Money per invoice that is not people's time (contact prices), run by run.
    public func contactRuns(_ index: Int) -> [Double] { contactPart.afterRuns[index] }
    /// Contact prices per invoice now.
    public var contactNow: Double { contactPart.now }

    private func sumRuns(_ index: Int, _ chosen: [Part]) -> [Double] {
        let count = chosen.map { $0.afterRuns[index].count }.min() ?? 0
        return (0..<count).map { r in chosen.reduce(0) { $0 + $1.afterRuns[index][r] } }
    }

    /// The parts as a table: now and under each policy (mean [95% interval]), the two totals
    /// below. Fits 100 columns for up to two policies; `policies` picks which (default all).
    public func table(policies chosen: [Int]? = nil) -> ReportTable {
        let shown = chosen ?? Array(policies.indices)
        var table = ReportTable(
            title: "Cost per invoice (currency units; mean [95% interval])",
            columns: [.init("Part"), .init("Now", alignment: .right)] + shown.map { .init("Under \(policies[$0])", alignment: .right) })
        func money(_ x: Double) -> String { ReportFormatting.number(abs(x) < 0.005 ? 0 : x, decimals: 2) }
        func cell(_ v: Interval) -> String {
            guard v.mean.isFinite else { return "—" }
            return abs(v.hi - v.lo) < 0.005 ? money(v.mean) : "\(money(v.mean)) [\(money(v.lo)), \(money(v.hi))]"
        }
        for part in parts {
            table.append([part.name, money(part.now)] + shown.map { cell(part.after[$0]) })
        }
        table.append(["collections cost per invoice", money(collectionsNow)] + shown.map { cell(Interval(runs: collectionsRuns($0))) })
        table.append(["fully loaded AR cost per invoice", money(fullyLoadedNow)] + shown.map { cell(Interval(runs: fullyLoadedRuns($0))) })
        return table
    }

    /// The line under the table: what the two figures hold, the rate and the invoice count.
    public var note: String {
        "Collections cost counts people's time on reminders, calls, disputes and promise follow-ups plus contact prices; fully "
            + "loaded adds reconciliation, data entry, reporting and payment fees. People's time at "
            + "\(ReportFormatting.number(hourlyRate, decimals: 2)) an hour (the cost model, docs/costs.md); "
            + "\(ChartNumberFormat.fixed(Double(invoices), decimals: 0, grouping: true)) invoices issued in the window, "
            + "\(ReportFormatting.number(invoicesPerWeek, decimals: 1)) a week."
    }
}

/// Why the cost per invoice cannot be computed.
public enum ARCostError: Error, Equatable, Sendable, CustomStringConvertible {
    case noInvoices(from: Day, to: Day)

    public var description: String {
        switch self {
        case .noInvoices(let from, let to):
            return "no invoices were issued from \(from.iso) to \(to.iso), so there is no cost per invoice; widen --from/--to"
        }
    }
}
