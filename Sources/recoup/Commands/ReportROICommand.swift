import ArgumentParser
import Foundation
import RecoupPolicy
import RecoupReports
import RecoupSimulation

/// `recoup report roi --policy P [--baseline history|P0] [--tool-cost-per-month X]`: cost per
/// invoice before and after, cost saved, cash released and its financing value, write-offs
/// avoided and payback, each from paired per-run differences (docs/reports.md).
struct ReportROICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roi",
        abstract: "Return on moving from the history (or a baseline policy) to a policy, with 95% intervals.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var simulation: SimulationArguments

    @Option(name: .long, help: "The policy file to evaluate.")
    var policy: String
    @Option(name: .long, help: "The baseline: history (default) or a policy file.")
    var baseline: String = "history"
    @Option(name: .long, help: "The tool's price a month, e.g. 250.00.")
    var toolCostPerMonth: String = "0"

    func run() throws {
        try UserFacingError.wrap {
            let tool: Money
            do { tool = try Money(decimal: toolCostPerMonth) } catch {
                throw UserFacingError("--tool-cost-per-month \(toolCostPerMonth): \(error)")
            }
            let report = try simulation.project([baseline, policy], store: store)
            var rate = 0.08
            if let costs = simulation.costs { rate = try CostModel.load(contentsOf: URL(fileURLWithPath: costs)).costOfCapital }
            let roi = ROIEstimate(baseline: report.projections[0], policy: report.projections[1],
                                  toolCostPerMonth: tool.minorUnits, costOfCapital: rate)
            print(roi.rendered(as: output.format.tableFormat), terminator: "")
        }
    }
}
