import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupReports
import RecoupSimulation

/// `recoup report roi --policy P [--baseline history|P0] [--tool-cost-per-month X]`: hours
/// freed, cost per invoice before and after (collections and fully loaded), people's time and
/// contact costs saved, cash released and its financing value, write-offs avoided and payback,
/// each run by run (docs/reports.md). The history baseline is the ledger's own figures.
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
    @Option(name: .long, parsing: .unconditional, help: "The tool's price a month, e.g. 250.00.")
    var toolCostPerMonth: String = "0"
    @Option(name: .long, help: "Also write the ROI as one self-contained HTML page (table, assumptions, charts) to this file.")
    var html: String?

    func validate() throws { _ = try ToolCost.parse(toolCostPerMonth) }

    func run() throws {
        try UserFacingError.wrap {
            let tool = try ToolCost.parse(toolCostPerMonth)
            let htmlFile = html.map { OutputFile($0, replacement: .always, example: "roi.html") }
            try htmlFile?.check()  // before the simulation
            let projected = try simulation.projectWithInputs([baseline, policy], store: store)
            let report = projected.report
            let analysis = try LeadershipAnalysis(ledger: projected.ledger, simulation: report, costs: projected.costs,
                                                  toolCostPerMonth: tool.minorUnits,
                                                  seed: simulation.seed)
            for warning in analysis.warnings { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
            let roi = analysis.returns[0], verdict = analysis.verdicts[0]
            if let htmlFile {
                let page = ROIPage.make(roi: roi, baseline: report.projections[0], policy: report.projections[1],
                                        verdict: verdict, footer: "recoup \(RecoupVersion.current)")
                try htmlFile.write(page.html())
            }
            print(roi.rendered(as: output.format.tableFormat, verdict: verdict), terminator: "")
        }
    }
}
