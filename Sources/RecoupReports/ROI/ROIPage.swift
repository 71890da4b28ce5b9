import RecoupSimulation

/// The page of `recoup report roi --html FILE`: the ROI table with its assumptions beside it,
/// then the two policies' DSO against cost per invoice (with 95% whiskers) and their projected
/// human hours by task.
public enum ROIPage {
    /// The page for `roi`, computed from `baseline` and `policy` (the same projections the
    /// estimate was made from; either may lack a figure, and its chart point is then left out).
    /// - Parameter footer: a line at the bottom (the tool and version).
    public static func make(roi: ROIEstimate, baseline: SimulationReport.Projection, policy: SimulationReport.Projection,
                            verdict: ROIVerdict? = nil, footer: String? = nil) -> ReportPage {
        let projections = [baseline, policy]
        var page = ReportPage(
            title: UnverifiedMarking.title("Return of \(roi.policy) against \(roi.baseline)", unverified: roi.unverifiedPolicies),
            subtitle: "\(ReportFormatting.number(Double(policy.invoices), decimals: 0)) invoices replayed, \(policy.runs) simulated runs. "
                + "Each figure is a mean over the runs with its 95% interval.",
            footer: footer)

        if let verdict {
            var first = ReportPage.Section(heading: "Verdict")
            first.blocks.append(.paragraph(verdict.text))
            page.sections.append(first)
        }
        var figures = ReportPage.Section(heading: "Return")
        figures.blocks.append(.paragraph(
            "Every figure is computed run by run from the same simulated runs of both policies (same invoices, same random draws), "
                + "so each interval is the interval of the gain itself. An interval that spans zero means this ledger cannot say "
                + "whether the change pays."))
        figures.blocks.append(.table(PageTable(roi.table())))
        figures.blocks.append(.paragraph("Assumptions behind these numbers:"))
        for line in roi.assumptions { figures.blocks.append(.note(line)) }
        page.sections.append(figures)

        var charts = ReportPage.Section(heading: "Charts")
        let points = projections.compactMap { p -> IntervalScatterChart.PolicyEstimate? in
            guard let dso = p.figures[.dso], let cost = p.figures[.costPerInvoice] else { return nil }
            return .init(name: p.policy, dso: ChartEstimate(dso.mean, lo: dso.lo, hi: dso.hi),
                         costPerInvoice: ChartEstimate(cost.mean, lo: cost.lo, hi: cost.hi))
        }
        if !points.isEmpty {
            charts.blocks.append(.chart(PageChart(
                name: "dso-cost",
                caption: "Lower left is better. Whiskers are 95% intervals over the runs; the ROI table's intervals are narrower "
                    + "because they pair the runs.",
                svg: IntervalScatterChart.dsoVersusCost(policies: points).svg())))
        }
        let tasks = ComparisonPage.hoursTasks.map { task in
            BarSeries(name: task.name, values: projections.map { $0.figures[task.metric]?.mean ?? 0 })
        }
        charts.blocks.append(.chart(PageChart(
            name: "hours-by-task",
            caption: "Projected human hours per week on collections, by task (means over the runs).",
            svg: StackedBarChart.hoursByTask(categories: projections.map(\.policy), tasks: tasks, by: "Policy").svg())))
        page.sections.append(charts)
        return page
    }
}
