import RecoupPolicy

/// SPEC §6's outcome fields for one cohort of invoices in one run, with the exact sums behind them.
public struct CohortOutcomes: Sendable, Hashable, Codable {
    public var invoices: Int
    /// Σ invoice amounts.
    public var invoiced: Money
    /// Σ collected (before write-off).
    public var collected: Money
    /// Σ received within 90 days after `due_on`.
    public var collectedWithin90: Money
    public var writtenOff: Money
    public var credited: Money
    /// Σ amount × days from issue to its receipt, credit note or write-off (open amounts: to the
    /// horizon's last day), in minor-unit-days. A `Double` of exact integer products (as the
    /// KPI report's cohort DSO): exact while below 2^53, and never overflowing, since within
    /// `LedgerLimits` (10^17 minor units × 110,000 days) the sum can exceed `Int64`.
    public var weightedDays: Double
    public var cost: Money
    public var contacts: Int
    /// Human minutes by task, in `TimesheetTask.allCases` order.
    public var humanMinutesByTask: [Double]
    /// Days in the cohort's issue window.
    public var issueWindowDays: Int

    /// Cohort DSO (SPEC §3): `weightedDays / invoiced`.
    public var dso: Double { invoiced.minorUnits > 0 ? weightedDays / Double(invoiced.minorUnits) : 0 }
    /// Collected before write-off / invoiced.
    public var collectionRate: Double { ratio(collected) }
    /// Received within 90 days after due / invoiced (SPEC §3, H = 90).
    public var collectionRate90: Double { ratio(collectedWithin90) }
    /// Written off / invoiced.
    public var writeOffRate: Double { ratio(writtenOff) }
    /// Credited / invoiced.
    public var creditRate: Double { ratio(credited) }
    /// Cost / invoices, in currency units.
    public var costPerInvoice: Double { invoices > 0 ? cost.units / Double(invoices) : 0 }
    /// Total human minutes.
    public var humanMinutes: Double { humanMinutesByTask.reduce(0, +) }
    /// Human minutes / 60 / (issue-window days / 7).
    public var humanHoursPerWeek: Double {
        issueWindowDays > 0 ? humanMinutes / 60 / (Double(issueWindowDays) / 7) : 0
    }
    /// Contacts / invoices.
    public var contactsPerInvoice: Double { invoices > 0 ? Double(contacts) / Double(invoices) : 0 }

    private func ratio(_ m: Money) -> Double {
        invoiced.minorUnits > 0 ? Double(m.minorUnits) / Double(invoiced.minorUnits) : 0
    }
}
