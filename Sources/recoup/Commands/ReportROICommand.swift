import ArgumentParser
import Foundation
import RecoupLedger
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
    @Option(name: .long, parsing: .unconditional, help: "The tool's price a month, e.g. 250.00.")
    var toolCostPerMonth: String = "0"
    @Option(name: .long, help: "Also write the ROI as one self-contained HTML page (table, assumptions, charts) to this file.")
    var html: String?

    func validate() throws { _ = try toolCost() }

    /// The tool's price a month; a malformed or negative amount is bad usage (exit 2).
    private func toolCost() throws -> Money {
        let tool: Money
        do { tool = try Money(decimal: toolCostPerMonth) } catch {
            throw ValidationError("--tool-cost-per-month \(toolCostPerMonth): \(error); give an amount such as 250 or 99.50")
        }
        guard tool.minorUnits >= 0 else {
            throw ValidationError("--tool-cost-per-month \(toolCostPerMonth): a price cannot be negative; give an amount such as 250 or 99.50")
        }
        return tool
    }

    func run() throws {
        try UserFacingError.wrap {
            let tool = try toolCost()
            let htmlFile = html.map { OutputFile($0, replacement: .always, example: "roi.html") }
            try htmlFile?.check()  // before the simulation
            let report = try simulation.project([baseline, policy], store: store)
            var rate = 0.08
            if let costs = simulation.costs { rate = try CostModel.load(contentsOf: URL(fileURLWithPath: costs)).costOfCapital }
            let roi = ROIEstimate(baseline: report.projections[0], policy: report.projections[1],
                                  toolCostPerMonth: tool.minorUnits, costOfCapital: rate)
            let miss = report.backTest.map { abs($0.actual.collectionRate - $0.replayedCollectionRate.mean) }
            let actions = (try? LedgerStore(path: store.path, access: .readOnly).rowCounts())?["actions"]
            let verdict = ROIVerdict(roi: roi, backTestMiss: miss, loggedActions: actions)
            if let htmlFile {
                let page = ROIPage.make(roi: roi, baseline: report.projections[0], policy: report.projections[1],
                                        verdict: verdict, footer: "recoup \(RecoupVersion.current)")
                try htmlFile.write(page.html())
            }
            print(roi.rendered(as: output.format.tableFormat, verdict: verdict), terminator: "")
        }
    }
}
