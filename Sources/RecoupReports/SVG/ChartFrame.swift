/// The parts every chart shares: title, plot area, axes with ticks and units, grid and legend.
///
/// A chart builds a frame from its axes and legend, asks it for the value-to-pixel maps, draws
/// the frame, then draws its data on top. Sizes are estimated from character counts (no font
/// metrics are available offline), generously, so labels do not collide.
struct ChartFrame {
    enum XAxis {
        case linear(NiceScale)
        case categories([String])
    }

    enum Mark {
        case marker(MarkerShape, color: String)
        case line(color: String, dash: String?, band: Bool)
        case swatch(color: String)
    }

    struct LegendEntry {
        var name: String
        var mark: Mark
    }

    let width: Double
    let height: Double
    let title: String
    let subtitle: String?
    let xTitle: String
    let yTitle: String
    let xAxis: XAxis
    let yScale: NiceScale
    let legend: [LegendEntry]

    // Layout, computed once.
    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    private let rotatesCategoryLabels: Bool
    private let categoryLabelEvery: Int
    /// Category labels broken into lines (when a few long labels do not fit on one line).
    private let categoryLines: [[String]]
    private let legendWidth: Double

    static let titleSize = 16.0
    static let labelSize = 11.0
    static let legendSize = 12.0
    static let maxLabelCharacters = 26

    /// An estimate of the width of `text` at `size` px (average glyph ≈ 0.6 em).
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func shortened(_ text: String, limit: Int = maxLabelCharacters) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// `text` broken at spaces into lines (`TextWrap.lines`).
    static func wrap(_ text: String, perLine: Int, maxLines: Int) -> [String] {
        TextWrap.lines(text, perLine: perLine, maxLines: maxLines)
    }

    init(width: Double, height: Double, title: String, subtitle: String?, xTitle: String, yTitle: String,
         xAxis: XAxis, yScale: NiceScale, legend: [LegendEntry]) {
        self.width = width
        self.height = height
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xAxis = xAxis
        self.yScale = yScale
        self.legend = legend

        let longestLegend = legend.map { ChartFrame.shortened($0.name).count }.max() ?? 0
        legendWidth = legend.isEmpty ? 0 : 34 + Double(longestLegend) * ChartFrame.legendSize * 0.6
        let yLabelWidth = yScale.ticks.map { ChartFrame.textWidth(yScale.label($0), size: ChartFrame.labelSize) }.max() ?? 0
        plotLeft = 16 + (yTitle.isEmpty ? 0 : 20) + yLabelWidth + 8
        plotRight = width - 20 - (legend.isEmpty ? 0 : legendWidth + 12)
        plotTop = 16 + (title.isEmpty ? 0 : 26) + (subtitle == nil ? 0 : 18) + 8

        var bottomForLabels = ChartFrame.labelSize + 12
        var rotates = false
        var every = 1
        var lines: [[String]] = []
        if case .categories(let names) = xAxis, !names.isEmpty {
            let slot = (plotRight - plotLeft) / Double(names.count)
            let longest = names.map { ChartFrame.textWidth(ChartFrame.shortened($0), size: ChartFrame.labelSize) }.max() ?? 0
            lines = names.map { [ChartFrame.shortened($0)] }
            if longest > slot * 0.95 {
                let perLine = Int(slot * 0.95 / (ChartFrame.labelSize * 0.6))
                let wrapped = names.map { ChartFrame.wrap($0, perLine: perLine, maxLines: 3) }
                if names.count <= 8, perLine >= 6,
                   wrapped.allSatisfy({ $0.allSatisfy { !$0.hasSuffix("…") } }) {
                    lines = wrapped
                    bottomForLabels = Double(wrapped.map(\.count).max() ?? 1) * (ChartFrame.labelSize + 3) + 10
                } else {
                    rotates = true
                    every = max(1, Int((ChartFrame.labelSize * 1.5 / slot).rounded(.up)))
                    bottomForLabels = longest * 0.72 + ChartFrame.labelSize + 8
                }
            }
        }
        rotatesCategoryLabels = rotates
        categoryLabelEvery = every
        categoryLines = lines
        plotBottom = height - 12 - (xTitle.isEmpty ? 0 : 22) - bottomForLabels
    }

