/// Human minutes per item, used to estimate collections work from the ledger where no
/// timesheet covers a week (SPEC §5 defaults).
///
/// Mirrors `CostModel.HumanMinutes` of the simulator's cost model (wt-world,
/// Sources/RecoupSimulation/Costs) field for field, and assigns minutes to timesheet tasks the
/// way `CostModel.contact(channel:actor:execution:)` does, so the time audit's "now" and the
/// simulator's projected hours count the same work the same way.
/// TODO(lead): once the cost model is on main, add `init(_ costs: CostModel)` copying
/// `costs.humanMinutes` and pass it from `--costs` in `recoup report time-audit`.
public struct TimeAuditMinutes: Sendable, Equatable {
    public var email = 4.0
    public var sms = 2.0
    public var call = 9.0
    public var letter = 6.0
    public var dispute = 45.0
    public var promiseFollowUp = 5.0
    public var reconciliationException = 6.0

    public init() {}

    /// Minutes and task of a person's contact on `channel` (a person's voice call is a call).
    public func contact(channel: Channel) -> (minutes: Double, task: TimesheetTask) {
        switch channel {
        case .email: return (email, .reminders)
        case .sms: return (sms, .reminders)
        case .voiceAgent, .call: return (call, .calls)
        case .letter: return (letter, .reminders)
        }
    }
}

extension TimesheetTask {
    /// Whether a collections policy can take this work over: sending reminders and making
    /// routine calls can be automated or reduced to a copilot review; handling disputes,
    /// reconciling payments, data entry, reporting and the rest stay with people.
    public var isAutomatableByPolicy: Bool {
        switch self {
        case .reminders, .calls: return true
        case .disputes, .reconciliation, .dataEntry, .reporting, .other: return false
        }
    }

    /// The task's name as written in reports (`data entry`).
    public var title: String {
        switch self {
        case .dataEntry: return "data entry"
        default: return rawValue
        }
    }
}
