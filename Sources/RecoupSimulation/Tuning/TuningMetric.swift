/// A figure the tuner can minimise, maximise or constrain (`--pick`), by its short name.
public enum TuningMetric: String, CaseIterable, Sendable, Hashable {
    /// Cohort DSO, days.
    case dso
    /// Cost per invoice, currency units.
    case cost
    /// Collection rate, a share in [0, 1].
    case collectionRate
    /// Human hours per week.
    case humanHours
    /// Write-off rate, a share in [0, 1].
    case writeOffRate

    /// The metric named `name`: the short names above, case-insensitively, or the SPEC §6 names
    /// `costPerInvoice` and `humanHoursPerWeek`.
    public init?(name: String) {
        switch name.lowercased() {
        case "dso": self = .dso
        case "cost", "costperinvoice": self = .cost
        case "collectionrate": self = .collectionRate
        case "humanhours", "humanhoursperweek": self = .humanHours
        case "writeoffrate": self = .writeOffRate
        default: return nil
        }
    }

    /// The names `init(name:)` lists in an error message.
    static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
