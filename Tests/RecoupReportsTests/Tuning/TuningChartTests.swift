import Foundation
import RecoupPolicy
import RecoupPolicyAuthoring
import RecoupSimulation
import Testing

@testable import RecoupReports

/// Figures that are known functions of the swept fields (e = escalation.daysPastDue,
/// m = limits.maxContactsPer7Days): DSO = 20 + 0.5·e − m, cost = 10 − 0.1·e + m, each interval
/// mean ± 1 (DSO) or ± 0.25 (cost). Later escalation is slower and cheaper, more contacts faster
/// and dearer, so some points trade off and some are dominated.
private struct KnownFigures: PolicyEvaluator {
    let invoices = 500
    let runs = 9

    func evaluate(_ policies: [Policy], progress: (@Sendable (Double) -> Void)?) throws -> [TuningFigures] {
        policies.map { p in
            let e = Double(p.escalation.daysPastDue ?? 0), m = Double(p.limits.maxContactsPer7Days)
            func i(_ x: Double, _ h: Double) -> Interval { Interval(mean: x, lo: x - h, hi: x + h) }
            return TuningFigures(dso: i(20 + 0.5 * e - m, 1), collectionRate: i(0.97, 0.01), costPerInvoice: i(10 - 0.1 * e + m, 0.25),
                                 humanHoursPerWeek: i(2, 0.5), contactsPerInvoice: i(m, 0.1), writeOffRate: i(0.02, 0.01))
        }
    }
}

@Suite struct TuningChartTests {
    static func report() throws -> TuningReport {
        let axes = try ["escalation.daysPastDue=30..60/10", "limits.maxContactsPer7Days=1..3/1"].map { try TuningAxis(parsing: $0) }
        return try Tuner.run(base: PolicyTemplate.copilot.policy, axes: axes, evaluator: KnownFigures(),
                             pick: try PickExpression(parsing: "min cost where dso <= 45"))
    }

    @Test func seriesFollowTheFrontierAndThePick() throws {
        let report = try Self.report()
        #expect(report.results.count == 12)
        let picked = try #require(try report.pickedResult())
        let xml = try ParsedXML(TuningChart.make(report).svg())
        let markers = xml.all("path", class: "marker") + xml.all("circle", class: "marker") + xml.all("rect", class: "marker")
            + xml.all("polygon", class: "marker")
        #expect(markers.count == 12, "one marker per evaluated point")

        // Labels: "#n" for every frontier point but the pick, "#k picked" for the pick, none for the rest.
        let labels = Set(xml.all("text", class: "point-label").map(\.text))
        let frontier = report.results.filter { $0.isOnFrontier && $0.index != picked.index }.map { "#\($0.index)" }
        #expect(labels == Set(frontier + ["#\(picked.index) picked"]))
        #expect(frontier.count >= 2, "the fixture should give a frontier with several points")

        // Only the picked point has whiskers: 3 lines (bar and two caps) in each direction.
        #expect(xml.all("line", class: "whisker").count == 6)
        // The frontier line runs through every frontier point, the picked one included.
        let line = try #require(xml.all("polyline", class: "frontier").first)
        #expect(line.attributes["points"]?.split(separator: " ").count == report.results.filter(\.isOnFrontier).count)
        // The title names the swept fields.
        #expect(xml.elements.contains { $0.name == "title" && $0.text.contains("escalation.daysPastDue × limits.maxContactsPer7Days") })
    }

    @Test func sameReportSameBytes() throws {
        #expect(TuningChart.make(try Self.report()).svg() == TuningChart.make(try Self.report()).svg())
    }
}
