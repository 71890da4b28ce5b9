import RecoupSimulation

/// The chart of a threshold sweep (`recoup tune --chart FILE.svg`): every evaluated grid point
/// as DSO (days) against cost per invoice, the Pareto frontier drawn through its points, the
/// frontier points labelled with their point numbers (`#5`, as in the table) and the picked
/// point, if any, with its 95% whiskers in both directions.
public enum TuningChart {
    /// The chart for `report`.
    ///
    /// Series, in legend order: "dominated" (unlabelled markers), "frontier" (labelled `#n`) and
    /// "picked" (labelled `#n picked`, with whiskers). A series with no points is left out. The
    /// frontier line joins the frontier points in DSO order (then cost), so it reads left to
    /// right.
    /// - Complexity: O(p log p) in the number of points, plus the chart's label placement.
    public static func make(_ report: TuningReport, currencySymbol: String = "$") -> IntervalScatterChart {
        let pickedIndex: Int? = if case .success(let index)? = report.picked { index } else { nil }
        func point(_ result: TuningReport.Result, label: String?, whiskers: Bool) -> ScatterPoint {
            let f = result.figures
            return ScatterPoint(
                label: label,
                x: whiskers ? ChartEstimate(f.dso.mean, lo: f.dso.lo, hi: f.dso.hi) : ChartEstimate(f.dso.mean),
                y: whiskers ? ChartEstimate(f.costPerInvoice.mean, lo: f.costPerInvoice.lo, hi: f.costPerInvoice.hi)
                    : ChartEstimate(f.costPerInvoice.mean))
        }
        let others = report.results.filter { !$0.isOnFrontier && $0.index != pickedIndex }
        let front = report.results.filter { $0.isOnFrontier && $0.index != pickedIndex }
        let picked = report.results.filter { $0.index == pickedIndex }
        var series: [ScatterSeries] = []
        if !others.isEmpty {
            series.append(ScatterSeries(name: "dominated", points: others.map { point($0, label: nil, whiskers: false) }))
        }
        if !front.isEmpty {
            series.append(ScatterSeries(name: "frontier", points: front.map { point($0, label: "#\($0.index)", whiskers: false) }))
        }
        if !picked.isEmpty {
            series.append(ScatterSeries(name: "picked", points: picked.map { point($0, label: "#\($0.index) picked", whiskers: true) }))
        }
        let line = report.results.filter(\.isOnFrontier)
            .map { ChartXY($0.figures.dso.mean, $0.figures.costPerInvoice.mean) }
            .sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        let fields = report.axes.map(\.path.text).joined(separator: " × ")
        let count = report.results.count
        return IntervalScatterChart(
            title: "Sweep of \(report.baseName): \(fields)",
            subtitle: "\(count) point\(count == 1 ? "" : "s"), \(report.runs) runs each. Lower left is better; "
                + (picked.isEmpty ? "the dashed line joins the points no other beats on both." : "whiskers: the picked point's 95% intervals."),
            xAxisTitle: "DSO (days)", yAxisTitle: "Cost per invoice (\(currencySymbol))",
            series: series, frontier: line.isEmpty ? nil : line)
    }
}
