@testable import RecoupReports

/// A page with every chart type and a table, from hand-made numbers shaped like a policy
/// comparison; the HTML test renders it and, when `RECOUP_SAMPLE_HTML` names a file, writes it
/// there for scripts/render-html.sh.
enum SamplePage {
    static let policies: [IntervalScatterChart.PolicyEstimate] = [
        .init(name: "history (manual)", dso: ChartEstimate(52.4, lo: 51.2, hi: 53.7), costPerInvoice: ChartEstimate(3.10, lo: 2.95, hi: 3.26)),
        .init(name: "fixed reminders", dso: ChartEstimate(47.9, lo: 46.8, hi: 49.1), costPerInvoice: ChartEstimate(0.42, lo: 0.40, hi: 0.45)),
        .init(name: "tiered-copilot", dso: ChartEstimate(41.2, lo: 40.1, hi: 42.3), costPerInvoice: ChartEstimate(1.85, lo: 1.80, hi: 1.91)),
        .init(name: "tiered-autonomous", dso: ChartEstimate(42.0, lo: 40.9, hi: 43.2), costPerInvoice: ChartEstimate(0.96, lo: 0.91, hi: 1.01)),
        .init(name: "Smith & Co <\"firm\">", dso: ChartEstimate(44.5, lo: 43.1, hi: 45.8), costPerInvoice: ChartEstimate(1.30, lo: 1.22, hi: 1.37)),
    ]

    static func curve(_ name: String, halfLife: Double, ceiling: Double, band: Bool) -> LineSeries {
        let days = stride(from: 0.0, through: 150, by: 10).map { $0 }
        func share(_ d: Double) -> Double { d < 20 ? ceiling * 0.05 * d / 20 : ceiling * (1 - 0.95 * pow2(-(d - 20) / halfLife)) }
        return LineSeries(name: name, points: days.map { ChartXY($0, share($0)) },
                          band: band ? days.map { ChartBandPoint(x: $0, lo: max(0, share($0) - 0.03), hi: min(1, share($0) + 0.03)) } : nil)
    }

    static func pow2(_ x: Double) -> Double {
        var result = 1.0
        var e = x
        // exp2 without Foundation: e^(x ln 2) by a short series is plenty for sample data.
        e *= 0.6931471805599453
        var term = 1.0
        for n in 1..<30 {
            term *= e / Double(n)
            result += term
        }
        return result
    }

    static func page() -> ReportPage {
        let scatter = IntervalScatterChart.dsoVersusCost(
            policies: policies, frontier: [ChartXY(41.2, 1.85), ChartXY(42.0, 0.96), ChartXY(47.9, 0.42)])
        let lines = LineChart.cumulativeCollected(curves: [
            curve("history (manual)", halfLife: 28, ceiling: 0.95, band: false),
            curve("fixed reminders", halfLife: 22, ceiling: 0.96, band: false),
            curve("tiered-copilot", halfLife: 15, ceiling: 0.975, band: true),
        ])
        let clients = ["Acme IT", "Beacon Dental", "Cobalt Law", "Delta Freight", "Evergreen School", "Fjord & Sons"]
        let aging = StackedBarChart.agingBuckets(
            categories: clients,
            buckets: [BarSeries(name: "current", values: [12_400, 3_100, 8_800, 1_500, 6_200, 2_750]),
                      BarSeries(name: "1–30", values: [4_100, 0, 2_300, 3_900, 1_200, 800]),
                      BarSeries(name: "31–60", values: [0, 1_250, 600, 4_400, 0, 300]),
                      BarSeries(name: "61–90", values: [0, 900, 0, 2_100, 0, 0]),
                      BarSeries(name: "91–120", values: [0, 0, 0, 1_800, 450, 0]),
                      BarSeries(name: "over 120", values: [0, 2_400, 0, 950, 0, 0])],
            currency: "USD", subtitle: "As of 2026-03-31")
        let hours = StackedBarChart.hoursByTask(
            categories: ["Now (2025 timesheets)", "tiered-copilot (projected)", "tiered-autonomous (projected)"],
            tasks: [BarSeries(name: "reminders", values: [6.5, 0.8, 0.2]),
                    BarSeries(name: "calls", values: [4.0, 2.1, 1.2]),
                    BarSeries(name: "disputes", values: [2.3, 2.3, 2.3]),
                    BarSeries(name: "reconciliation", values: [1.6, 1.6, 1.6]),
                    BarSeries(name: "other", values: [0.9, 0.9, 0.9])])
        let table = PageTable(
            caption: "Projected outcomes (95% intervals)",
            columns: [.init("Policy"), .init("DSO (days)", alignment: .right), .init("Cost / invoice", alignment: .right),
                      .init("Hours / week", alignment: .right)],
            rows: [["history (manual)", "52.4 (51.2–53.7)", "$3.10", "15.3"],
                   ["fixed reminders", "47.9 (46.8–49.1)", "$0.42", "10.9"],
                   ["tiered-copilot", "41.2 (40.1–42.3)", "$1.85", "8.7"],
                   ["Smith & Co <\"firm\">", "44.5 (43.1–45.8)", "$1.30", "9.9"]],
            emphasisedRows: [0])
        return ReportPage(
            title: "Sample policy comparison <&>", subtitle: "Hand-made numbers to check the page renders; not a projection.",
            sections: [
                .init(heading: "Summary", blocks: [
                    .paragraph("Copilot mode cuts DSO by about 11 days at $1.85 per invoice; fixed reminders are cheapest."),
                    .table(table),
                    .note("History is the first row. Intervals reflect simulation noise and estimation uncertainty."),
                ]),
                .init(heading: "DSO and cost", blocks: [.chart(PageChart(name: "dso-cost", caption: "Each point is a policy.", svg: scatter.svg()))]),
                .init(heading: "Cash collected", blocks: [.chart(PageChart(name: "collected", svg: lines.svg()))]),
                .init(heading: "Aging", blocks: [.chart(PageChart(name: "aging", svg: aging.svg()))]),
                .init(heading: "Human hours", blocks: [
                    .chart(PageChart(name: "hours", svg: hours.svg())),
                    .preformatted("recoup report time-audit --from 2025-01-01 --to 2025-12-31\n  reminders   6.5 h/week"),
                ]),
            ],
            footer: "recoup 0.1.0")
    }
}
