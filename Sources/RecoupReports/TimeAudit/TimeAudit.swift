import RecoupPolicy
import RecoupSimulation

/// Builds the historical time audit from a ledger.
///
/// For each week (Monday to Sunday) overlapping the window:
/// - if any timesheet row falls in the window that week, the week's minutes are its timesheet
///   rows by task (a timesheet is taken as the complete record of its weeks, so ledger events
///   are not added on top and nothing is counted twice);
/// - otherwise they are estimated from the ledger, with the cost model's human minutes
///   (SPEC §5): each action made by a person (actor `human`, or channel `call`) counts its
///   logged `minutes` if present, else the channel's minutes (email 4, sms 2, call 9, letter 6;
///   task `calls` for calls, `reminders` otherwise); an agent action counts only logged minutes
///   (a copilot review, task `reminders`); each dispute opened, 45 minutes of `disputes`; each
///   promise made, 5 minutes of `other` (follow-up); each unapplied payment received, 6 minutes
///   of `reconciliation` (an exception to match by hand).
///
/// Only days inside the window count, so a partial first or last week holds only its days in
/// the window; hours per week divide by the window's days / 7.
public enum TimeAudit {
    /// The audit of `ledger` from `from` to `to` (inclusive).
    ///
    /// - Parameters:
    ///   - from: first day; default the first day with any collections activity (timesheet row,
    ///     action, dispute, promise, unapplied payment).
    ///   - to: last day; default the last such day.
    ///   - costs: the cost model whose human minutes estimate weeks without timesheets.
    /// - Throws: `TimeAuditError` when the window is empty or there is no activity to default it from.
    /// - Complexity: O(rows + weeks).
    public static func make(ledger: Ledger, from: Day? = nil, to: Day? = nil,
                            costs: CostModel = CostModel()) throws(TimeAuditError) -> TimeAuditReport {
        let events = ledgerEvents(ledger, costs: costs)
        let activityDays = ledger.timesheet.map(\.date) + events.map(\.day)
        guard let first = from ?? activityDays.min(), let last = to ?? activityDays.max() else {
            throw .noActivity
        }
        guard first <= last else { throw .emptyWindow(from: first, to: last) }

        let firstMonday = monday(of: first)
        let weekCount = (monday(of: last) - firstMonday) / 7 + 1
        let taskCount = TimesheetTask.allCases.count
        var timesheet = Array(repeating: Array(repeating: 0.0, count: taskCount), count: weekCount)
        var hasTimesheet = Array(repeating: false, count: weekCount)
        for row in ledger.timesheet where first <= row.date && row.date <= last {
            let week = (row.date - firstMonday) / 7
            timesheet[week][TimeAuditReport.index(row.task)] += row.minutes
            hasTimesheet[week] = true
        }
        var estimated = Array(repeating: Array(repeating: 0.0, count: taskCount), count: weekCount)
        var logged = Array(repeating: 0.0, count: weekCount)
        var guessed = Array(repeating: 0.0, count: weekCount)
        for event in events where first <= event.day && event.day <= last {
            let week = (event.day - firstMonday) / 7
            estimated[week][TimeAuditReport.index(event.task)] += event.minutes
            if event.isLogged { logged[week] += event.minutes } else { guessed[week] += event.minutes }
        }

        var weeks: [TimeAuditReport.Week] = []
        var timesheetMinutes = 0.0
        var loggedMinutes = 0.0
        var estimatedMinutes = 0.0
        for week in 0..<weekCount {
            let start = firstMonday + 7 * week
            if hasTimesheet[week] {
                weeks.append(.init(weekOf: start, source: .timesheet, minutes: timesheet[week]))
                timesheetMinutes += timesheet[week].reduce(0, +)
            } else {
                weeks.append(.init(weekOf: start, source: .ledger, minutes: estimated[week]))
                loggedMinutes += logged[week]
                estimatedMinutes += guessed[week]
            }
        }
        return TimeAuditReport(from: first, to: last, weeks: weeks, timesheetMinutes: timesheetMinutes,
                               loggedActionMinutes: loggedMinutes, estimatedMinutes: estimatedMinutes)
    }

    /// The Monday of `day`'s ISO week.
    static func monday(of day: Day) -> Day { day - (day.isoWeekday - 1) }

    /// A piece of human work found in the ledger.
    struct Event {
        var day: Day
        var task: TimesheetTask
        var minutes: Double
        /// From the action's `minutes` column rather than the cost model.
        var isLogged: Bool
    }

    static func ledgerEvents(_ ledger: Ledger, costs: CostModel) -> [Event] {
        var events: [Event] = []
        events.reserveCapacity(ledger.actions.count + ledger.disputes.count + ledger.promises.count)
        for action in ledger.actions {
            let byPerson = action.actor == .human || action.channel == .call
            if byPerson {
                let standard = costs.contact(channel: action.channel, actor: .human, execution: .automated)
                if let minutes = action.minutes, minutes.isFinite, minutes >= 0 {
                    events.append(Event(day: action.at, task: standard.task, minutes: minutes, isLogged: true))
                } else {
                    events.append(Event(day: action.at, task: standard.task, minutes: standard.humanMinutes, isLogged: false))
                }
            } else if let minutes = action.minutes, minutes.isFinite, minutes > 0 {
                events.append(Event(day: action.at, task: .reminders, minutes: minutes, isLogged: true))
            }
        }
        for dispute in ledger.disputes {
            let cost = costs.dispute
            events.append(Event(day: dispute.openedOn, task: cost.task, minutes: cost.humanMinutes, isLogged: false))
        }
        for promise in ledger.promises {
            let cost = costs.promiseFollowUp
            events.append(Event(day: promise.madeOn, task: cost.task, minutes: cost.humanMinutes, isLogged: false))
        }
        for payment in ledger.payments where payment.invoiceID == nil {
            let cost = costs.reconciliationException
            events.append(Event(day: payment.receivedOn, task: cost.task, minutes: cost.humanMinutes, isLogged: false))
        }
        return events
    }
}

/// Why a time audit cannot be made.
public enum TimeAuditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No timesheet rows and no actions, disputes, promises or unapplied payments to audit.
    case noActivity
    /// `--from` after `--to`.
    case emptyWindow(from: Day, to: Day)

    public var description: String {
        switch self {
        case .noActivity:
            return "the store has no timesheet rows and no actions, disputes, promises or unapplied payments to audit; import a bundle with timesheet.csv or actions.csv first"
        case .emptyWindow(let from, let to):
            return "the window \(from.iso) … \(to.iso) is empty: --from must be on or before --to"
        }
    }
}
