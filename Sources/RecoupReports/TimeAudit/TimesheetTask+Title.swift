import RecoupPolicy

extension TimesheetTask {
    /// The task's name as written in reports (`data entry`).
    public var title: String {
        switch self {
        case .dataEntry: return "data entry"
        default: return rawValue
        }
    }
}
