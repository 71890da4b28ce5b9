import RecoupSimulation
import RecoupPolicy

/// The time audit as tables, notes, JSON and a chart.
extension TimeAuditReport {
    /// Weeks in the window (days / 7), for the title.
    public var weekSpan: Double { Double(days) / 7 }

    /// The title line: window and its length (and the projected policies' marking when one
    /// was not verified).
    public var title: String {
        UnverifiedMarking.title("Collections time audit \(from.iso) to \(to.iso) (\(ReportFormatting.number(weekSpan, decimals: 1)) weeks)",
                                unverified: projections.filter { !$0.isVerified }.map(\.policy))
    }

    /// One row per task (all seven, in timesheet order) and a total: whether an AR agent can
    /// take it (`isAgentWork`), hours, hours per week and share of all hours.
    public func taskTable(title: String? = nil) -> ReportTable {
        var table = ReportTable(title: title, columns: [
            .init("Task"), .init("Agent can take"), .init("Hours", alignment: .right),
            .init("Hours/week", alignment: .right), .init("Share", alignment: .right),
        ])
        let minutes = minutesByTask
        let total = totalMinutes
        for (index, task) in TimesheetTask.allCases.enumerated() {
            table.append([task.title, isAgentWork(task) ? "yes" : "no",
                          ReportFormatting.number(minutes[index] / 60, decimals: 1),
                          ReportFormatting.number(hoursPerWeek(minutes: minutes[index]), decimals: 2),
                          ReportFormatting.percent(share: total > 0 ? minutes[index] / total : nil)])
        }
        table.append(["Total", "", ReportFormatting.number(total / 60, decimals: 1),
                      ReportFormatting.number(hoursPerWeek(minutes: total), decimals: 2),
                      ReportFormatting.percent(share: total > 0 ? 1 : nil)])
        return table
    }

    /// `mean [lo, hi]` of hours per week, two decimals.
    static func hours(_ v: Interval) -> String {
        guard v.mean.isFinite else { return "—" }
        let f = { (x: Double) in ReportFormatting.number(abs(x) < 0.005 ? 0 : x, decimals: 2) }
        return v.lo == v.hi ? f(v.mean) : "\(f(v.mean)) [\(f(v.lo)), \(f(v.hi))]"
    }

    /// Now's hours per week of task `index` less `projected` (an interval, so its ends swap).
    func freed(task index: Int, _ projected: Interval) -> Interval {
        let today = hoursPerWeek(minutes: minutesByTask[index])
        return Interval(mean: today - projected.mean, lo: today - projected.hi, hi: today - projected.lo)
    }

    /// One policy's projection by task: now, projected and freed hours per week with 95%
    /// intervals, and how each task was projected.
    public func projectionTable(_ p: Projection) -> ReportTable {
        var table = ReportTable(
            title: "Under \(p.label): hours per week (mean [95% interval])",
            columns: [.init("Task"), .init("Now", alignment: .right), .init("Projected", alignment: .right),
                      .init("Freed", alignment: .right), .init("How")])
        let minutes = minutesByTask
        for (index, task) in TimesheetTask.allCases.enumerated() {
            table.append([task.title, ReportFormatting.number(hoursPerWeek(minutes: minutes[index]), decimals: 2),
                          Self.hours(p.hours[index]), Self.hours(freed(task: index, p.hours[index])), p.basis[index].label])
        }
        table.append(["Total", ReportFormatting.number(hoursPerWeek(minutes: totalMinutes), decimals: 2),
                      Self.hours(p.total), Self.hours(p.freed), ""])
        return table
    }

    /// The plain-language lines under a projection table: hours freed, what stays with people
    /// and why some tasks are kept.
    public func projectionNotes(_ p: Projection) -> [String] {
        let now = hoursPerWeek(minutes: totalMinutes)
        var lines: [String] = []
        let freed = p.freed
        let range = "[\(ReportFormatting.number(freed.lo, decimals: 1)), \(ReportFormatting.number(freed.hi, decimals: 1))]"
        if freed.lo < 0 && freed.hi > 0 {
            lines.append("Under \(p.label): whether hours are freed cannot be told from this ledger "
                + "(\(ReportFormatting.number(freed.mean, decimals: 1)) hours a week \(range) of \(ReportFormatting.number(now, decimals: 1)) now).")
        } else if freed.mean >= 0 {
            lines.append("Under \(p.label): frees about \(ReportFormatting.number(freed.mean, decimals: 1)) hours a week \(range) "
                + "of the \(ReportFormatting.number(now, decimals: 1)) spent now.")
        } else {
            lines.append("Under \(p.label): adds about \(ReportFormatting.number(-freed.mean, decimals: 1)) hours a week "
                + "[\(ReportFormatting.number(-freed.hi, decimals: 1)), \(ReportFormatting.number(-freed.lo, decimals: 1))] "
                + "to the \(ReportFormatting.number(now, decimals: 1)) spent now.")
        }
        let staying = TimesheetTask.allCases.enumerated().filter { i, _ in p.hours[i].mean >= 0.005 }.map { i, task in
            "\(task.title) \(ReportFormatting.number(p.hours[i].mean, decimals: 2))"
        }
        lines.append(staying.isEmpty ? "No work stays with people."
                     : "Stays with people (hours a week): " + staying.joined(separator: ", ") + ".")
        let more = TimesheetTask.allCases.enumerated().compactMap { i, task -> String? in
            let f = self.freed(task: i, p.hours[i])
            return f.mean <= -0.005 ? "\(task.title) +\(ReportFormatting.number(-f.mean, decimals: 2))" : nil
        }
        if !more.isEmpty {
            lines.append("More hours a week than now on " + more.joined(separator: ", ") + ": the policy's own steps "
                + "(copilot reviews, calls) and the promises and disputes its extra contacts bring.")
        }
        if p.basis.contains(.notMeasured) {
            lines.append("Data entry between systems and standard reports are work an agent can take, but this ledger cannot "
                + "measure how much; they are kept at today's hours. Give the share an agent takes with --tasks FILE.")
        }
        if p.basis.contains(.noAgent) {
            lines.append("This policy runs no agent, so reconciliation, data entry and reporting are kept at today's hours.")
        }
        return lines
    }

