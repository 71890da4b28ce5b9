import RecoupLedger
import RecoupPolicy

/// The KPI report of `recoup report kpis` as tables: the summary, the aging total and the
/// monthly trend for people (text, Markdown), the window and months as CSV for machines.
extension KPIReport {
    /// The report in `format` (CSV: one row for the window, then one per month).
    public func rendered(as format: ReportTable.Format) -> String {
        let report = self
        switch format {
        case .csv:
            return KPITables.periods(report, title: nil).rendered(as: .csv)
        case .text, .markdown:
            let tables = KPITables.summaryTables(report)
            let star = format == .markdown ? "\\*" : "*"
            let h = report.period.horizonDays
            let legend = "DSO: standard, countback, best possible. ≤\(h) d: share collected within \(h) days past due;\n"
                + "\(star) so far: some invoices are not yet \(h) days past due, so the share may still rise.\n"
            let shown = report.snapshotAsOf == nil ? tables : Array(tables.prefix(2))
            return shown.map { $0.rendered(as: format) }.joined(separator: "\n") + (format == .markdown ? "\n" : "")
                + (KPITables.snapshotNote(report) ?? legend)
        }
    }
}

/// The KPI tables, shared by the terminal, Markdown, CSV and the HTML page.
public enum KPITables {
    /// The summary (every SPEC §3 KPI of the window), the aging total on the as-of day and the
    /// monthly trend.
    public static func summaryTables(_ report: KPIReport) -> [ReportTable] {
        let p = report.period
        let money = { (m: Money) in ReportFormatting.money(m, currency: report.currency) }
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
        let trend = periods(report, title: "Monthly trend (money in \(report.currency), DSO and ADD in days)")
        return [summary, aging, trend]
    }

    /// For a ledger that is a snapshot of open balances without payment dates: which figures
    /// need payment dates and where to get them; nil for a full ledger.
    public static func snapshotNote(_ report: KPIReport) -> String? {
        report.snapshotAsOf.map {
            "A snapshot of open balances as of \($0.iso), without payment dates: AR at start, CEI, the\ncollection rate, days "
                + "to pay and cohort DSO need them (—), and so does the monthly trend; import the\npayments for them "
                + "(docs/import.md, \"Snapshots\").\n"
        }
    }

    /// One row for the window (CSV only), then one per month. CSV keeps the JSON field names
    /// and plain numbers for machines; tables and Markdown get headers with units.
    public static func periods(_ report: KPIReport, title: String?) -> ReportTable {
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
