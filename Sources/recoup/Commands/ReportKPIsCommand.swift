import ArgumentParser
import Foundation
import RecoupLedger
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

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func validate() throws {
        if let from, let to, from > to {
            throw ValidationError("--from \(from.iso) is after --to \(to.iso)")
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            let report = try LedgerStore(path: store.path, access: .readOnly).kpiCalculator().report(asOf: asOf, from: from, to: to)
            print(try KPIOutput.render(report, format: output.format), terminator: "")
        }
    }
}

/// The KPI report as tables or JSON.
enum KPIOutput {
    static func render(_ report: KPIReport, format: OutputFormat) throws -> String {
        let p = report.period
        let money = { (m: Money) in ReportFormatting.money(m, currency: report.currency) }
        switch format {
        case .json:
            return try JSONOutput.encode(report)
        case .csv:
            return periodsTable(report, title: nil).rendered(as: .csv)
        case .table, .markdown:
            var summary = ReportTable(
                title: "KPIs \(p.from.iso) to \(p.to.iso) (\(p.to - p.from + 1) days), as of \(p.asOf.iso)",
                columns: [.init("KPI"), .init("Value", alignment: .right)])
            summary.append(["Sales", money(p.sales)])
            summary.append(["AR at start", report.snapshotAsOf == nil ? money(p.arStart) : "—"])
            summary.append(["AR at end", money(p.arEnd)])
            summary.append(["Current AR at end", money(p.currentAREnd)])
            summary.append(["DSO, standard (days)", ReportFormatting.days(p.dsoStandard)])
            summary.append(["DSO, countback (days)", ReportFormatting.days(p.dsoCountback)])
            summary.append(["Best possible DSO (days)", ReportFormatting.days(p.bestPossibleDSO)])
            summary.append(["ADD (days)", ReportFormatting.days(p.averageDaysDelinquent)])
            summary.append(["CEI (%)", ReportFormatting.number(p.collectionEffectivenessIndex, decimals: 1)])
            summary.append(["Current (%)", ReportFormatting.number(p.percentCurrent, decimals: 1)])
            summary.append(["Collection rate at \(p.horizonDays) days" + (p.collectionRateComplete ? "" : " (so far: some invoices are not yet \(p.horizonDays) days past due)"),
                            ReportFormatting.percent(share: p.collectionRate)])
            summary.append(["Days to pay (mean, \(p.paidInvoices) paid)", ReportFormatting.days(p.averageDaysToPay)])
            summary.append(["Days late (mean)", ReportFormatting.days(p.averageDaysLate)])
            summary.append(["Cohort DSO (days)", ReportFormatting.days(p.cohortDSO)])
            let aging = AgingTables.clients(report.aging, title: "Aging on \(report.aging.asOf.iso) (\(report.currency))", clients: false)
            let h = p.horizonDays
            let trend = periodsTable(report, title: "Monthly trend (money in \(report.currency), DSO and ADD in days)")
            let star = format == .markdown ? "\\*" : "*"
            let legend = "DSO: standard, countback, best possible. ≤\(h) d: share collected within \(h) days past due;\n"
                + "\(star) so far: some invoices are not yet \(h) days past due, so the share may still rise.\n"
            let tableFormat = format.tableFormat
            let snapshot = report.snapshotAsOf.map { "A snapshot of open balances as of \($0.iso), without payment dates: AR at start, CEI, the\ncollection rate, days to pay and cohort DSO need them (—), and so does the monthly trend; import the\npayments for them (docs/import.md, \"Snapshots\").\n" }
            return (snapshot == nil ? [summary, aging, trend] : [summary, aging]).map { $0.rendered(as: tableFormat) }.joined(separator: "\n")
                + (format == .markdown ? "\n" : "") + (snapshot ?? legend)
        }
    }

    /// One row for the window (CSV only), then one per month. CSV keeps the JSON field names
    /// and plain numbers for machines; tables and Markdown get headers with units.
    static func periodsTable(_ report: KPIReport, title: String?) -> ReportTable {
        let human = title != nil
        let h = report.period.horizonDays
        let names = human
            ? ["month", "sales", "AR at end", "DSO", "countback", "best", "ADD", "CEI %", "current %", "≤\(h) d"]
            : ["period", "from", "to", "sales", "arEnd", "dsoStandard", "dsoCountback", "bestPossibleDso", "add", "cei",
               "percentCurrent", "collectionRate90", "collectionRateComplete"]
        var table = ReportTable(title: title, columns: names.enumerated().map { i, name in
            .init(name, alignment: i == 0 || (!human && i < 3) ? .left : .right)
        })
        func row(_ name: String, _ p: PeriodKPIs) -> [String] {
            let figures = [ReportFormatting.days(p.dsoStandard), ReportFormatting.days(p.dsoCountback),
                           ReportFormatting.days(p.bestPossibleDSO), ReportFormatting.days(p.averageDaysDelinquent),
                           ReportFormatting.number(p.collectionEffectivenessIndex, decimals: 1),
                           ReportFormatting.number(p.percentCurrent, decimals: 1)]
            if human {
                let rate = ReportFormatting.percent(share: p.collectionRate) + (p.collectionRateComplete ? "" : "*")
                return [name, ReportFormatting.money(p.sales, currency: nil), ReportFormatting.money(p.arEnd, currency: nil)]
                    + figures + [rate]
            }
            return [name, p.from.iso, p.to.iso, p.sales.decimalString, p.arEnd.decimalString] + figures
                + [ReportFormatting.number(p.collectionRate, decimals: 4), p.collectionRateComplete ? "true" : "false"]
        }
        if !human { table.append(row("window", report.period)) }
        for month in report.trend {
            let name = String(month.from.iso.prefix(7))
            let partial = month.from.ordinal != month.from.startOfMonth.ordinal
                || month.to.ordinal != (month.to.startOfMonth + (month.to.daysInMonth - 1)).ordinal
            table.append(row(human && partial ? "\(name) (\(month.from.iso.suffix(2))–\(month.to.iso.suffix(2)))" : name, month))
        }
        return table
    }
}
