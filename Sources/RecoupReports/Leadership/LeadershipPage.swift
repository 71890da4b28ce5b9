import RecoupLedger
import RecoupPolicy
import RecoupSimulation

/// The page of `recoup report leadership`: the verdict first, then hours by task now and under
/// each policy, cost per invoice before and after (collections and fully loaded) with its
/// parts, the return with its working, cash collected by days since issue, DSO against cost,
/// the reconciliation match rate, and what the projection cannot see. Each figure a verdict
/// quotes is in a table of the same page.
public enum LeadershipPage {
    /// - Parameter footer: a line at the bottom (the tool and version).
    public static func make(_ a: LeadershipAnalysis, footer: String? = nil) -> ReportPage {
        let audit = a.audit, simulation = a.simulation
        let names = audit.projections.dropFirst().map(\.policy)
        let runs = simulation.projections.first?.runs ?? 0
        var page = ReportPage(
            title: UnverifiedMarking.title("What an AR agent would change: " + names.joined(separator: ", "),
                                           unverified: audit.projections.filter { !$0.isVerified }.map(\.policy)),
            subtitle: "Invoices issued \(audit.from.iso) to \(audit.to.iso) (\(ReportFormatting.number(audit.weekSpan, decimals: 1)) weeks): "
                + "today as the ledger and timesheets show it, each policy as \(runs) simulated runs of the same invoices. "
                + "Figures are means with 95% intervals.",
            footer: footer)

        var verdict = ReportPage.Section(heading: "Verdict")
        for v in a.verdicts { verdict.blocks.append(.paragraph(v.text)) }
        page.sections.append(verdict)

        var hours = ReportPage.Section(heading: "Where the hours go")
        hours.blocks.append(.paragraph("Hours a week on AR work by task, today and under each policy. "
            + audit.notes.prefix(1).joined()))
        hours.blocks.append(.table(PageTable(hoursTable(audit))))
        for p in audit.projections.dropFirst() {
            for line in audit.projectionNotes(p) { hours.blocks.append(.note(line)) }
        }
        hours.blocks.append(.note(audit.classification.summary))
        var chartAudit = audit
        chartAudit.projections = Array(audit.projections.dropFirst())
        hours.blocks.append(.chart(PageChart(name: "hours-by-task", caption: "Hours a week by task: today, then each policy's mean.",
                                             svg: chartAudit.chart().svg())))
        page.sections.append(hours)

        var cost = ReportPage.Section(heading: "What an invoice costs to collect")
        cost.blocks.append(.table(PageTable(a.cost.table(policies: Array(audit.projections.indices.dropFirst())))))
        cost.blocks.append(.note(a.cost.note))
        cost.blocks.append(.note("Often-quoted benchmarks: $10–15 an invoice collected by hand, under $2 automated."))
        page.sections.append(cost)

        var money = ReportPage.Section(heading: "The return, with its working")
        for roi in a.returns {
            money.blocks.append(.table(PageTable(roi.table())))
        }
        for line in a.returns.first?.assumptions ?? [] { money.blocks.append(.note(line)) }
        page.sections.append(money)

        var cash = ReportPage.Section(heading: "Cash and DSO")
        if let outcomes = outcomeTable(simulation, returns: a.returns) {
            cash.blocks.append(.table(PageTable(outcomes)))
            cash.blocks.append(.note("Today is what the ledger shows for the invoices whose fate it knows; under a policy, today's "
                + "figure plus the simulator's change against the replayed history in the same runs."))
        }
        let curves = simulation.projections.map { p in
            LineSeries(name: p.policy == ReplayPolicy.history.name ? "today (replayed)" : p.policy,
                       points: p.collectedByDay.map { ChartXY(Double($0.day), $0.share.mean) })
        }
        cash.blocks.append(.chart(PageChart(
            name: "collected-by-day",
            caption: "Share of the amount invoiced collected within each number of days after issue (means over the runs).",
            svg: LineChart.cumulativeCollected(curves: curves).svg())))
        let points = simulation.projections.compactMap { p -> IntervalScatterChart.PolicyEstimate? in
            guard let dso = p.figures[.dso], let c = p.figures[.costPerInvoice], dso.mean.isFinite, c.mean.isFinite else { return nil }
            return .init(name: p.policy == ReplayPolicy.history.name ? "today (replayed)" : p.policy,
                         dso: ChartEstimate(dso.mean, lo: dso.lo, hi: dso.hi), costPerInvoice: ChartEstimate(c.mean, lo: c.lo, hi: c.hi))
        }
        cash.blocks.append(.chart(PageChart(
            name: "dso-cost", caption: "DSO against collections cost per invoice, as the simulator replays each; lower left is better. "
                + "Whiskers are 95% intervals.",
            svg: IntervalScatterChart.dsoVersusCost(policies: points).svg())))
        page.sections.append(cash)

        var matching = ReportPage.Section(heading: "Reconciliation")
        matching.blocks.append(.paragraph(reconciliationText(a.reconciliation)))
        page.sections.append(matching)

        var limits = ReportPage.Section(heading: "What the projection cannot see")
        if let backTest = simulation.backTest {
            limits.blocks.append(.paragraph("The back-test replays the firm's own history on the invoices whose fate the ledger shows; "
                + "a gap here is a bias every projection may share."))
            limits.blocks.append(.preformatted(backTest.lines.joined(separator: "\n")))
        } else {
            limits.blocks.append(.note("No back-test: the ledger shows no invoice whose fate is known."))
        }
        var lines: [String] = []
        for s in simulation.support where !s.isSupported { lines += s.lines }
        if simulation.support.allSatisfy(\.isSupported) {
            lines.append("Every policy uses only channels and actors this history shows.")
        }
        for line in lines { limits.blocks.append(.note(line)) }
        for warning in a.warnings { limits.blocks.append(.note("warning: " + warning)) }
        page.sections.append(limits)
        return page
    }

