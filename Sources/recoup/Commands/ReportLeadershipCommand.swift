import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupReports
import RecoupSimulation

/// `recoup report leadership --policy P [--policy P2 …] [--html FILE]`: the one report a
/// finance lead shows a board — verdict, hours by task, cost per invoice, the return with its
/// working, cash and DSO, reconciliation and what the projection cannot see (docs/reports.md).
struct ReportLeadershipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadership",
        abstract: "Verdict, hours freed, cost per invoice and ROI of policies against today, as text, Markdown or one HTML page.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var simulation: SimulationArguments

    @Option(name: .long, help: "A policy file to evaluate (repeat for several).")
    var policy: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "The tool's price a month, e.g. 250.00.")
    var toolCostPerMonth: String = "0"
    @Option(name: .long, help: "A JSON file saying which of reconciliation, data_entry and reporting an agent takes (docs/reports.md).")
    var tasks: String?
    @Option(name: .long, help: "Also write the report as one self-contained HTML page with its charts to this file.")
    var html: String?
    @Option(name: .long, help: "Print as text (default) or markdown.")
    var format: LeadershipFormat = .table

    enum LeadershipFormat: String, ExpressibleByArgument, CaseIterable {
        case table, markdown
    }

    func validate() throws {
        guard !policy.isEmpty else { throw ValidationError("give at least one --policy FILE") }
        guard policy.count <= 4 else { throw ValidationError("at most 4 --policy files fit one page, got \(policy.count)") }
        _ = try ToolCost.parse(toolCostPerMonth)
    }

    func run() throws {
        try UserFacingError.wrap {
            let tool = try ToolCost.parse(toolCostPerMonth)
            let htmlFile = html.map { OutputFile($0, replacement: .always, example: "leadership.html") }
            try htmlFile?.check()  // before the simulation
            let classification = try tasks.map { try TaskClassification.load(path: $0) } ?? .standard
            let projected = try simulation.projectWithInputs(["history"] + policy, store: store)
            let analysis = try LeadershipAnalysis(ledger: projected.ledger, simulation: projected.report, costs: projected.costs,
                                                  classification: classification,
                                                  toolCostPerMonth: tool.minorUnits, seed: simulation.seed)
            for warning in analysis.warnings { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
            try htmlFile?.write(LeadershipPage.make(analysis, footer: "recoup \(RecoupVersion.current)").html())
            print(LeadershipPage.rendered(analysis, as: format == .markdown ? .markdown : .text), terminator: "")
        }
    }
}
