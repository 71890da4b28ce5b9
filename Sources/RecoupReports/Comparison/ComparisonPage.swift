import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupSimulation

/// The page `recoup compare … --html FILE` writes: the comparison table (history first), each
/// policy's difference against the first with its paired 95% interval and significance, the
/// back-test, and four charts (DSO vs cost with the Pareto frontier, cash collected by days since
/// issue, aging buckets from the store, human hours per week by task).
///
/// ```swift
/// let page = ComparisonPage.make(report: report, aging: ComparisonPage.agingSnapshots(kpis, end: end))
/// try page.html().write(toFile: "compare.html", atomically: true, encoding: .utf8)
/// ```
public enum ComparisonPage {
    /// One aging snapshot: a bar of the aging chart.
    public struct AgingSnapshot: Sendable, Equatable {
        public var label: String
        public var report: AgingReport
        public init(label: String, report: AgingReport) {
            self.label = label
            self.report = report
        }
    }

    /// The aging at the ends of the `months` calendar months before `end`, then at `end` (oldest
    /// first), so the chart shows where the balance stands now and how it got there.
    /// - Complexity: O(months × invoices).
    public static func agingSnapshots(_ kpis: KPICalculator, end: Day, months: Int = 5) -> [AgingSnapshot] {
        var days: [Day] = [end]
        var monthStart = end.startOfMonth
        for _ in 0..<months {
            let previousEnd = monthStart - 1
            days.insert(previousEnd, at: 0)
            monthStart = previousEnd.startOfMonth
        }
        return days.map { day in AgingSnapshot(label: day == end ? "\(day.iso) (ledger end)" : day.iso, report: kpis.aging(on: day)) }
    }

    /// The page for `report`.
    /// - Parameters:
    ///   - aging: bars of the aging chart (may be empty: the chart is then left out).
    ///   - footer: a line at the bottom (the tool and version).
    public static func make(report: SimulationReport, aging: [AgingSnapshot], footer: String? = nil) -> ReportPage {
        let projections = report.projections
        let runs = projections.first?.runs ?? 0
        let invoices = projections.first?.invoices ?? 0
        var page = ReportPage(
            title: report.marked("Policy comparison"),
            subtitle: "Invoices issued \(report.from.iso) to \(report.to.iso): \(ReportFormatting.number(Double(invoices), decimals: 0)) invoices, "
                + "\(runs) simulated runs, seed \(report.seed). Figures are means with 95% intervals over the runs.",
            footer: footer)

        var summary = ReportPage.Section(heading: "Side by side")
        let estimated = report.backTest?.isEstimatedPolicy ?? (report.historyPolicy != nil)
        summary.blocks.append(.paragraph(
            "Each row replays the same invoices under one policy with the same random draws. "
                + (estimated
                    ? "\"history\" replays the firm's own way of chasing, estimated from its actions (below): "
                    : "\"history\" replays the actions as they were logged: ")
                + "it is the baseline the others are measured against."))
        summary.blocks.append(.table(summaryTable(projections)))
        if let policy = report.historyPolicy {
            summary.blocks.append(.preformatted(policy.summaryLines.joined(separator: "\n")))
        }
        if let backTest = report.backTest {
            summary.blocks.append(.paragraph(
                "Back-test: on the invoices whose fate the ledger shows, the history row should reproduce what the ledger shows. "
                    + "If it does not, every projection may be biased by a similar amount."))
            summary.blocks.append(.preformatted(backTest.lines.joined(separator: "\n")))
        }
        page.sections.append(summary)

        let supportLines = report.support.flatMap(\.lines)
        if !supportLines.isEmpty {
            var support = ReportPage.Section(heading: "What this history cannot show")
            support.blocks.append(.paragraph(
                "These policies do things the firm's history never or rarely did. Their effects there come from the model's "
                    + "prior (docs/models.md), not from this ledger, so treat those projections with more caution."))
            for line in supportLines { support.blocks.append(.note(line)) }
            page.sections.append(support)
        }

        if projections.count > 1 {
            var differences = ReportPage.Section(heading: "Differences against \(projections[0].policy)")
            differences.blocks.append(.paragraph(
                "Each difference is taken run by run (same invoices, same draws), so its interval is narrower than the gap "
                    + "between two rows' intervals suggests. An asterisk (*) marks a difference whose 95% interval excludes 0: "
                    + "the simulation is confident of its sign. Negative DSO, cost and hours are improvements."))
            differences.blocks.append(.table(differenceTable(projections)))
            page.sections.append(differences)
        }

        var charts = ReportPage.Section(heading: "Charts")
        let points = projections.compactMap { p -> IntervalScatterChart.PolicyEstimate? in
            guard let dso = p.figures[.dso], let cost = p.figures[.costPerInvoice] else { return nil }
            return .init(name: p.policy, dso: ChartEstimate(dso.mean, lo: dso.lo, hi: dso.hi),
                         costPerInvoice: ChartEstimate(cost.mean, lo: cost.lo, hi: cost.hi))
        }
        let frontier = paretoFrontier(points.map { ChartXY($0.dso.mean, $0.costPerInvoice.mean) })
        let frontierNames = points.filter { p in frontier.contains { $0.x == p.dso.mean && $0.y == p.costPerInvoice.mean } }.map(\.name)
        charts.blocks.append(.chart(PageChart(
            name: "dso-cost",
            caption: "Lower left is better. The dashed line joins the policies no other policy beats on both DSO and cost "
                + "(the Pareto frontier: \(frontierNames.joined(separator: ", "))).",
            svg: IntervalScatterChart.dsoVersusCost(policies: points, frontier: frontier.count > 1 ? frontier : nil).svg())))
        let curves = projections.map { p in
            LineSeries(name: p.policy, points: p.collectedByDay.map { ChartXY(Double($0.day), $0.share.mean) })
        }
        charts.blocks.append(.chart(PageChart(
            name: "collected-by-day",
            caption: "Share of the amount invoiced collected within each number of days after issue (means over the runs).",
            svg: LineChart.cumulativeCollected(curves: curves).svg())))
        if !aging.isEmpty {
            let currency = aging.last?.report.currency ?? "USD"
            let buckets = AgingBucket.allCases.map { bucket in
                BarSeries(name: bucket.title, values: aging.map { $0.report.total[bucket].units })
            }
            charts.blocks.append(.chart(PageChart(
                name: "aging",
                caption: "Open balance by days past due, from the ledger as it stands (not simulated): month ends, then the ledger's last day.",
                svg: StackedBarChart.agingBuckets(categories: aging.map(\.label), buckets: buckets, currency: currency,
                                                  by: "As of").svg())))
        }
        let tasks = hoursTasks.map { task in
            BarSeries(name: task.name, values: projections.map { $0.figures[task.metric]?.mean ?? 0 })
        }
        charts.blocks.append(.chart(PageChart(
            name: "hours-by-task",
            caption: "Projected human hours per week on collections, by task (means over the runs).",
            svg: StackedBarChart.hoursByTask(categories: projections.map(\.policy), tasks: tasks, by: "Policy").svg())))
        page.sections.append(charts)
        return page
    }

