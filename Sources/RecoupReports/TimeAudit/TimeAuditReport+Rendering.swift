import RecoupSimulation
import RecoupPolicy

/// The time audit as tables, notes, JSON and a chart.
extension TimeAuditReport {
    /// Weeks in the window (days / 7), for the title.
    public var weekSpan: Double { Double(days) / 7 }

    /// The title line: window and its length (and the projected policy's marking when it
    /// was not verified).
    public var title: String {
        UnverifiedMarking.title("Collections time audit \(from.iso) to \(to.iso) (\(ReportFormatting.number(weekSpan, decimals: 1)) weeks)",
                                unverified: projection.map { $0.isVerified ? [] : [$0.policy] } ?? [])
    }

    /// One row per task (all seven, in timesheet order) and a total: whether a policy can
    /// automate it, hours, hours per week and share of all hours; with a projection, a last
    /// column of projected hours per week.
    public func taskTable(title: String? = nil) -> ReportTable {
        var columns: [ReportTable.Column] = [
            .init("Task"), .init("Policy can automate"), .init("Hours", alignment: .right),
            .init("Hours/week", alignment: .right), .init("Share", alignment: .right),
        ]
        if let projection { columns.append(.init("Projected hours/week (\(projection.label))", alignment: .right)) }
        var table = ReportTable(title: title, columns: columns)
        let minutes = minutesByTask
        let total = totalMinutes
        for (index, task) in TimesheetTask.allCases.enumerated() {
            var row = [task.title, task.isAutomatableByPolicy ? "yes" : "no",
                       ReportFormatting.number(minutes[index] / 60, decimals: 1),
                       ReportFormatting.number(hoursPerWeek(minutes: minutes[index]), decimals: 2),
                       ReportFormatting.percent(share: total > 0 ? minutes[index] / total : nil)]
            if let projection { row.append(ReportFormatting.number(projection.hoursPerWeek[index], decimals: 2)) }
            table.append(row)
        }
        var totalRow = ["Total", "", ReportFormatting.number(total / 60, decimals: 1),
                        ReportFormatting.number(hoursPerWeek(minutes: total), decimals: 2),
                        ReportFormatting.percent(share: total > 0 ? 1 : nil)]
        if let projection { totalRow.append(ReportFormatting.number(projection.total, decimals: 2)) }
        table.append(totalRow)
        return table
    }

    /// One row per week: its Monday, where its minutes come from, hours by task and the total.
    public func weeklyTable(title: String? = nil) -> ReportTable {
        var table = ReportTable(
            title: title,
            columns: [.init("Week of"), .init("Source")]
                + TimesheetTask.allCases.map { .init($0.title, alignment: .right) } + [.init("Total", alignment: .right)])
        for week in weeks {
            table.append([week.weekOf.iso, week.source.rawValue]
                + week.minutes.map { ReportFormatting.number($0 / 60, decimals: 1) }
                + [ReportFormatting.number(week.total / 60, decimals: 1)])
        }
        return table
    }

    /// Plain-language notes under the table: the automatable share, where the numbers come
    /// from, and the state of the projection.
    public var notes: [String] {
        var notes: [String] = []
        if let share = automatableShare {
            notes.append("A policy can automate \(ReportFormatting.percent(share: share)) of this work "
                + "(reminders and routine calls: \(ReportFormatting.number(hoursPerWeek(minutes: automatableMinutes), decimals: 2)) hours/week); "
                + "disputes, reconciliation, data entry, reporting and other work stay with people.")
        } else {
            notes.append("No collections work is recorded in this window.")
        }
        let ledgerWeeks = weeks.count - timesheetWeeks
        var source = "Sources: \(timesheetWeeks) of \(weeks.count) weeks from timesheets"
        if ledgerWeeks > 0 {
            source += "; \(ledgerWeeks) estimated from the ledger ("
                + "\(ReportFormatting.number(loggedActionMinutes / 60, decimals: 1)) hours from logged action minutes, "
                + "\(ReportFormatting.number(estimatedMinutes / 60, decimals: 1)) hours from the cost model's minutes per task, docs/costs.md)"
        }
        notes.append(source + ".")
        if let projection {
            let now = hoursPerWeek(minutes: totalMinutes)
            let change = projection.total - now
            let direction = change >= 0 ? "more" : "fewer"
            notes.append("Under \(projection.label): \(ReportFormatting.number(projection.total, decimals: 2)) hours/week against "
                + "\(ReportFormatting.number(now, decimals: 2)) now (\(ReportFormatting.number(abs(change), decimals: 2)) \(direction)). "
                + "Projected reminders are reminders sent by people plus copilot reviews; other is promise follow-ups; "
                + "reconciliation, data entry and reporting are carried over as they are.")
        } else {
            notes.append("Add --policy P to project these hours under a policy with the simulator.")
        }
        return notes
    }

