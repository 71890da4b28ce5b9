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

    /// Days since issue at which the amount collected so far is also tallied (the cash-collected
    /// curve of reports): slot `Field.allCases.count + i` holds Σ collected with
    /// `receipt − issued_on <= collectedByDays[i]`.
    public static let collectedByDays: [Int] = Array(stride(from: 0, through: 180, by: 10))

    /// The slot of `collectedByDays[i]`.
    public static func collectedBySlot(_ i: Int) -> Int { Field.allCases.count + i }

    /// The slot of the history's contacts in days-past-due band `b` (`HistoryPolicy.dpdBands`):
    /// tallied by the history replays only, for the fit of the estimated policy.
    public static func contactsByBandSlot(_ b: Int) -> Int { Field.allCases.count + collectedByDays.count + b }

    /// The slot of the history's contacts in channel `c` (`Channel.allCases` order), likewise.
    public static func contactsByChannelSlot(_ c: Int) -> Int {
        Field.allCases.count + collectedByDays.count + HistoryPolicy.dpdBands.count + c
    }

    /// The number of slots: the fields, the cash-collected curve, the history's contacts by
    /// band and by channel.
    public static let width = Field.allCases.count + collectedByDays.count + HistoryPolicy.dpdBands.count + 5
}

extension Array where Element == Double {
    @inline(__always) subscript(_ field: ReplayTally.Field) -> Double {
        get { self[field.rawValue] }
        set { self[field.rawValue] = newValue }
    }
}
