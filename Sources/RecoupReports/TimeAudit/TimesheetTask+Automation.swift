import RecoupPolicy

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
