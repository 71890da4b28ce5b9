import Foundation
import Testing

@testable import RecoupReports

@Suite struct IntervalScatterChartTests {
    static let policies: [IntervalScatterChart.PolicyEstimate] = [
        .init(name: "history", dso: ChartEstimate(52.4), costPerInvoice: ChartEstimate(3.10)),
        .init(name: "fixed-reminders", dso: ChartEstimate(47.9, lo: 46.8, hi: 49.1),
              costPerInvoice: ChartEstimate(0.42, lo: 0.40, hi: 0.45)),
        .init(name: "A&B <\"firm\"> 'copilot'", dso: ChartEstimate(41.2, lo: 40.1, hi: 42.3),
              costPerInvoice: ChartEstimate(1.85, lo: 1.80, hi: 1.91)),
    ]

    static var chart: IntervalScatterChart {
        .dsoVersusCost(policies: policies, frontier: [ChartXY(41.2, 1.85), ChartXY(47.9, 0.42)])
    }

    @Test func outputIsWellFormedXMLWithTitleAndUnits() throws {
        let xml = try ParsedXML(Self.chart.svg())
        #expect(xml.root == "svg")
        #expect(xml.all("text", class: "chart-title").first?.text == "DSO vs cost per invoice")
        #expect(xml.all("text", class: "axis-title-x").first?.text == "DSO (days)")
        #expect(xml.all("text", class: "axis-title-y").first?.text == "Cost per invoice ($)")
        // Escaped names come back verbatim after parsing.
        let labels = xml.all("text", class: "point-label").map(\.text)
        #expect(labels.contains("A&B <\"firm\"> 'copilot'"))
        let legend = xml.all("text", class: "legend-label").map(\.text)
        #expect(legend == ["history", "fixed-reminders", "A&B <\"firm\"> 'copilot'", "Pareto frontier"])
        #expect(xml.all("polyline", class: "frontier").count == 1)
    }

    @Test func markerPixelsMapBackToTheirValues() throws {
        let xml = try ParsedXML(Self.chart.svg())
        for policy in Self.policies {
            let marker = try #require(xml.elements.first { $0.attributes["data-label"] == policy.name })
            let (cx, cy) = try Self.centre(of: marker)
            let x = try #require(xml.value(atPixel: cx, axis: "x"))
            let y = try #require(xml.value(atPixel: cy, axis: "y"))
            // Coordinates are written to 0.01 px; a pixel spans < 0.1 day and < $0.02 here.
            #expect(abs(x - policy.dso.mean) < 0.01, "\(policy.name): x \(x)")
            #expect(abs(y - policy.costPerInvoice.mean) < 0.005, "\(policy.name): y \(y)")
        }
    }

    @Test func whiskersSpanTheIntervals() throws {
        let xml = try ParsedXML(Self.chart.svg())
        let whiskers = xml.all("line", class: "whisker")
        // Two policies with both intervals: 3 lines (bar + 2 caps) per direction.
        #expect(whiskers.count == 12)
        // The horizontal bar of the copilot policy runs from DSO 40.1 to 42.3.
        let bars = whiskers.filter { $0.number("y1") == $0.number("y2") && $0.number("x1") != $0.number("x2") }
        let spans = bars.compactMap { bar -> (Double, Double)? in
            guard let a = bar.number("x1"), let b = bar.number("x2"),
                  let lo = xml.value(atPixel: a, axis: "x"), let hi = xml.value(atPixel: b, axis: "x") else { return nil }
            return (lo, hi)
        }
        #expect(spans.contains { abs($0.0 - 40.1) < 0.01 && abs($0.1 - 42.3) < 0.01 })
    }

    @Test func ticksAreNiceAndCoverEveryIntervalEnd() throws {
        let xml = try ParsedXML(Self.chart.svg())
        let xTicks = xml.all("text", class: "tick-x-label").compactMap { Double($0.text) }
        let yTicks = xml.all("text", class: "tick-y-label").compactMap { Double($0.text) }
        #expect(xTicks.first! <= 40.1 && xTicks.last! >= 52.4)
        #expect(yTicks.first! <= 0.40 && yTicks.last! >= 3.10)
        let xStep = xTicks[1] - xTicks[0]
        #expect(NiceScaleTests.isNice(xStep))
        #expect(zip(xTicks, xTicks.dropFirst()).allSatisfy { abs(($1 - $0) - xStep) < 1e-9 })
    }

    @Test func sameInputSameBytes() {
        let a = Self.chart.svg()
        let b = IntervalScatterChart.dsoVersusCost(policies: Self.policies,
                                                   frontier: [ChartXY(41.2, 1.85), ChartXY(47.9, 0.42)]).svg()
        #expect(Data(a.utf8) == Data(b.utf8))
        // No exponent notation or non-finite numbers leak into coordinates.
        #expect(a.range(of: "[0-9]e[-+]?[0-9]", options: .regularExpression) == nil)
        #expect(!a.contains("nan") && !a.contains("inf"))
    }

