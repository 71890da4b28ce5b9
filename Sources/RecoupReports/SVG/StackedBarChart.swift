/// Vertical bars, one per category, each stacked from its series' values: aging buckets per
/// client or month, and human hours per week by task (before vs after).
///
/// ```swift
/// let chart = StackedBarChart.hoursByTask(
///     categories: ["Now", "tiered-copilot"],
///     tasks: [BarSeries(name: "reminders", values: [6.5, 1.0]),
///             BarSeries(name: "disputes", values: [2.0, 2.0])])
/// ```
///
/// The first series is at the bottom of each bar; the legend lists series top-down as they
/// appear in the bars. The y axis starts at 0 and covers the tallest bar. Totals are written
/// above the bars when there are at most 16 categories.
public struct StackedBarChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var xAxisTitle: String
    public var yAxisTitle: String
    public var categories: [String]
    public var series: [BarSeries]
    /// Decimal places of the totals written above bars (nil: the y ticks' decimals).
    public var totalDecimals: Int?
    public var width: Double
    public var height: Double

    public init(title: String, subtitle: String? = nil, xAxisTitle: String, yAxisTitle: String,
                categories: [String], series: [BarSeries], totalDecimals: Int? = nil,
                width: Double = 760, height: Double = 440) {
        self.title = title
        self.subtitle = subtitle
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.categories = categories
        self.series = series
        self.totalDecimals = totalDecimals
        self.width = width
        self.height = height
    }

    /// Open balance by aging bucket (SPEC §3), one bar per client or month. `buckets` are in
    /// order current … over 120, each with one amount (currency units) per category; they get
    /// the good-to-bad palette.
    public static func agingBuckets(categories: [String], buckets: [BarSeries], currency: String,
                                    by categoryTitle: String = "Client",
                                    title: String = "Open balance by days past due",
                                    subtitle: String? = nil) -> StackedBarChart {
        let coloured = buckets.enumerated().map { index, bucket in
            BarSeries(name: bucket.name, values: bucket.values,
                      color: bucket.color ?? ChartPalette.ordered[index % ChartPalette.ordered.count])
        }
        return StackedBarChart(title: title, subtitle: subtitle, xAxisTitle: categoryTitle,
                               yAxisTitle: "Open balance (\(currency))", categories: categories,
                               series: coloured, totalDecimals: 0)
    }

    /// Human hours per week by task: one bar per period or scenario (e.g. each week of history,
    /// or "Now" against a policy's projection).
    public static func hoursByTask(categories: [String], tasks: [BarSeries], by categoryTitle: String = "",
                                   title: String = "Human hours per week on collections, by task",
                                   subtitle: String? = nil, width: Double = 760) -> StackedBarChart {
        StackedBarChart(title: title, subtitle: subtitle, xAxisTitle: categoryTitle,
                        yAxisTitle: "Hours per week", categories: categories, series: tasks, totalDecimals: 1,
                        width: width)
    }

    /// The drawable value of series `s` in category `c` (0 when missing, negative or not finite).
    func value(_ s: Int, _ c: Int) -> Double {
        let values = series[s].values
        guard c < values.count, values[c].isFinite, values[c] > 0 else { return 0 }
        return values[c]
    }

    /// The height of each category's stack.
    var totals: [Double] {
        categories.indices.map { c in series.indices.reduce(0) { $0 + value($1, c) } }
    }

    /// Totals are written above the bars when there are at most 16 of them.
    var showsTotals: Bool { categories.count <= 16 }

    func color(_ index: Int) -> String { series[index].color ?? ChartPalette.color(index) }

    func makeFrame() -> ChartFrame {
        let legend = series.indices.reversed().map {
            ChartFrame.LegendEntry(name: series[$0].name, mark: .swatch(color: color($0)))
        }
        return ChartFrame(width: width, height: height, title: title, subtitle: subtitle,
                          xTitle: xAxisTitle, yTitle: yAxisTitle, xAxis: .categories(categories),
                          // Headroom for the totals written above the bars.
                          yScale: NiceScale(covering: totals.map { $0 * (showsTotals ? 1.07 : 1) },
                                            includingZero: true, targetTicks: 5),
                          legend: legend)
    }

    /// The chart as a standalone SVG document; the same input always gives the same bytes.
    /// - Complexity: O(categories × series).
    public func svg() -> String {
        let frame = makeFrame()
        var svg = SVGBuilder(width: width, height: height)
        frame.draw(into: &svg)
        let xMap = frame.xMap
        let yMap = frame.yMap
        let slot = xMap.pixel(1) - xMap.pixel(0)
        let barWidth = min(64, slot * 0.72)
        let totals = self.totals
        let decimals = totalDecimals ?? frame.yScale.decimals
        for (c, category) in categories.enumerated() {
            let left = xMap.pixel(Double(c) + 0.5) - barWidth / 2
            svg.openGroup([("class", "bar"), ("data-category", category)])
            var base = 0.0
            for s in series.indices {
                let v = value(s, c)
                guard v > 0 else { continue }
                let top = yMap.pixel(base + v)
                let bottom = yMap.pixel(base)
                svg.rect(x: left, y: top, width: barWidth, height: bottom - top,
                         [("fill", color(s)), ("stroke", "#FFFFFF"), ("stroke-width", "0.5"),
                          ("class", "segment"), ("data-series", series[s].name)])
                base += v
            }
            if showsTotals, totals[c] > 0 {
                svg.text(ChartNumberFormat.fixed(totals[c], decimals: decimals, grouping: true),
                         [("x", SVGBuilder.number(left + barWidth / 2)), ("y", SVGBuilder.number(yMap.pixel(totals[c]) - 5)),
                          ("text-anchor", "middle"), ("font-size", "11"), ("fill", ChartPalette.ink), ("class", "bar-total")])
            }
            svg.closeGroup()
        }
        return svg.document(title: title, description: subtitle)
    }
}
