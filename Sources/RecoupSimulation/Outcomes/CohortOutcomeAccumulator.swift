import RecoupPolicy

/// Accumulates a cohort's outcomes invoice by invoice (SPEC §3 cohort DSO, SPEC §6 fields).
///
/// Money sums are exact minor units (within `LedgerLimits` every one fits in `Int64`); DSO's
/// numerator is a `Double` sum of exact integer products amount × days. An amount neither collected, credited nor written off by the horizon counts
/// as open until `horizonEnd` (so it still weighs on DSO; pass a horizon long enough for every
/// invoice to close — write-off at 120 dpd — to get the exact SPEC figure).
///
/// ```swift
/// var acc = CohortOutcomeAccumulator(issueWindowDays: 365, horizonEnd: end)
/// acc.add(outcome)
/// let dso = acc.outcomes.dso
/// ```
public struct CohortOutcomeAccumulator: Sendable, Hashable {
    public private(set) var outcomes: CohortOutcomes
    public let horizonEnd: Day?

    /// - Parameters:
    ///   - issueWindowDays: days in the cohort's issue window (for hours per week).
    ///   - horizonEnd: the last simulated day (amounts still open count to it); nil = every
    ///     invoice is expected to be closed.
    public init(issueWindowDays: Int, horizonEnd: Day? = nil) {
        outcomes = CohortOutcomes(invoices: 0, invoiced: .zero, collected: .zero, collectedWithin90: .zero,
                                  writtenOff: .zero, credited: .zero, weightedDays: 0, cost: .zero, contacts: 0,
                                  humanMinutesByTask: [Double](repeating: 0, count: TimesheetTask.allCases.count),
                                  issueWindowDays: issueWindowDays)
        self.horizonEnd = horizonEnd
    }

    /// Adds one invoice.
    /// - Complexity: O(collections + credit notes).
    public mutating func add(_ invoice: InvoiceOutcome) {
        outcomes.invoices += 1
        outcomes.invoiced += invoice.amount
        var closed = Money.zero
        for c in invoice.collections {
            outcomes.collected += c.amount
            if c.on - invoice.dueOn <= 90 { outcomes.collectedWithin90 += c.amount }
            outcomes.weightedDays += Double(c.amount.minorUnits) * Double(c.on - invoice.issuedOn)
            closed += c.amount
        }
        for c in invoice.creditNotes {
            outcomes.credited += c.amount
            outcomes.weightedDays += Double(c.amount.minorUnits) * Double(c.on - invoice.issuedOn)
            closed += c.amount
        }
        if let w = invoice.writeOff {
            outcomes.writtenOff += w.amount
            outcomes.weightedDays += Double(w.amount.minorUnits) * Double(w.on - invoice.issuedOn)
            closed += w.amount
        }
        let open = (invoice.amount - closed).flooredAtZero
        if open > .zero, let end = horizonEnd {
            outcomes.weightedDays += Double(open.minorUnits) * Double(max(0, end - invoice.issuedOn))
        }
        outcomes.contacts += invoice.contacts
        outcomes.cost += invoice.cost
        for (i, m) in invoice.humanMinutes.enumerated() where i < outcomes.humanMinutesByTask.count {
            outcomes.humanMinutesByTask[i] += m
        }
    }

    /// Adds cost and human minutes not attributed to any one invoice (e.g. a consolidated
    /// contact's shared cost).
    public mutating func addUnattributed(cost: Money, minutes: Double, task: TimesheetTask) {
        outcomes.cost += cost
        if let i = TimesheetTask.allCases.firstIndex(of: task) { outcomes.humanMinutesByTask[i] += minutes }
    }

    /// Merges another accumulator of the same cohort definition (e.g. from a parallel shard).
    public mutating func merge(_ other: CohortOutcomeAccumulator) {
        let o = other.outcomes
        outcomes.invoices += o.invoices
        outcomes.invoiced += o.invoiced
        outcomes.collected += o.collected
        outcomes.collectedWithin90 += o.collectedWithin90
        outcomes.writtenOff += o.writtenOff
        outcomes.credited += o.credited
        outcomes.weightedDays += o.weightedDays
        outcomes.cost += o.cost
        outcomes.contacts += o.contacts
        for i in outcomes.humanMinutesByTask.indices { outcomes.humanMinutesByTask[i] += o.humanMinutesByTask[i] }
    }
}