    @Test func crowdedLabelsDoNotOverlap() throws {
        // Twelve points close together: the placer moves labels so their boxes stay apart.
        let points = (0..<12).map { i in
            IntervalScatterChart.PolicyEstimate(name: "p\(i)", dso: ChartEstimate(40 + Double(i % 4) * 0.2),
                                                costPerInvoice: ChartEstimate(1 + Double(i / 4) * 0.03))
        }
        let chart = IntervalScatterChart.dsoVersusCost(policies: points)
        let frame = chart.makeFrame()
        var placed: [LabelBox] = []
        var overlaps = 0
        for p in points {
            let box = LabelBox.place(p.name, cx: frame.xMap.pixel(p.dso.mean), cy: frame.yMap.pixel(p.costPerInvoice.mean),
                                     frame: frame, avoiding: placed)
            if placed.contains(where: box.overlaps) { overlaps += 1 }
            placed.append(box)
        }
        #expect(overlaps <= 2, "\(overlaps) overlapping labels")
        _ = try ParsedXML(chart.svg())
    }

    @Test func labelsKeepOffOtherMarkers() {
        // A labelled point with an unlabelled one where its label would go first (to the right):
        // the label moves to the next place that covers no marker.
        let chart = IntervalScatterChart.dsoVersusCost(policies: [
            .init(name: "a", dso: ChartEstimate(40), costPerInvoice: ChartEstimate(1)),
            .init(name: "b", dso: ChartEstimate(50), costPerInvoice: ChartEstimate(3)),
        ])
        let frame = chart.makeFrame()
        let (cx, cy) = (frame.xMap.pixel(45), frame.yMap.pixel(2))
        let neighbour = LabelBox(text: "", left: cx + 14, top: cy - 12, right: cx + 26, bottom: cy, anchor: "middle")
        let free = LabelBox.place("tiered-copilot", cx: cx, cy: cy, frame: frame, avoiding: [])
        #expect(free.overlaps(neighbour), "the fixture must put the neighbour where the first choice goes")
        let moved = LabelBox.place("tiered-copilot", cx: cx, cy: cy, frame: frame, avoiding: [], markers: [neighbour])
        #expect(!moved.overlaps(neighbour))
        // Its own marker (a 6 px square around the centre) is never covered either.
        #expect(!moved.overlaps(LabelBox(text: "", left: cx - 6, top: cy - 6, right: cx + 6, bottom: cy + 6, anchor: "middle")))
    }

    /// A marker's centre: a circle's `cx`/`cy`, or the translation of another shape.
    static func centre(of marker: ParsedXML.Element) throws -> (Double, Double) {
        if let cx = marker.number("cx"), let cy = marker.number("cy") { return (cx, cy) }
        let transform = try #require(marker.attributes["transform"])
        let numbers = transform.dropFirst("translate(".count).dropLast().split(separator: " ").compactMap { Double($0) }
        try #require(numbers.count == 2)
        return (numbers[0], numbers[1])
    }
}

@Suite struct LineChartTests {
    static let chart = LineChart.cumulativeCollected(curves: [
        LineSeries(name: "history", points: [ChartXY(0, 0), ChartXY(30, 0.35), ChartXY(60, 0.81), ChartXY(90, 0.95)]),
        LineSeries(name: "tiered-copilot",
                   points: [ChartXY(0, 0), ChartXY(30, 0.52), ChartXY(60, 0.90), ChartXY(90, 0.97)],
                   band: [ChartBandPoint(x: 0, lo: 0, hi: 0), ChartBandPoint(x: 30, lo: 0.49, hi: 0.55),
                          ChartBandPoint(x: 60, lo: 0.88, hi: 0.92), ChartBandPoint(x: 90, lo: 0.96, hi: 0.98)]),
    ])

    @Test func linePointsMapBackToPercentages() throws {
        let xml = try ParsedXML(Self.chart.svg())
        let lines = xml.all("polyline", class: "line")
        #expect(lines.count == 2)
        let second = try #require(lines.last?.attributes["points"])
        let pairs = second.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
        let values = try pairs.map { pair -> (Double, Double) in
            let x = try #require(xml.value(atPixel: pair[0], axis: "x"))
            let y = try #require(xml.value(atPixel: pair[1], axis: "y"))
            return (x, y)
        }
        let expected: [(Double, Double)] = [(0, 0), (30, 52), (60, 90), (90, 97)]
        for (got, want) in zip(values, expected) {
            #expect(abs(got.0 - want.0) < 0.05 && abs(got.1 - want.1) < 0.05, "\(got) vs \(want)")
        }
        #expect(xml.all("polygon", class: "band").count == 1)
        #expect(xml.all("text", class: "axis-title-y").first?.text == "Collected (% of invoiced)")
        // Distinct dash patterns tell the lines apart without colour.
        #expect(lines[0].attributes["stroke-dasharray"] == nil && lines[1].attributes["stroke-dasharray"] != nil)
        #expect(lines[0].attributes["stroke"] != lines[1].attributes["stroke"])
    }

