/// One line per series over a numeric x axis, each with an optional shaded band: the
/// "cumulative share collected by days since issue" chart.
///
/// ```swift
/// let chart = LineChart.cumulativeCollected(curves: [
///     .init(name: "fixed", points: [ChartXY(0, 0), ChartXY(30, 0.42), ChartXY(60, 0.88)]),
/// ])
/// ```
///
/// Series differ by colour and dash pattern; a band is drawn under its line at low opacity.
public struct LineChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var xAxisTitle: String
    public var yAxisTitle: String
    public var series: [LineSeries]
    /// Start the y axis at 0 even when the data do not reach it.
    public var yIncludesZero: Bool
    public var width: Double
    public var height: Double

    public init(title: String, subtitle: String? = nil, xAxisTitle: String, yAxisTitle: String,
                series: [LineSeries], yIncludesZero: Bool = true, width: Double = 760, height: Double = 420) {
        self.title = title
        self.subtitle = subtitle
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.yIncludesZero = yIncludesZero
        self.width = width
        self.height = height
    }

    /// Cumulative share of the amount invoiced that is collected, by days since issue, one line
    /// per policy. `curves` hold shares in [0, 1] (bands too); the chart shows percentages.
    public static func cumulativeCollected(curves: [LineSeries], title: String = "Cash collected by days since issue",
                                           subtitle: String? = nil) -> LineChart {
        let percent = curves.map { curve in
            LineSeries(name: curve.name, points: curve.points.map { ChartXY($0.x, $0.y * 100) },
                       band: curve.band?.map { ChartBandPoint(x: $0.x, lo: $0.lo * 100, hi: $0.hi * 100) })
        }
        return LineChart(title: title, subtitle: subtitle ?? "Share of the amount invoiced; higher and further left is better.",
                         xAxisTitle: "Days since issue", yAxisTitle: "Collected (% of invoiced)", series: percent)
    }

    func makeFrame() -> ChartFrame {
        var xs: [Double] = []
        var ys: [Double] = []
        for line in series {
            for point in line.points {
                xs.append(point.x)
                ys.append(point.y)
            }
            for point in line.band ?? [] {
                xs.append(point.x)
                ys += [point.lo, point.hi]
            }
        }
        let legend = series.enumerated().map { index, line in
            ChartFrame.LegendEntry(name: line.name, mark: .line(color: ChartPalette.color(index),
                                                                dash: ChartPalette.dash(index),
                                                                band: !(line.band ?? []).isEmpty))
        }
        return ChartFrame(width: width, height: height, title: title, subtitle: subtitle,
                          xTitle: xAxisTitle, yTitle: yAxisTitle,
                          xAxis: .linear(NiceScale(covering: xs, targetTicks: 7)),
                          yScale: NiceScale(covering: ys, includingZero: yIncludesZero, targetTicks: 5),
                          legend: legend)
    }

    /// The chart as a standalone SVG document; the same input always gives the same bytes.
    /// - Complexity: O(points).
    public func svg() -> String {
        let frame = makeFrame()
        var svg = SVGBuilder(width: width, height: height)
        frame.draw(into: &svg)
        let xMap = frame.xMap
        let yMap = frame.yMap
        for (index, line) in series.enumerated() {
            let color = ChartPalette.color(index)
            svg.openGroup([("class", "series"), ("data-series", line.name)])
            let band = (line.band ?? []).filter { $0.x.isFinite && $0.lo.isFinite && $0.hi.isFinite }
            if band.count > 1 {
                let upper = band.map { (xMap.pixel($0.x), yMap.pixel($0.hi)) }
                let lower = band.reversed().map { (xMap.pixel($0.x), yMap.pixel($0.lo)) }
                svg.path(upper + lower, closed: true, [("fill", color), ("fill-opacity", "0.18"), ("stroke", "none"),
                                                       ("class", "band")])
            }
            let points = line.points.filter { $0.x.isFinite && $0.y.isFinite }
            var attributes: SVGBuilder.Attributes = [("fill", "none"), ("stroke", color), ("stroke-width", "2.5"),
                                                     ("stroke-linejoin", "round"), ("class", "line")]
            if let dash = ChartPalette.dash(index) { attributes.append(("stroke-dasharray", dash)) }
            svg.path(points.map { (xMap.pixel($0.x), yMap.pixel($0.y)) }, closed: false, attributes)
            svg.closeGroup()
        }
        return svg.document(title: title, description: subtitle)
    }
}
