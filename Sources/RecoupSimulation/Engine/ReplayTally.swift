/// The additive sums one client's replay contributes to a run, as a fixed-length `[Double]`
/// indexed by `ReplayTally.Field` (so a run's total is a weighted sum of clients' tallies:
/// the bootstrap re-weights clients without re-simulating them).
///
/// Money is summed in minor units; days are calendar days; minutes are human minutes.
public enum ReplayTally {
    public enum Field: Int, CaseIterable, Sendable {
        case invoices, invoiced, collected, collected90, writtenOff, credited
        /// Σ collected amount × days from issue to receipt.
        case collectedDays
        /// Σ written-off amount × days from issue to write-off.
        case writtenOffDays
        /// Collections cost of SPEC §5 in minor units: channel prices and human time at the hourly rate.
        case cost
        case reminderMinutes, callMinutes, reviewMinutes, disputeMinutes, promiseMinutes
        /// Contacts made (a consolidated message counts once).
        case contacts
        case escalations, promises, disputes, reviews
        /// Open invoice-days simulated (the work done).
        case invoiceDays
    }

    /// The number of fields.
    public static let width = Field.allCases.count
}

extension Array where Element == Double {
    @inline(__always) subscript(_ field: ReplayTally.Field) -> Double {
        get { self[field.rawValue] }
        set { self[field.rawValue] = newValue }
    }
}