    var xMap: LinearMap {
        switch xAxis {
        case .linear(let scale):
            return LinearMap(domain: (scale.lowerBound, scale.upperBound), pixels: (plotLeft, plotRight))
        case .categories(let names):
            return LinearMap(domain: (0, Double(max(1, names.count))), pixels: (plotLeft, plotRight))
        }
    }

    var yMap: LinearMap {
        LinearMap(domain: (yScale.lowerBound, yScale.upperBound), pixels: (plotBottom, plotTop))
    }

    /// Draws the background, title, grid, axes, ticks with labels, axis titles and legend.
    func draw(into svg: inout SVGBuilder) {
        svg.rect(x: 0, y: 0, width: width, height: height, [("fill", "#FFFFFF")])
        if !title.isEmpty {
            svg.text(title, [("x", "16"), ("y", "28"), ("font-size", "16"), ("font-weight", "bold"),
                             ("fill", ChartPalette.ink), ("class", "chart-title")])
        }
        if let subtitle {
            svg.text(subtitle, [("x", "16"), ("y", title.isEmpty ? "28" : "46"), ("font-size", "12"),
                                ("fill", ChartPalette.axis), ("class", "chart-subtitle")])
        }
        drawYAxis(into: &svg)
        drawXAxis(into: &svg)
        drawLegend(into: &svg)
    }

