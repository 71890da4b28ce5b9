/// The figures of a projection: the seven of SPEC §6, then extras documented in
/// docs/simulation.md. Raw values are the JSON member names.
public enum ProjectionMetric: String, CaseIterable, Sendable {
    case dso, collectionRate, costPerInvoice, humanHoursPerWeek, contactsPerInvoice, collectionRate90, writeOffRate
    // Extras: human hours per week by task, and events per invoice.
    case reminderHoursPerWeek, callHoursPerWeek, reviewHoursPerWeek, disputeHoursPerWeek, promiseFollowUpHoursPerWeek
    case promisesPerInvoice, disputesPerInvoice, escalationsPerInvoice

    /// The seven figures SPEC §6 fixes, in its order.
    public static let spec: [ProjectionMetric] = [.dso, .collectionRate, .costPerInvoice, .humanHoursPerWeek,
                                                  .contactsPerInvoice, .collectionRate90, .writeOffRate]
    /// The extras, in output order.
    public static let extras: [ProjectionMetric] = Array(allCases.dropFirst(7))

    /// The figure from one run's tally.
    /// - Parameters:
    ///   - windowDays: days in the issue window (for the per-week figures).
    public func value(_ t: [Double], windowDays: Int) -> Double {
        let invoices = t[.invoices], invoiced = t[.invoiced]
        let weeks = Double(windowDays) / 7
        let minutes = t[.reminderMinutes] + t[.callMinutes] + t[.reviewMinutes] + t[.disputeMinutes] + t[.promiseMinutes]
        switch self {
        case .dso: return (t[.collectedDays] + t[.writtenOffDays]) / invoiced
        case .collectionRate: return t[.collected] / invoiced
        case .costPerInvoice: return t[.cost] / 100 / invoices
        case .humanHoursPerWeek: return minutes / 60 / weeks
        case .contactsPerInvoice: return t[.contacts] / invoices
        case .collectionRate90: return t[.collected90] / invoiced
        case .writeOffRate: return t[.writtenOff] / invoiced
        case .reminderHoursPerWeek: return t[.reminderMinutes] / 60 / weeks
        case .callHoursPerWeek: return t[.callMinutes] / 60 / weeks
        case .reviewHoursPerWeek: return t[.reviewMinutes] / 60 / weeks
        case .disputeHoursPerWeek: return t[.disputeMinutes] / 60 / weeks
        case .promiseFollowUpHoursPerWeek: return t[.promiseMinutes] / 60 / weeks
        case .promisesPerInvoice: return t[.promises] / invoices
        case .disputesPerInvoice: return t[.disputes] / invoices
        case .escalationsPerInvoice: return t[.escalations] / invoices
        }
    }

    /// Whether the figure is a share of the amount invoiced: tables for people show it in
    /// percent with one decimal (differences in percentage points); JSON and CSV keep the
    /// fraction.
    var isShare: Bool {
        switch self {
        case .collectionRate, .collectionRate90, .writeOffRate: return true
        default: return false
        }
    }

    /// What a table multiplies the figure by (100 for shares, shown in percent).
    var tableScale: Double { isShare ? 100 : 1 }

    /// Decimal places in tables.
    var tableDecimals: Int {
        switch self {
        case .dso: return 1
        case .collectionRate, .collectionRate90, .writeOffRate: return 1
        case .costPerInvoice: return 2
        default: return 2
        }
    }

    /// The column heading in tables.
    var heading: String {
        switch self {
        case .dso: return "DSO"
        case .collectionRate: return "collected %"
        case .costPerInvoice: return "cost/inv"
        case .humanHoursPerWeek: return "hours/wk"
        case .contactsPerInvoice: return "contacts/inv"
        case .collectionRate90: return "collected@90 %"
        case .writeOffRate: return "written off %"
        default: return rawValue
        }
    }
}

extension ProjectionMetric {
    /// `interval` in the unit tables show (`tableScale`).
    func scaledForTable(_ interval: Interval) -> Interval {
        let k = tableScale
        return k == 1 ? interval : Interval(mean: interval.mean * k, lo: interval.lo * k, hi: interval.hi * k)
    }
}
