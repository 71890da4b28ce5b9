import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupReports

/// `recoup report kpis [--as-of D] [--from D --to D] [--format …]`: the KPIs of SPEC §3 for a
/// window, the aging on `--as-of` and a monthly trend; JSON as SPEC §6.
struct ReportKPIsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "DSO (standard, countback, best possible), ADD, CEI, % current, collection rate, aging and trend.",
        discussion: "Default window: the twelve calendar months ending with the month of --to (default: the latest invoice or payment day). The monthly trend's collection rate, days to pay and cohort DSO use every payment known by --as-of; a rate marked \"so far\" may still rise.")

    @Option(name: .customLong("as-of"), help: "Payments known up to this day; the aging day. Default: --to.", transform: Day.argument)
    var asOf: Day?
    @Option(help: "First day of the window (YYYY-MM-DD).", transform: Day.argument)
    var from: Day?
    @Option(help: "Last day of the window (YYYY-MM-DD). Default: --as-of or the latest invoice or payment day.", transform: Day.argument)
    var to: Day?

    @Option(help: "Also write the KPIs and the aging, with the aging chart, as one self-contained HTML page to this file.")
    var html: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func validate() throws {
        if let from, let to, from > to {
            throw ValidationError("--from \(from.iso) is after --to \(to.iso)")
        }
        if let html, !html.lowercased().hasSuffix(".html") {
            throw ValidationError("--html \(html): the page is HTML; name the file *.html")
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            let calculator = try LedgerStore(path: store.path, access: .readOnly).kpiCalculator()
            let report = try calculator.report(asOf: asOf, from: from, to: to)
            if let html {
                let page = KPIPage.make(report: report, aging: ComparisonPage.agingSnapshots(calculator, end: report.aging.asOf),
                                        footer: "recoup \(RecoupVersion.current)")
                try OutputFile(html, replacement: .always, example: "kpis.html").write(page.html())
            }
            switch output.format {
            case .json: print(try JSONOutput.encode(report), terminator: "")
            case .table, .csv, .markdown: print(report.rendered(as: output.format.tableFormat), terminator: "")
            }
        }
    }
}