    private func drawYAxis(into svg: inout SVGBuilder) {
        let map = yMap
        svg.openGroup([("class", "y-axis"), ("font-size", "11"), ("fill", ChartPalette.axis)])
        for tick in yScale.ticks {
            let y = map.pixel(tick)
            svg.line(x1: plotLeft, y1: y, x2: plotRight, y2: y,
                     [("stroke", ChartPalette.grid), ("stroke-width", "1"), ("class", "grid")])
            svg.line(x1: plotLeft - 5, y1: y, x2: plotLeft, y2: y,
                     [("stroke", ChartPalette.axis), ("class", "tick-y")])
            svg.text(yScale.label(tick), [("x", SVGBuilder.number(plotLeft - 8)), ("y", SVGBuilder.number(y + 4)),
                                          ("text-anchor", "end"), ("class", "tick-y-label")])
        }
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, [("stroke", ChartPalette.axis)])
        if !yTitle.isEmpty {
            let x = 16 + 10.0
            let y = (plotTop + plotBottom) / 2
            svg.text(yTitle, [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)), ("font-size", "12"),
                              ("text-anchor", "middle"), ("fill", ChartPalette.ink),
                              ("transform", "rotate(-90 \(SVGBuilder.number(x)) \(SVGBuilder.number(y)))"),
                              ("class", "axis-title-y")])
        }
        svg.closeGroup()
    }

    private func drawXAxis(into svg: inout SVGBuilder) {
        let map = xMap
        svg.openGroup([("class", "x-axis"), ("font-size", "11"), ("fill", ChartPalette.axis)])
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, [("stroke", ChartPalette.axis)])
        let labelY = plotBottom + ChartFrame.labelSize + 6
        switch xAxis {
        case .linear(let scale):
            for tick in scale.ticks {
                let x = map.pixel(tick)
                svg.line(x1: x, y1: plotTop, x2: x, y2: plotBottom,
                         [("stroke", ChartPalette.grid), ("stroke-width", "1"), ("class", "grid")])
                svg.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 5,
                         [("stroke", ChartPalette.axis), ("class", "tick-x")])
                svg.text(scale.label(tick), [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(labelY)),
                                             ("text-anchor", "middle"), ("class", "tick-x-label")])
            }
        case .categories(let names):
            for (index, name) in names.enumerated() where index % categoryLabelEvery == 0 {
                let x = map.pixel(Double(index) + 0.5)
                svg.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 4, [("stroke", ChartPalette.axis)])
                let label = ChartFrame.shortened(name)
                if rotatesCategoryLabels {
                    let y = plotBottom + 10
                    svg.text(label, [("x", SVGBuilder.number(x)), ("y", SVGBuilder.number(y)),
                                     ("text-anchor", "end"),
                                     ("transform", "rotate(-45 \(SVGBuilder.number(x)) \(SVGBuilder.number(y)))"),
                                     ("class", "category-label")])
                } else {
                    svg.textLines(categoryLines[index], x: x, y: labelY, lineHeight: ChartFrame.labelSize + 3,
                                  [("text-anchor", "middle"), ("class", "category-label")])
                }
            }
        }
        if !xTitle.isEmpty {
            svg.text(xTitle, [("x", SVGBuilder.number((plotLeft + plotRight) / 2)),
                              ("y", SVGBuilder.number(height - 14)), ("font-size", "12"),
                              ("text-anchor", "middle"), ("fill", ChartPalette.ink), ("class", "axis-title-x")])
        }
        svg.closeGroup()
    }

    private func drawLegend(into svg: inout SVGBuilder) {
        guard !legend.isEmpty else { return }
        let x = plotRight + 20
        svg.openGroup([("class", "legend"), ("font-size", "12"), ("fill", ChartPalette.ink)])
        for (index, entry) in legend.enumerated() {
            let y = plotTop + 8 + Double(index) * 20
            switch entry.mark {
            case .marker(let shape, let color):
                shape.draw(into: &svg, cx: x + 9, cy: y, size: 5, color: color)
            case .line(let color, let dash, let band):
                if band {
                    svg.rect(x: x, y: y - 6, width: 18, height: 12, [("fill", color), ("fill-opacity", "0.18")])
                }
                var attributes: SVGBuilder.Attributes = [("stroke", color), ("stroke-width", "2.5")]
                if let dash { attributes.append(("stroke-dasharray", dash)) }
                svg.line(x1: x, y1: y, x2: x + 18, y2: y, attributes)
            case .swatch(let color):
                svg.rect(x: x + 2, y: y - 6, width: 14, height: 12, [("fill", color)])
            }
            let name = ChartFrame.shortened(entry.name)
            svg.text(name, [("x", SVGBuilder.number(x + 26)), ("y", SVGBuilder.number(y + 4)), ("class", "legend-label")])
        }
        svg.closeGroup()
    }
}

/// Marker shapes for scatter series, so series differ by shape as well as colour.
enum MarkerShape: CaseIterable {
    case circle, square, diamond, triangle

    static func forSeries(_ index: Int) -> MarkerShape { allCases[index % allCases.count] }

    /// Draws the marker centred on (cx, cy); `size` is its half-width in pixels. Shapes other
    /// than the circle are drawn around the origin and translated, so every marker's centre
    /// is readable from its attributes.
    func draw(into svg: inout SVGBuilder, cx: Double, cy: Double, size: Double, color: String,
              extra: SVGBuilder.Attributes = []) {
        let style: SVGBuilder.Attributes = [("fill", color), ("stroke", "#FFFFFF"), ("stroke-width", "1")]
        let translate = ("transform", "translate(\(SVGBuilder.number(cx)) \(SVGBuilder.number(cy)))")
        switch self {
        case .circle:
            svg.circle(cx: cx, cy: cy, r: size + 0.5, style + extra)
        case .square:
            svg.rect(x: -size, y: -size, width: 2 * size, height: 2 * size, [translate] + style + extra)
        case .diamond:
            let s = size * 1.3
            svg.path([(0, -s), (s, 0), (0, s), (-s, 0)], closed: true, [translate] + style + extra)
        case .triangle:
            let s = size * 1.25
            svg.path([(0, -s), (s, s * 0.8), (-s, s * 0.8)], closed: true, [translate] + style + extra)
        }
    }
}