    /// The audit in the requested table format (text, CSV or Markdown): title, task table and
    /// notes; with `weekly`, the weekly table too. CSV holds the task table only (or the weekly
    /// table with `weekly`), since CSV is one table.
    public func rendered(as format: ReportTable.Format, weekly: Bool = false) -> String {
        switch format {
        case .csv:
            return weekly ? weeklyTable().rendered(as: .csv) : taskTable().rendered(as: .csv)
        case .text:
            var out = taskTable(title: title).rendered(as: .text) + "\n"
            out += notes.map { TextWrap.wrapped($0) + "\n" }.joined()
            if weekly { out += "\n" + weeklyTable(title: "By week (hours)").rendered(as: .text) }
            return out
        case .markdown:
            var out = taskTable(title: title).rendered(as: .markdown) + "\n"
            out += notes.map { $0 + "\n\n" }.joined()
            if weekly { out += weeklyTable(title: "By week (hours)").rendered(as: .markdown) }
            return out
        }
    }

    /// The audit as JSON with sorted keys and fixed decimals (hours to 2 places, shares to 4),
    /// byte-identical for the same ledger. `projection` is null until the simulator supplies one;
    /// each task then gains `projectedHoursPerWeek`.
    public func json() -> String {
        let minutes = minutesByTask
        let total = totalMinutes
        func number(_ value: Double, _ decimals: Int) -> String { ChartNumberFormat.fixed(value, decimals: decimals) }
        func hours(_ minutes: Double) -> String { number(minutes / 60, 2) }
        var tasks: [String] = []
        for (index, task) in TimesheetTask.allCases.enumerated() {
            var fields = [
                "\"automatable\": \(task.isAutomatableByPolicy)",
                "\"hours\": \(hours(minutes[index]))",
                "\"hoursPerWeek\": \(number(hoursPerWeek(minutes: minutes[index]), 2))",
            ]
            if let projection { fields.append("\"projectedHoursPerWeek\": \(number(projection.hoursPerWeek[index], 2))") }
            fields.append("\"share\": \(total > 0 ? number(minutes[index] / total, 4) : "null")")
            fields.append("\"task\": \(JSONText.string(task.rawValue))")
            tasks.append("    { " + fields.joined(separator: ", ") + " }")
        }
        let weekly = weeks.map { week -> String in
            let byTask = TimesheetTask.allCases.enumerated()
                .sorted { $0.element.rawValue < $1.element.rawValue }
                .map { "\(JSONText.string($0.element.rawValue)): \(hours(week.minutes[$0.offset]))" }
                .joined(separator: ", ")
            return "    { \"hours\": { \(byTask) }, \"source\": \(JSONText.string(week.source.rawValue)), "
                + "\"total\": \(hours(week.total)), \"weekOf\": \(JSONText.string(week.weekOf.iso)) }"
        }
        let projectionText = projection.map { p in
            "{ \"hoursPerWeek\": \(number(p.total, 2)), \"policy\": \(JSONText.string(p.policy)), \"verified\": \(p.isVerified) }"
        } ?? "null"
        var out = "{\n"
        out += "  \"automatableShare\": \(automatableShare.map { number($0, 4) } ?? "null"),\n"
        out += "  \"from\": \(JSONText.string(from.iso)),\n"
        out += "  \"hoursPerWeek\": \(number(hoursPerWeek(minutes: total), 2)),\n"
        out += "  \"projection\": \(projectionText),\n"
        out += "  \"sources\": { \"estimatedHours\": \(hours(estimatedMinutes)), \"loggedActionHours\": \(hours(loggedActionMinutes)), "
            + "\"timesheetHours\": \(hours(timesheetMinutes)), \"timesheetWeeks\": \(timesheetWeeks), \"weeks\": \(weeks.count) },\n"
        out += "  \"tasks\": [\n" + tasks.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"to\": \(JSONText.string(to.iso)),\n"
        out += "  \"totalHours\": \(hours(total)),\n"
        out += "  \"weekly\": [\n" + weekly.joined(separator: ",\n") + (weekly.isEmpty ? "" : "\n") + "  ]\n"
        out += "}\n"
        return out
    }

    /// Hours per week by task as stacked bars: with a projection, "now" (the window's average)
    /// against the policy; without, one bar per week of history.
    public func chart() -> StackedBarChart {
        let tasks = TimesheetTask.allCases
        let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#999999"]
        if let projection {
            let now = minutesByTask.map { hoursPerWeek(minutes: $0) }
            return StackedBarChart.hoursByTask(
                categories: ["Now (\(from.iso) to \(to.iso))", "\(projection.label) (projected)"],
                tasks: tasks.enumerated().map { i, task in
                    BarSeries(name: task.title, values: [now[i], projection.hoursPerWeek[i]], color: palette[i])
                },
                subtitle: "Average hours per week; the projection comes from the simulator.")
        }
        return StackedBarChart.hoursByTask(
            categories: weeks.map { $0.weekOf.iso },
            tasks: tasks.enumerated().map { i, task in
                BarSeries(name: task.title, values: weeks.map { $0.minutes[i] / 60 }, color: palette[i])
            },
            by: "Week of",
            subtitle: "\(from.iso) to \(to.iso); " + (timesheetWeeks == weeks.count ? "all weeks from timesheets."
                : "\(timesheetWeeks) of \(weeks.count) weeks from timesheets, the rest estimated from the ledger."))
    }
}

/// JSON string literals.
enum JSONText {
    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String { CanonicalJSON.quoted(text) }
}