    /// The reconciliation sentence: deposits matched automatically, their share with its 95%
    /// interval (Wilson), and the rest left to a person.
    public static func reconciliationText(_ summary: ReconciliationSummary?) -> String {
        guard let s = summary, s.deposits > 0 else {
            return "The ledger has no deposits to match, so reconciliation is not measured; import deposits.csv to measure it."
        }
        let n = Double(s.deposits), p = Double(s.matchedAutomatically) / n, z = 1.959_964
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return "Of \(ChartNumberFormat.fixed(n, decimals: 0, grouping: true)) deposits, "
            + "\(ChartNumberFormat.fixed(Double(s.matchedAutomatically), decimals: 0, grouping: true)) "
            + "(\(ReportFormatting.percent(share: p)) [\(ReportFormatting.percent(share: max(0, centre - half))), "
            + "\(ReportFormatting.percent(share: min(1, centre + half)))]) match an invoice or payment automatically; "
            + "\(ChartNumberFormat.fixed(Double(s.exceptions), decimals: 0, grouping: true)) need a person (`recoup reconcile` lists them)."
    }

    /// DSO, collection rate and write-off rate today (the back-test's actual figures) and under
    /// each policy (today + the paired change against the replayed history, rates kept in
    /// [0, 1]); nil without a back-test.
    /// Its last two rows are the figures the verdict weighs: each policy's change in the
    /// write-off rate, and the back-test's own miss on the collection rate, in points.
    static func outcomeTable(_ simulation: SimulationReport, returns: [ROIEstimate]) -> ReportTable? {
        guard let backTest = simulation.backTest, let history = simulation.projections.first,
              history.policy == ReplayPolicy.history.name else { return nil }
        let policies = Array(simulation.projections.dropFirst())
        var table = ReportTable(title: "DSO and collections (mean [95% interval])",
                                columns: [.init("Figure"), .init("Today", alignment: .right)]
                                    + policies.map { .init($0.label, alignment: .right) })
        let rows: [(String, ProjectionMetric, Double, Double, Int, Bool)] = [
            ("DSO (days)", .dso, backTest.actual.dso, 1, 1, false),
            ("collected (%)", .collectionRate, backTest.actual.collectionRate, 100, 1, true),
            ("written off (%)", .writeOffRate, backTest.actual.writeOffRate, 100, 1, true),
        ]
        for (name, metric, today, scale, decimals, isRate) in rows {
            let base = history.runValues[metric] ?? []
            let cells = policies.map { p -> String in
                let runs = zip(p.runValues[metric] ?? [], base).map { a, b -> Double in
                    let value = today + a - b
                    return isRate ? min(1, max(0, value)) : value
                }
                let v = Interval(runs: runs)
                guard v.mean.isFinite else { return "—" }
                let f = { (x: Double) in ReportFormatting.number(x * scale, decimals: decimals) }
                return "\(f(v.mean)) [\(f(v.lo)), \(f(v.hi))]"
            }
            table.append([name, ReportFormatting.number(today * scale, decimals: decimals)] + cells)
        }
        table.append(["write-off rate change (points)", ""] + returns.map { roi in
            roi.annualSales > 0 ? ReportFormatting.number(abs(roi.annualWriteOffsAvoided.mean) / roi.annualSales * 100, decimals: 1) : "—"
        })
        let miss = abs(backTest.actual.collectionRate - backTest.replayedCollectionRate.mean)
        table.append(["back-test miss, collected (points)", ReportFormatting.number(miss * 100, decimals: 1)]
                     + returns.map { _ in "" })
        return table
    }

