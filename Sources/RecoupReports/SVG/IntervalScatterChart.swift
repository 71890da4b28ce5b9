/// Points with interval whiskers in both directions, labelled, with an optional frontier line:
/// the DSO-versus-cost chart of `recoup compare` and `recoup tune`.
///
/// ```swift
/// let chart = IntervalScatterChart.dsoVersusCost(policies: [
///     .init(name: "fixed", dso: ChartEstimate(48.1, lo: 47.0, hi: 49.3),
///           costPerInvoice: ChartEstimate(0.9, lo: 0.85, hi: 0.95)),
/// ])
/// let svg = chart.svg()   // a standalone SVG document
/// ```
///
/// Whiskers span `lo…hi` of each estimate (drawn only where both ends are given); the axes
/// cover every mean and interval end. Labels sit to the right of their point, moving below,
/// above or to the left when they would overlap an earlier label or leave the plot.
public struct IntervalScatterChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var xAxisTitle: String
    public var yAxisTitle: String
    public var series: [ScatterSeries]
    /// Points of a frontier line (for example the Pareto frontier of a sweep), drawn in the
    /// order given after sorting by x; nil or empty draws none.
    public var frontier: [ChartXY]?
    public var frontierName: String
    public var width: Double
    public var height: Double

    public init(title: String, subtitle: String? = nil, xAxisTitle: String, yAxisTitle: String,
                series: [ScatterSeries], frontier: [ChartXY]? = nil, frontierName: String = "Pareto frontier",
                width: Double = 760, height: Double = 460) {
        self.title = title
        self.subtitle = subtitle
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.frontier = frontier
        self.frontierName = frontierName
        self.width = width
        self.height = height
    }

    /// A policy's projected DSO and cost per invoice.
    public struct PolicyEstimate: Sendable, Equatable {
        public var name: String
        public var dso: ChartEstimate
        public var costPerInvoice: ChartEstimate
        public init(name: String, dso: ChartEstimate, costPerInvoice: ChartEstimate) {
            self.name = name
            self.dso = dso
            self.costPerInvoice = costPerInvoice
        }
    }

    /// DSO (days, x) against cost per invoice (y), one labelled series per policy so each gets
    /// its own colour, shape and legend entry.
    ///
    /// - Parameters:
    ///   - policies: the points, in legend order.
    ///   - frontier: optional frontier points (DSO, cost).
    ///   - currencySymbol: the cost axis unit, `$` by default.
    public static func dsoVersusCost(policies: [PolicyEstimate], frontier: [ChartXY]? = nil,
                                     title: String = "DSO vs cost per invoice", subtitle: String? = nil,
                                     currencySymbol: String = "$") -> IntervalScatterChart {
        IntervalScatterChart(
            title: title, subtitle: subtitle ?? "Whiskers: 95% intervals. Lower left is better.",
            xAxisTitle: "DSO (days)", yAxisTitle: "Cost per invoice (\(currencySymbol))",
            series: policies.map {
                ScatterSeries(name: $0.name, points: [ScatterPoint(label: $0.name, x: $0.dso, y: $0.costPerInvoice)])
            },
            frontier: frontier)
    }

    /// The chart's axes and legend, laid out.
    func makeFrame() -> ChartFrame {
        var xs: [Double] = []
        var ys: [Double] = []
        for point in series.flatMap(\.points) {
            xs += point.x.extent
            ys += point.y.extent
        }
        for point in frontier ?? [] {
            xs.append(point.x)
            ys.append(point.y)
        }
        var legend = series.enumerated().map { index, series in
            ChartFrame.LegendEntry(name: series.name,
                                   mark: .marker(MarkerShape.forSeries(index), color: ChartPalette.color(index)))
        }
        if let frontier, !frontier.isEmpty {
            legend.append(.init(name: frontierName, mark: .line(color: ChartPalette.axis, dash: "6 3", band: false)))
        }
        return ChartFrame(width: width, height: height, title: title, subtitle: subtitle,
                          xTitle: xAxisTitle, yTitle: yAxisTitle,
                          xAxis: .linear(NiceScale(covering: xs, targetTicks: 6)),
                          yScale: NiceScale(covering: ys, targetTicks: 5), legend: legend)
    }

    /// The chart as a standalone SVG document (UTF-8 text ending with a line break). The same
    /// input always gives the same bytes.
    /// - Complexity: O(p²) in the number of labelled points (label placement).
    public func svg() -> String {
        let frame = makeFrame()
        var svg = SVGBuilder(width: width, height: height)
        frame.draw(into: &svg)
        let xMap = frame.xMap
        let yMap = frame.yMap

        if let frontier, frontier.count > 1 {
            let sorted = frontier.filter { $0.x.isFinite && $0.y.isFinite }.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
            svg.path(sorted.map { (xMap.pixel($0.x), yMap.pixel($0.y)) }, closed: false,
                     [("fill", "none"), ("stroke", ChartPalette.axis), ("stroke-width", "1.5"),
                      ("stroke-dasharray", "6 3"), ("class", "frontier")])
        }

        // Every marker's square, so labels keep off other points as well as off other labels.
        var markers: [LabelBox] = []
        for series in series {
            let r = series.points.count > 20 ? 4.5 : 6.0
            for point in series.points where point.x.mean.isFinite && point.y.mean.isFinite {
                let (cx, cy) = (xMap.pixel(point.x.mean), yMap.pixel(point.y.mean))
                markers.append(LabelBox(text: "", left: cx - r, top: cy - r, right: cx + r, bottom: cy + r, anchor: "middle"))
            }
        }
        var placed: [LabelBox] = []
        for (index, series) in series.enumerated() {
            let color = ChartPalette.color(index)
            let shape = MarkerShape.forSeries(index)
            // A crowded series (a sweep) gets smaller, translucent markers so overlaps stay visible.
            let isCrowded = series.points.count > 20
            svg.openGroup([("class", "series"), ("data-series", series.name)] + (isCrowded ? [("opacity", "0.75")] : []))
            for point in series.points where point.x.mean.isFinite && point.y.mean.isFinite {
                let cx = xMap.pixel(point.x.mean)
                let cy = yMap.pixel(point.y.mean)
                let whisker: SVGBuilder.Attributes = [("stroke", color), ("stroke-width", "1.5"), ("class", "whisker")]
                if let lo = point.x.lo, let hi = point.x.hi, lo.isFinite, hi.isFinite {
                    let (a, b) = (xMap.pixel(lo), xMap.pixel(hi))
                    svg.line(x1: a, y1: cy, x2: b, y2: cy, whisker)
                    svg.line(x1: a, y1: cy - 4, x2: a, y2: cy + 4, whisker)
                    svg.line(x1: b, y1: cy - 4, x2: b, y2: cy + 4, whisker)
                }
                if let lo = point.y.lo, let hi = point.y.hi, lo.isFinite, hi.isFinite {
                    let (a, b) = (yMap.pixel(lo), yMap.pixel(hi))
                    svg.line(x1: cx, y1: a, x2: cx, y2: b, whisker)
                    svg.line(x1: cx - 4, y1: a, x2: cx + 4, y2: a, whisker)
                    svg.line(x1: cx - 4, y1: b, x2: cx + 4, y2: b, whisker)
                }
                var extra: SVGBuilder.Attributes = [("class", "marker")]
                if let label = point.label { extra.append(("data-label", label)) }
                shape.draw(into: &svg, cx: cx, cy: cy, size: isCrowded ? 3.5 : 5, color: color, extra: extra)
                if let label = point.label {
                    placed.append(LabelBox.place(ChartFrame.shortened(label, limit: 34), cx: cx, cy: cy, frame: frame,
                                                 avoiding: placed, markers: markers))
                }
            }
            svg.closeGroup()
        }
        // Labels last, over every marker, with a white halo so they read over points and lines.
        if !placed.isEmpty {
            svg.openGroup([("class", "labels"), ("font-size", "12"), ("fill", ChartPalette.ink), ("stroke", "#FFFFFF"),
                           ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke")])
            for box in placed {
                svg.text(box.text, [("x", SVGBuilder.number(box.anchorX)), ("y", SVGBuilder.number(box.baseline)),
                                    ("text-anchor", box.anchor), ("class", "point-label")])
            }
            svg.closeGroup()
        }
        return svg.document(title: title, description: subtitle)
    }
}

/// Where a point label goes: a rectangle in pixels and how its text is anchored.
struct LabelBox {
    var text: String
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var anchor: String

    var anchorX: Double { anchor == "end" ? right : left }
    var baseline: Double { bottom - 3 }

    func overlaps(_ other: LabelBox) -> Bool {
        left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }

    /// The first of right, below, above, left (then below left) that stays inside the plot and
    /// overlaps no placed label and no marker; failing that, the first that overlaps no label;
    /// failing that, the first inside the plot.
    /// - Complexity: O(l + m) for l placed labels and m markers.
    static func place(_ text: String, cx: Double, cy: Double, frame: ChartFrame, avoiding placed: [LabelBox],
                      markers: [LabelBox] = []) -> LabelBox {
        let width = ChartFrame.textWidth(text, size: 12)
        let height = 15.0
        let candidates = [
            LabelBox(text: text, left: cx + 8, top: cy - height, right: cx + 8 + width, bottom: cy, anchor: "start"),
            LabelBox(text: text, left: cx + 6, top: cy + 4, right: cx + 6 + width, bottom: cy + 4 + height, anchor: "start"),
            LabelBox(text: text, left: cx + 6, top: cy - 6 - height, right: cx + 6 + width, bottom: cy - 6, anchor: "start"),
            LabelBox(text: text, left: cx - 8 - width, top: cy - height, right: cx - 8, bottom: cy, anchor: "end"),
            LabelBox(text: text, left: cx - 6 - width, top: cy + 4, right: cx - 6, bottom: cy + 4 + height, anchor: "end"),
        ]
        func fits(_ box: LabelBox) -> Bool {
            box.left >= frame.plotLeft && box.right <= frame.plotRight + 12
                && box.top >= frame.plotTop - 4 && box.bottom <= frame.plotBottom
        }
        return candidates.first { fits($0) && !placed.contains(where: $0.overlaps) && !markers.contains(where: $0.overlaps) }
            ?? candidates.first { fits($0) && !placed.contains(where: $0.overlaps) }
            ?? candidates.first(where: fits) ?? candidates[0]
    }
}
