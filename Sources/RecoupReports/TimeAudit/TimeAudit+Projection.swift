import RecoupPolicy
import RecoupSimulation

extension TimeAudit {
    /// The hours per week by task under a simulated policy, for `TimeAuditReport.projection`.
    ///
    /// Simulated tasks map onto timesheet tasks: reminders sent by hand and copilot reviews →
    /// `reminders`; calls → `calls`; disputes → `disputes`; promise follow-ups → `other`. Work the
    /// simulator does not model (reconciliation, data entry, reporting) is carried over from
    /// `now` unchanged, since a reminder policy does not change it.
    public static func projection(_ p: SimulationReport.Projection, now: TimeAuditReport) -> TimeAuditReport.Projection {
        func mean(_ m: ProjectionMetric) -> Double { p.figures[m]?.mean ?? 0 }
        let hours = TimesheetTask.allCases.enumerated().map { i, task -> Double in
            switch task {
            case .reminders: return mean(.reminderHoursPerWeek) + mean(.reviewHoursPerWeek)
            case .calls: return mean(.callHoursPerWeek)
            case .disputes: return mean(.disputeHoursPerWeek)
            case .other: return mean(.promiseFollowUpHoursPerWeek)
            case .reconciliation, .dataEntry, .reporting: return now.hoursPerWeek(minutes: now.minutesByTask[i])
            }
        }
        return TimeAuditReport.Projection(policy: p.policy, hoursPerWeek: hours, isVerified: p.isVerified)
    }
}