    /// Hours a week by task: today, then each policy's projection (mean [95% interval]).
    static func hoursTable(_ audit: TimeAuditReport) -> ReportTable {
        let shown = Array(audit.projections.dropFirst())
        var table = ReportTable(title: "Hours a week by task (mean [95% interval])",
                                columns: [.init("Task"), .init("Today", alignment: .right)]
                                    + shown.map { .init($0.policy, alignment: .right) })
        let minutes = audit.minutesByTask
        for (i, task) in TimesheetTask.allCases.enumerated() {
            table.append([task.title, ReportFormatting.number(audit.hoursPerWeek(minutes: minutes[i]), decimals: 2)]
                         + shown.map { TimeAuditReport.hours($0.hours[i]) })
        }
        table.append(["Total", ReportFormatting.number(audit.hoursPerWeek(minutes: audit.totalMinutes), decimals: 2)]
                     + shown.map { TimeAuditReport.hours($0.total) })
        table.append(["Freed", ""] + shown.map { TimeAuditReport.hours($0.freed) })
        return table
    }
}

extension LeadershipPage {
    /// The report as text (or Markdown) for a terminal or a notebook: the same sections and
    /// tables as the page, without its charts (`--html` draws them).
    public static func rendered(_ a: LeadershipAnalysis, as format: ReportTable.Format) -> String {
        var page = make(a)
        for s in page.sections.indices { page.sections[s].blocks.removeAll { if case .chart = $0 { return true } else { return false } } }
        if format == .markdown { return page.markdown() }
        var out = TextWrap.wrapped(page.title) + "\n" + TextWrap.wrapped(page.subtitle ?? "") + "\n"
        for section in page.sections {
            out += "\n" + section.heading + "\n" + String(repeating: "=", count: section.heading.count) + "\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): out += TextWrap.wrapped(text) + "\n"
                case .note(let text): out += TextWrap.wrapped("note: " + text) + "\n"
                case .preformatted(let text): out += text + (text.hasSuffix("\n") ? "" : "\n")
                case .table(let table):
                    var plain = table.reportTable
                    plain.title = nil
                    out += "\n" + (table.caption.map { TextWrap.wrapped($0) + "\n" } ?? "") + plain.rendered(as: .text) + "\n"
                case .chart: break
                }
            }
        }
        return out
    }
}