    /// The task parts of projected human hours, in stacking order.
    static let hoursTasks: [(name: String, metric: ProjectionMetric)] = [
        ("Reminders by hand", .reminderHoursPerWeek), ("Copilot reviews", .reviewHoursPerWeek),
        ("Calls", .callHoursPerWeek), ("Disputes", .disputeHoursPerWeek), ("Promise follow-ups", .promiseFollowUpHoursPerWeek),
    ]

    /// The points no other point beats on both coordinates (`ParetoFrontier`: lower is better on
    /// both; a point equal on one and lower on the other beats it), sorted by x, each once.
    /// - Complexity: O(n log n).
    public static func paretoFrontier(_ points: [ChartXY]) -> [ChartXY] {
        let dominators = ParetoFrontier.dominators(x: points.map(\.x), y: points.map(\.y))
        let kept = zip(points, dominators).filter { $0.1 == nil }.map(\.0)
        var unique: [ChartXY] = []
        for p in kept.sorted(by: { ($0.x, $0.y) < ($1.x, $1.y) }) where unique.last != p { unique.append(p) }
        return unique
    }

    static let summaryColumns: [(title: String, metric: ProjectionMetric, format: @Sendable (Double) -> String)] = [
        ("DSO (days)", .dso, { ReportFormatting.number($0, decimals: 1) }),
        ("Collected (%)", .collectionRate, { ReportFormatting.number($0 * 100, decimals: 1) }),
        ("Written off (%)", .writeOffRate, { ReportFormatting.number($0 * 100, decimals: 1) }),
        ("Cost per invoice ($)", .costPerInvoice, { ReportFormatting.number($0, decimals: 2) }),
        ("Human hours/week", .humanHoursPerWeek, { ReportFormatting.number($0, decimals: 1) }),
        ("Contacts per invoice", .contactsPerInvoice, { ReportFormatting.number($0, decimals: 2) }),
    ]

    static func percent(_ share: Double) -> String { ReportFormatting.number(share * 100, decimals: 1) + "%" }

    static func summaryTable(_ projections: [SimulationReport.Projection]) -> PageTable {
        let columns = [PageTable.Column("Policy"), PageTable.Column("Mode")]
            + summaryColumns.map { PageTable.Column($0.title, alignment: .right) }
        let rows = projections.map { p in
            [p.label, p.mode] + summaryColumns.map { column -> String in
                guard let v = p.figures[column.metric], v.mean.isFinite else { return "–" }
                return "\(column.format(v.mean)) [\(column.format(v.lo)), \(column.format(v.hi))]"
            }
        }
        let history = Set(projections.indices.filter { projections[$0].policy == "history" })
        return PageTable(caption: "Mean [95% interval]", columns: columns, rows: rows, emphasisedRows: history)
    }

    static let differenceColumns: [(title: String, metric: ProjectionMetric, format: @Sendable (Double) -> String)] = [
        ("DSO (days)", .dso, { signed($0, decimals: 1) }),
        ("Collected (% points)", .collectionRate, { signed($0 * 100, decimals: 2) }),
        ("Written off (% points)", .writeOffRate, { signed($0 * 100, decimals: 2) }),
        ("Cost per invoice ($)", .costPerInvoice, { signed($0, decimals: 2) }),
        ("Human hours/week", .humanHoursPerWeek, { signed($0, decimals: 1) }),
    ]

    static func signed(_ value: Double, decimals: Int) -> String {
        let text = ReportFormatting.number(value, decimals: decimals)
        return value > 0 && text != ReportFormatting.number(0, decimals: decimals) ? "+" + text : text
    }

    static func differenceTable(_ projections: [SimulationReport.Projection]) -> PageTable {
        let columns = [PageTable.Column("Policy")] + differenceColumns.map { PageTable.Column($0.title, alignment: .right) }
        let rows = projections.dropFirst().map { p in
            [p.label] + differenceColumns.map { column -> String in
                guard let d = p.difference?[column.metric], d.mean.isFinite else { return "–" }
                return "\(column.format(d.mean)) [\(column.format(d.lo)), \(column.format(d.hi))]" + (d.excludesZero ? " *" : "")
            }
        }
        return PageTable(caption: "Policy minus \(projections[0].policy): mean [95% interval of the per-run difference]; * = significant",
                         columns: columns, rows: rows)
    }
}
