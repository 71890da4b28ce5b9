import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupReports
import RecoupSimulation

/// `recoup report time-audit [--from D --to D] [--format …] [--chart FILE.svg] [--weekly]
/// [--costs FILE]`: hours per week spent on collections by task, and the share a policy can
/// automate (SPEC §3 "human hours"; docs/reports.md).
///
/// With `--policy P` (repeatable) each policy is simulated and its hours by task, with 95%
/// intervals, fill `TimeAuditReport.projections` (a table each, JSON and a before/after chart);
/// `--tasks FILE` changes which work an agent takes.
struct ReportTimeAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "time-audit",
        abstract: "Hours per week on AR work by task, now and under policies, and what an agent can take.",
        discussion: """
            Weeks with timesheet rows use them; other weeks are estimated from the ledger: logged \
            action minutes where present, else the cost model's minutes per task (SPEC §5: email 4, \
            sms 2, call 9, letter 6, dispute 45, promise follow-up 5, reconciliation exception 6). \
            Default window: the first to the last day with any collections activity.
            """)

    @Option(help: "First day of the window (YYYY-MM-DD).", transform: Day.argument)
    var from: Day?
    @Option(help: "Last day of the window (YYYY-MM-DD).", transform: Day.argument)
    var to: Day?
    @Option(help: "Also write hours per week by task as an SVG chart to this file.")
    var chart: String?
    @Flag(help: "Add the week-by-week table (with --format csv: print it instead of the task table).")
    var weekly = false
    @Option(help: "Cost file with the minutes per task (docs/costs.md). Default: the standard minutes.")
    var costs: String?

    @Option(help: "Also project the hours under this policy file (repeat for several; simulated; needs recoup train).")
    var policy: [String] = []
    @Option(help: "A JSON file saying which of reconciliation, data_entry and reporting an agent takes (docs/reports.md).")
    var tasks: String?
    @Option(parsing: .unconditional, help: "Monte Carlo runs of the projection.")
    var runs: Int = 100
    @Option(parsing: .unconditional, help: "Seed of the projection.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @OptionGroup var trust: PolicyTrustOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func validate() throws {
        if let from, let to, from > to {
            throw ValidationError("--from \(from.iso) is after --to \(to.iso)")
        }
        guard (1...10_000).contains(runs) else { throw ValidationError("--runs must be between 1 and 10000, got \(runs)") }
        if let chart, !chart.lowercased().hasSuffix(".svg") {
            throw ValidationError("--chart \(chart): the chart is SVG; name the file *.svg")
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            let chartFile = chart.map { OutputFile($0, replacement: .always, example: "time-audit.svg") }
            try chartFile?.check()  // before the work
            let classification = try tasks.map { try TaskClassification.load(path: $0) } ?? .standard
            // With policies, the simulation's own load of the store and cost file serves the audit too.
            let projected = policy.isEmpty ? nil
                : try SimulationArguments.project(policy, store: store, runs: runs, seed: seed, costs: costs, trust: trust)
            let costModel = try projected?.costs ?? costs.map { try CostModel.load(contentsOf: URL(fileURLWithPath: $0)) } ?? CostModel()
            let ledger = try projected?.ledger ?? LedgerStore(path: store.path, access: .readOnly).loadLedger()
            var report = try TimeAudit.make(ledger: ledger, from: from, to: to, costs: costModel)
            report.classification = classification
            if let projected {
                let audit = TimeAudit.projecting(report, simulation: projected.report, ledger: ledger,
                                                 classification: classification, seed: seed)
                if let warning = audit.warning { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
                report = audit.report
            }
            try chartFile?.write(report.chart().svg())
            switch output.format {
            case .json: print(report.json(), terminator: "")
            case .table, .csv, .markdown: print(report.rendered(as: output.format.tableFormat, weekly: weekly), terminator: "")
            }
        }
    }
}
