import RecoupLedger
import RecoupPolicy

/// The page of `recoup report kpis --html FILE`: the KPI summary, the aging by client on the
/// as-of day with the aging chart over the last month ends, and the monthly trend with its DSO
/// chart. One self-contained page (inline SVG, no scripts) a finance lead can open from a
/// QuickBooks export in minutes.
public enum KPIPage {
    /// - Parameters:
    ///   - aging: month-end snapshots for the chart (`ComparisonPage.agingSnapshots`); empty
    ///     leaves the chart out.
    ///   - footer: a line at the bottom (the tool and version).
    public static func make(report: KPIReport, aging: [ComparisonPage.AgingSnapshot], footer: String? = nil) -> ReportPage {
        let p = report.period
        var page = ReportPage(
            title: "Receivables \(p.from.iso) to \(p.to.iso)",
            subtitle: "KPIs of SPEC §3 over the window, money in \(report.currency); the aging as of \(report.aging.asOf.iso). "
                + "A figure the ledger cannot give (no payment dates, no invoices in a month) is shown as —.",
            footer: footer)
        let tables = KPITables.summaryTables(report)
        var summary = ReportPage.Section(heading: "Key figures")
        summary.blocks.append(.table(PageTable(tables[0])))
        page.sections.append(summary)

        var agingSection = ReportPage.Section(heading: "Aging")
        if !aging.isEmpty {
            let buckets = AgingBucket.allCases.map { bucket in
                BarSeries(name: bucket.title, values: aging.map { $0.report.total[bucket].units })
            }
            agingSection.blocks.append(.chart(PageChart(
                name: "aging",
                caption: "Open balance by days past due at the last month ends, then on the as-of day.",
                svg: StackedBarChart.agingBuckets(categories: aging.map(\.label), buckets: buckets, currency: report.currency,
                                                  by: "As of").svg())))
        }
        let (shown, rest) = mostOverdue(report.aging, limit: clientLimit)
        agingSection.blocks.append(.table(PageTable(AgingTables.clients(
            shown, title: "Open balance by client on \(report.aging.asOf.iso) (\(report.currency)), most overdue first", cutNames: false))))
        if rest > 0 {
            agingSection.blocks.append(.note("\(rest) more clients with smaller overdue balances; "
                + "`recoup report aging --format csv` lists every client, `--invoices` every open invoice."))
        }
        page.sections.append(agingSection)

        if let note = KPITables.snapshotNote(report) {
            var missing = ReportPage.Section(heading: "What this ledger cannot show")
            missing.blocks.append(.note(note.replacingOccurrences(of: "\n", with: " ")))
            page.sections.append(missing)
            return page
        }
        var trend = ReportPage.Section(heading: "Monthly trend")
        trend.blocks.append(.table(PageTable(tables[2])))
        let months = report.trend.compactMap { m -> ChartXY? in
            guard let dso = m.dsoStandard else { return nil }
            return ChartXY(Double(m.from.ordinal), dso)
        }
        if months.count >= 2 {
            let firstDay = Double(report.trend.first?.from.ordinal ?? 0)
            let points = months.map { ChartXY(($0.x - firstDay) / 30.44, $0.y) }
            trend.blocks.append(.chart(PageChart(
                name: "dso-trend",
                caption: "Standard DSO month by month (days), from the first month of the window.",
                svg: LineChart(title: "DSO by month", xAxisTitle: "Months from \(report.trend[0].from.iso.prefix(7))",
                               yAxisTitle: "DSO (days)", series: [LineSeries(name: "DSO, standard", points: points)],
                               yIncludesZero: true).svg())))
        }
        trend.blocks.append(.note("DSO: standard, countback, best possible. ≤\(p.horizonDays) d: share collected within "
            + "\(p.horizonDays) days past due; * so far: some invoices are not yet \(p.horizonDays) days past due."))
        page.sections.append(trend)
        return page
    }

    /// Clients shown on the page's aging table.
    public static let clientLimit = 25

    /// `aging` with its clients sorted by overdue balance (every bucket past current), then by
    /// total, largest first, cut to `limit`; and how many were left out. The total row stays
    /// that of every client.
    static func mostOverdue(_ aging: AgingReport, limit: Int) -> (AgingReport, Int) {
        func overdue(_ row: AgingReport.ClientRow) -> Int64 {
            AgingBucket.allCases.dropFirst().reduce(0) { $0 + row.amounts[$1].minorUnits }
        }
        var out = aging
        out.byClient = aging.byClient.sorted {
            (overdue($0), $0.amounts.total.minorUnits, $1.client) > (overdue($1), $1.amounts.total.minorUnits, $0.client)
        }
        let rest = max(0, out.byClient.count - limit)
        out.byClient = Array(out.byClient.prefix(limit))
        return (out, rest)
    }
}
