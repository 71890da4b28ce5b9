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
    /// Projected hours per week under each policy given (`recoup report time-audit --policy P …`),
    /// from the simulator; empty without a policy.
    public var projections: [Projection]
    /// The classification the projections used (which AR work an agent can take).
    public var classification: TaskClassification = .standard

    public init(from: Day, to: Day, weeks: [Week], timesheetMinutes: Double, loggedActionMinutes: Double,
                estimatedMinutes: Double, projections: [Projection] = []) {
        self.from = from
        self.to = to
        self.weeks = weeks
        self.timesheetMinutes = timesheetMinutes
        self.loggedActionMinutes = loggedActionMinutes
        self.estimatedMinutes = estimatedMinutes
        self.projections = projections
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

    /// A policy's projected hours per week by task, each with its 95% interval over the runs.
    public struct Projection: Sendable, Equatable {
        public var policy: String
        /// Hours per week, indexed like `TimesheetTask.allCases`.
        public var hours: [Interval]
        /// How each task's hours were projected, indexed like `hours`.
        public var basis: [ProjectionBasis]
        /// All tasks, summed run by run.
        public var total: Interval
        /// Hours per week freed against now (now's total − the run's total), run by run.
        public var freed: Interval
        /// Whether the policy was verified (false under `--unverified`: the title, column and
        /// JSON then say so).
        public var isVerified: Bool
        /// Hours per week by task in each run (`runHours[task][run]`), for figures derived run by
        /// run (cost per invoice, ROI).
        public var runHours: [[Double]] = []

        public init(policy: String, hours: [Interval], basis: [ProjectionBasis], total: Interval, freed: Interval,
                    isVerified: Bool = true) {
            self.policy = policy
            self.hours = hours
            self.basis = basis
            self.total = total
            self.freed = freed
            self.isVerified = isVerified
        }

        /// The policy's name, tagged `[UNVERIFIED]` when not verified.
        public var label: String { UnverifiedMarking.label(policy, isVerified: isVerified) }
        /// Mean hours per week by task.
        public var hoursPerWeek: [Double] { hours.map(\.mean) }
        /// All tasks' hours per week in each run.
        public var runTotals: [Double] {
            guard let first = runHours.first else { return [] }
            return first.indices.map { r in runHours.reduce(0) { $0 + $1[r] } }
        }
    }

    /// How a task's projected hours were found.
    public enum ProjectionBasis: Sendable, Equatable {
        /// The simulator's, run by run (reminders, calls, disputes, promise follow-ups).
        case simulated
        /// Today's hours × the share of deposits not matched automatically (measured by
        /// `recoup reconcile` over `deposits` deposits).
        case matched(share: Double, deposits: Int)
        /// Today's hours less the share an analyst gave (`--tasks FILE`).
        case given(share: Double)
        /// An agent can take it, but the ledger cannot measure how much: kept at today's hours.
        case notMeasured
        /// Classified as a person's: kept at today's hours.
        case person
        /// The policy runs no agent: kept at today's hours.
        case noAgent

        /// Words for the table's "how" column.
        public var label: String {
            switch self {
            case .simulated: return "simulated"
            case .matched(let share, _): return "agent: \(ReportFormatting.percent(share: share)) matched"
            case .given(let share): return "agent takes \(ReportFormatting.percent(share: share)) (given)"
            case .notMeasured: return "kept: not measurable"
            case .person: return "kept: a person's"
            case .noAgent: return "kept: no agent"
            }
        }

        /// Whether the task stays with people at today's hours.
        public var isKept: Bool {
            switch self {
            case .notMeasured, .person, .noAgent: return true
            case .simulated, .matched, .given: return false
            }
        }
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

    /// Minutes of work an AR agent can take: reminders and routine calls, and the tasks the
    /// classification gives an agent (reconciliation, data entry, reporting by default).
    public var automatableMinutes: Double {
        zip(TimesheetTask.allCases, minutesByTask).reduce(0) { $0 + (isAgentWork($1.0) ? $1.1 : 0) }
    }

    /// Whether an agent can take `task` under the classification: reminders and calls always
    /// (the policy decides how much), disputes and promise follow-ups never.
    public func isAgentWork(_ task: TimesheetTask) -> Bool {
        switch classification.owner(task) {
        case nil: return task == .reminders || task == .calls
        case .person?: return false
        case .agent?, .agentShare?: return true
        }
    }

    /// The share of logged work an agent can take; nil when no work is recorded.
    public var automatableShare: Double? {
        totalMinutes > 0 ? automatableMinutes / totalMinutes : nil
    }

    /// Weeks whose minutes come from timesheets.
    public var timesheetWeeks: Int { weeks.filter { $0.source == .timesheet }.count }
}