    @Test func yAxisStartsAtZeroAndCoversTheBand() throws {
        let xml = try ParsedXML(Self.chart.svg())
        let yTicks = xml.all("text", class: "tick-y-label").compactMap { Double($0.text) }
        #expect(yTicks.first == 0 && yTicks.last! >= 98)
        #expect(Self.chart.svg() == Self.chart.svg())
    }
}

@Suite struct StackedBarChartTests {
    static let chart = StackedBarChart.agingBuckets(
        categories: ["Acme & Sons", "Beta <IT>", "Gamma"],
        buckets: [BarSeries(name: "current", values: [1200, 300, 0]),
                  BarSeries(name: "1–30", values: [800, 0, 150]),
                  BarSeries(name: "over 120", values: [0, 2500, 75])],
        currency: "USD")

    @Test func segmentHeightsMatchValuesAndStack() throws {
        let xml = try ParsedXML(Self.chart.svg())
        let segments = xml.all("rect", class: "segment")
        #expect(segments.count == 6)  // zero values draw nothing
        // Acme: current 1200 from 0 up, then 1–30 800 on top: its top edge maps to 2000.
        let acme = segments.filter { $0.attributes["data-series"] == "1–30" }.first!
        let top = try #require(xml.value(atPixel: acme.number("y")!, axis: "y"))
        let bottom = try #require(xml.value(atPixel: acme.number("y")! + acme.number("height")!, axis: "y"))
        #expect(abs(top - 2000) < 1 && abs(bottom - 1200) < 1, "\(top) \(bottom)")
        let totals = xml.all("text", class: "bar-total").map(\.text)
        #expect(totals == ["2,000", "2,800", "225"])
        #expect(xml.all("text", class: "category-label").map(\.text) == ["Acme & Sons", "Beta <IT>", "Gamma"])
        // Legend reads top-down like the stacks.
        #expect(xml.all("text", class: "legend-label").map(\.text) == ["over 120", "1–30", "current"])
        #expect(xml.all("text", class: "axis-title-y").first?.text == "Open balance (USD)")
    }

    @Test func manyCategoriesRotateAndThinTheirLabels() throws {
        let weeks = (0..<104).map { "2025-W\($0)" }
        let chart = StackedBarChart.hoursByTask(
            categories: weeks,
            tasks: [BarSeries(name: "reminders", values: weeks.indices.map { Double($0 % 7) }),
                    BarSeries(name: "disputes", values: weeks.indices.map { Double($0 % 3) + 0.5 })])
        let xml = try ParsedXML(chart.svg())
        let labels = xml.all("text", class: "category-label")
        #expect(labels.count < 104 && labels.count >= 10)
        #expect(labels.allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(-45") == true })
        #expect(xml.all("text", class: "bar-total").isEmpty)
        let yTicks = xml.all("text", class: "tick-y-label").compactMap { Double($0.text) }
        #expect(yTicks.last! >= 6 + 2.5)
    }
}

@Suite struct CategoryLabelTests {
    @Test func fewLongLabelsWrapInsteadOfRotating() throws {
        let chart = StackedBarChart.hoursByTask(
            categories: ["Now (2025 timesheets)", "tiered-copilot (projected)", "tiered-autonomous (projected)"],
            tasks: [BarSeries(name: "reminders", values: [6.5, 0.8, 0.2])], width: 560)
        let xml = try ParsedXML(chart.svg())
        let labels = xml.all("text", class: "category-label")
        #expect(labels.count == 3)
        #expect(labels.allSatisfy { $0.attributes["transform"] == nil })
        #expect(xml.all("tspan").count >= 4)
        // The lines, read back together, give the whole label.
        #expect(labels.map(\.text) == ["Now (2025timesheets)", "tiered-copilot(projected)", "tiered-autonomous(projected)"])
    }

    @Test(arguments: [("tiered-autonomous (projected)", 18, 3, ["tiered-autonomous", "(projected)"]),
                      ("a b c d e f", 3, 2, ["a b", "c …"]), ("supercalifragilistic", 8, 3, ["superca…"])])
    func wrapping(text: String, perLine: Int, maxLines: Int, expected: [String]) {
        #expect(ChartFrame.wrap(text, perLine: perLine, maxLines: maxLines) == expected)
    }
}

@Suite struct EmptyChartTests {
    @Test func emptyInputsStillGiveWellFormedCharts() throws {
        let scatter = IntervalScatterChart.dsoVersusCost(policies: [])
        let line = LineChart.cumulativeCollected(curves: [LineSeries(name: "none", points: [])])
        let bars = StackedBarChart.hoursByTask(categories: [], tasks: [])
        let nonFinite = IntervalScatterChart.dsoVersusCost(policies: [
            .init(name: "broken", dso: ChartEstimate(.nan), costPerInvoice: ChartEstimate(.infinity))])
        for svg in [scatter.svg(), line.svg(), bars.svg(), nonFinite.svg()] {
            let xml = try ParsedXML(svg)
            #expect(xml.root == "svg")
            #expect(!svg.contains("nan") && !svg.contains("inf"))
        }
    }
}