    /// Plain-language notes under the table: the share an agent can take, the classification
    /// and where the numbers come from.
    public var notes: [String] {
        var notes: [String] = []
        if let share = automatableShare {
            let agentTasks = TimesheetTask.allCases.filter(isAgentWork).map(\.title)
            let personTasks = TimesheetTask.allCases.filter { !isAgentWork($0) }.map(\.title)
            notes.append("An AR agent can take \(ReportFormatting.percent(share: share)) of this work "
                + "(\(ReportFormatting.number(hoursPerWeek(minutes: automatableMinutes), decimals: 2)) hours/week: "
                + agentTasks.joined(separator: ", ") + "); " + personTasks.joined(separator: ", ") + " stay with people.")
        } else {
            notes.append("No collections work is recorded in this window.")
        }
        notes.append(classification.summary)
        let ledgerWeeks = weeks.count - timesheetWeeks
        var source = "Sources: \(timesheetWeeks) of \(weeks.count) weeks from timesheets"
        if ledgerWeeks > 0 {
            source += "; \(ledgerWeeks) estimated from the ledger ("
                + "\(ReportFormatting.number(loggedActionMinutes / 60, decimals: 1)) hours from logged action minutes, "
                + "\(ReportFormatting.number(estimatedMinutes / 60, decimals: 1)) hours from the cost model's minutes per task, docs/costs.md)"
        }
        notes.append(source + ".")
        if projections.isEmpty { notes.append("Add --policy P to project these hours under a policy with the simulator.") }
        return notes
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

    /// The audit in the requested table format (text, CSV or Markdown): title, task table and
    /// notes, then each projection's table and notes; with `weekly`, the weekly table too. CSV
    /// is one table: the task table, with each projection's projected and freed hours as columns
    /// (or the weekly table with `weekly`).
    public func rendered(as format: ReportTable.Format, weekly: Bool = false) -> String {
        switch format {
        case .csv:
            return weekly ? weeklyTable().rendered(as: .csv) : csvTable().rendered(as: .csv)
        case .text, .markdown:
            let gap = format == .text ? "\n" : "\n\n"
            func prose(_ line: String) -> String { (format == .text ? TextWrap.wrapped(line) : line) + gap }
            var out = taskTable(title: title).rendered(as: format) + "\n"
            out += notes.map(prose).joined()
            for p in projections {
                out += "\n" + projectionTable(p).rendered(as: format) + "\n"
                out += projectionNotes(p).map(prose).joined()
            }
            if weekly { out += "\n" + weeklyTable(title: "By week (hours)").rendered(as: format) }
            return out
        }
    }

    /// The CSV table: per task, today's hours and each policy's projected and freed hours per
    /// week with their interval ends, as plain numbers.
    func csvTable() -> ReportTable {
        var columns: [ReportTable.Column] = [.init("task"), .init("agent_can_take"), .init("hours"), .init("hours_per_week"),
                                             .init("share")]
        for p in projections {
            for field in ["projected", "projected_lo", "projected_hi", "freed", "freed_lo", "freed_hi", "basis"] {
                columns.append(.init("\(p.label) \(field)"))
            }
        }
        var table = ReportTable(columns: columns)
        let minutes = minutesByTask, total = totalMinutes
        func n(_ x: Double) -> String { ChartNumberFormat.fixed(abs(x) < 0.005 ? 0 : x, decimals: 2) }
        for (i, task) in TimesheetTask.allCases.enumerated() {
            var row = [task.rawValue, isAgentWork(task) ? "yes" : "no", n(minutes[i] / 60), n(hoursPerWeek(minutes: minutes[i])),
                       total > 0 ? ChartNumberFormat.fixed(minutes[i] / total, decimals: 4) : ""]
            for p in projections {
                let f = freed(task: i, p.hours[i])
                row += [n(p.hours[i].mean), n(p.hours[i].lo), n(p.hours[i].hi), n(f.mean), n(f.lo), n(f.hi), p.basis[i].label]
            }
            table.append(row)
        }
        return table
    }

    /// The audit as JSON with sorted keys and fixed decimals (hours to 2 places, shares to 4),
    /// byte-identical for the same ledger. `projections` holds one object per policy given:
    /// its total and freed hours per week and each task's, as `{mean, lo, hi}`, with the basis.
    public func json() -> String {
        let minutes = minutesByTask
        let total = totalMinutes
        func number(_ value: Double, _ decimals: Int) -> String { ChartNumberFormat.fixed(value, decimals: decimals) }
        func hours(_ minutes: Double) -> String { number(minutes / 60, 2) }
        var tasks: [String] = []
        for (index, task) in TimesheetTask.allCases.enumerated() {
            var fields = [
                "\"agentCanTake\": \(isAgentWork(task))",
                "\"hours\": \(hours(minutes[index]))",
                "\"hoursPerWeek\": \(number(hoursPerWeek(minutes: minutes[index]), 2))",
            ]
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
        func interval(_ v: Interval) -> String {
            v.mean.isFinite ? "{ \"hi\": \(number(v.hi, 2)), \"lo\": \(number(v.lo, 2)), \"mean\": \(number(v.mean, 2)) }" : "null"
        }
        let projectionObjects = projections.map { p -> String in
            let byTask = TimesheetTask.allCases.enumerated().map { i, task in
                "      { \"basis\": \(JSONText.string(p.basis[i].label)), \"freedHoursPerWeek\": \(interval(freed(task: i, p.hours[i]))), "
                    + "\"hoursPerWeek\": \(interval(p.hours[i])), \"task\": \(JSONText.string(task.rawValue)) }"
            }
            return "    { \"freedHoursPerWeek\": \(interval(p.freed)), \"hoursPerWeek\": \(interval(p.total)), "
                + "\"policy\": \(JSONText.string(p.policy)),\n      \"tasks\": [\n" + byTask.joined(separator: ",\n")
                + "\n      ], \"verified\": \(p.isVerified) }"
        }
        var out = "{\n"
        out += "  \"agentShare\": \(automatableShare.map { number($0, 4) } ?? "null"),\n"
        out += "  \"classification\": \(JSONText.string(classification.source)),\n"
        out += "  \"from\": \(JSONText.string(from.iso)),\n"
        out += "  \"hoursPerWeek\": \(number(hoursPerWeek(minutes: total), 2)),\n"
        out += "  \"projections\": [" + (projectionObjects.isEmpty ? "" : "\n" + projectionObjects.joined(separator: ",\n") + "\n  ")
            + "],\n"
        out += "  \"sources\": { \"estimatedHours\": \(hours(estimatedMinutes)), \"loggedActionHours\": \(hours(loggedActionMinutes)), "
            + "\"timesheetHours\": \(hours(timesheetMinutes)), \"timesheetWeeks\": \(timesheetWeeks), \"weeks\": \(weeks.count) },\n"
        out += "  \"tasks\": [\n" + tasks.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"to\": \(JSONText.string(to.iso)),\n"
        out += "  \"totalHours\": \(hours(total)),\n"
        out += "  \"weekly\": [\n" + weekly.joined(separator: ",\n") + (weekly.isEmpty ? "" : "\n") + "  ]\n"
        out += "}\n"
        return out
    }

    /// Hours per week by task as stacked bars: with projections, "now" (the window's average)
    /// against each policy; without, one bar per week of history.
    public func chart() -> StackedBarChart {
        let tasks = TimesheetTask.allCases
        let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#999999"]
        if !projections.isEmpty {
            let now = minutesByTask.map { hoursPerWeek(minutes: $0) }
            return StackedBarChart.hoursByTask(
                categories: ["Now (\(from.iso) to \(to.iso))"] + projections.map { "\($0.label) (projected)" },
                tasks: tasks.enumerated().map { i, task in
                    BarSeries(name: task.title, values: [now[i]] + projections.map { $0.hours[i].mean }, color: palette[i])
                },
                title: "Hours per week on AR work, by task",
                subtitle: "Average hours per week; the projections are the simulator's means.")
        }
        return StackedBarChart.hoursByTask(
            categories: weeks.map { $0.weekOf.iso },
            tasks: tasks.enumerated().map { i, task in
                BarSeries(name: task.title, values: weeks.map { $0.minutes[i] / 60 }, color: palette[i])
            },
            by: "Week of", title: "Hours per week on AR work, by task",
            subtitle: "\(from.iso) to \(to.iso); " + (timesheetWeeks == weeks.count ? "all weeks from timesheets."
                : "\(timesheetWeeks) of \(weeks.count) weeks from timesheets, the rest estimated from the ledger."))
    }
}

/// JSON string literals.
enum JSONText {
    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String { CanonicalJSON.quoted(text) }
}
