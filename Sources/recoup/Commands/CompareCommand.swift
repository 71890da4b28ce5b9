import ArgumentParser
import Foundation
import RecoupLedger
import RecoupReports
import RecoupSimulation

/// `recoup compare P1 P2 …`: the side-by-side projections with the history first, each
/// policy's difference against the history with its interval, and which differences are
/// significant (their 95% interval excludes 0).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare policies side by side against the history.",
        discussion: "Policies are files or the built-in none; history is always the first row. See docs/simulation.md.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var simulation: SimulationArguments

    @Argument(help: "Policy files (or none) to compare with the history.")
    var policies: [String]

    @Option(name: .long, help: "Also write the comparison as one self-contained HTML page (tables and charts) to this file.")
    var html: String?

    func validate() throws {
        guard !policies.isEmpty else { throw ValidationError("give at least one policy to compare with the history") }
    }

    func run() throws {
        try UserFacingError.wrap {
            let htmlFile = html.map { OutputFile($0, replacement: .always, example: "compare.html") }
            try htmlFile?.check()  // before the simulation
            let names = ["history"] + policies.filter { $0 != "history" }
            let report = try simulation.project(names, store: store)
            if let htmlFile {
                let kpis = try LedgerStore(path: store.path, access: .readOnly).kpiCalculator()
                let aging = kpis.latestDay.map { ComparisonPage.agingSnapshots(kpis, end: $0) } ?? []
                let page = ComparisonPage.make(report: report, aging: aging, footer: "recoup \(RecoupVersion.current)")
                try htmlFile.write(page.html())
            }
            print(report.rendered(output.format), terminator: "")
        }
    }
}
