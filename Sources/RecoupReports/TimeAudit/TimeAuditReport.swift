import RecoupPolicy
import RecoupSimulation

/// Hours spent on collections, by task, per week and in total, over a window (SPEC §3 "human
/// hours"; `recoup report time-audit`).
///
/// Made by `TimeAudit.make(ledger:from:to:minutes:)`. Minutes are kept per task in the order
/// of `TimesheetTask.allCases`; hours per week are minutes / 60 / (days in the window / 7).
public struct TimeAuditReport: Sendable, Equatable {
    /// The first day of the window.
    public var from: Day
    /// The last day of the window (inclusive).
    public var to: Day
    /// Weeks (Monday to Sunday) overlapping the window, oldest first.
    public var weeks: [Week]
    /// Minutes taken from timesheet rows.
    public var timesheetMinutes: Double
    /// Minutes taken from the `minutes` column of logged actions (weeks without timesheet rows).
    public var loggedActionMinutes: Double
    /// Minutes estimated from ledger events with `TimeAuditMinutes` (weeks without timesheet
    /// rows, actions without logged minutes, disputes, promises, unapplied payments).
    public var estimatedMinutes: Double
    /// Projected hours per week under a policy, from the simulator; nil until one is supplied.
    ///
    /// The simulator (`recoup simulate`) reports `humanHoursPerWeek` and will report it by task;
    /// `recoup report time-audit --policy P` is to fill this in, and every rendering then adds
    /// a "projected" column (the table, JSON, CSV, Markdown and the chart's second bar).
    public var projection: Projection?

    public init(from: Day, to: Day, weeks: [Week], timesheetMinutes: Double, loggedActionMinutes: Double,
                estimatedMinutes: Double, projection: Projection? = nil) {
        self.from = from
        self.to = to
        self.weeks = weeks
        self.timesheetMinutes = timesheetMinutes
        self.loggedActionMinutes = loggedActionMinutes
        self.estimatedMinutes = estimatedMinutes
        self.projection = projection
    }

    /// Where a week's minutes come from.
    public enum Source: String, Sendable, Equatable, Codable {
        /// Timesheet rows (taken as the complete record of that week).
        case timesheet
        /// Estimated from the ledger: logged action minutes where present, else SPEC §5 minutes.
        case ledger
    }

    /// One week's minutes by task.
    public struct Week: Sendable, Equatable {
        /// The Monday the week starts on (it may start before the window).
        public var weekOf: Day
        public var source: Source
        /// Minutes per task, indexed like `TimesheetTask.allCases`.
        public var minutes: [Double]

        public init(weekOf: Day, source: Source, minutes: [Double]) {
            self.weekOf = weekOf
            self.source = source
            self.minutes = minutes
        }

        public subscript(task: TimesheetTask) -> Double { minutes[TimeAuditReport.index(task)] }
        public var total: Double { minutes.reduce(0, +) }
    }

    /// A policy's projected hours per week by task.
    public struct Projection: Sendable, Equatable {
        public var policy: String
        /// Hours per week, indexed like `TimesheetTask.allCases`.
        public var hoursPerWeek: [Double]
        /// Whether the policy was verified (false under `--unverified`: the title, column and
        /// JSON then say so).
        public var isVerified: Bool
        public init(policy: String, hoursPerWeek: [Double], isVerified: Bool = true) {
            self.policy = policy
            self.hoursPerWeek = hoursPerWeek
            self.isVerified = isVerified
        }
        /// The policy's name, tagged `[UNVERIFIED]` when not verified.
        public var label: String { UnverifiedMarking.label(policy, isVerified: isVerified) }
        public var total: Double { hoursPerWeek.reduce(0, +) }
    }

    static func index(_ task: TimesheetTask) -> Int {
        TimesheetTask.allCases.firstIndex(of: task) ?? 0
    }

    /// Days in the window.
    public var days: Int { to - from + 1 }

    /// Minutes per task over the window, indexed like `TimesheetTask.allCases`.
    public var minutesByTask: [Double] {
        TimesheetTask.allCases.indices.map { i in weeks.reduce(0) { $0 + $1.minutes[i] } }
    }

    public var totalMinutes: Double { minutesByTask.reduce(0, +) }

    /// Hours per week of `minutes` over the window.
    public func hoursPerWeek(minutes: Double) -> Double {
        minutes / 60 / (Double(days) / 7)
    }

    /// Minutes of work a policy can automate (reminders, calls).
    public var automatableMinutes: Double {
        zip(TimesheetTask.allCases, minutesByTask).reduce(0) { $0 + ($1.0.isAutomatableByPolicy ? $1.1 : 0) }
    }

    /// The share of logged work a policy can automate; nil when no work is recorded.
    public var automatableShare: Double? {
        totalMinutes > 0 ? automatableMinutes / totalMinutes : nil
    }

    /// Weeks whose minutes come from timesheets.
    public var timesheetWeeks: Int { weeks.filter { $0.source == .timesheet }.count }
}
