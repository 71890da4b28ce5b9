import RecoupPolicy

/// The cohort's own outcomes as the ledger records them, by the formulas of the projection
/// (SPEC §3 cohort DSO, §6 rates): what the back-test replay of the history must reproduce.
///
/// An invoice still open at the ledger's last day is counted as written off `W` days after its
/// due date (`W` = `ReplayCohort.historyWriteOffAfterDays`), as the replay would; `unresolved`
/// says how many there are (a window that ends too close to the ledger's end has many).
public struct HistoryActuals: Sendable, Equatable {
    public var invoices: Int
    public var dso: Double
    public var collectionRate: Double
    public var collectionRate90: Double
    public var writeOffRate: Double
    /// Invoices of the cohort still open at the ledger's end.
    public var unresolved: Int

    /// Per cohort invoice: its cohort-DSO days ((collected × days + written off × days) / amount)
    /// and its collected share, by the same rules as the totals.
    static func perInvoice(ledger: Ledger, cohort: ReplayCohort) -> (dsoDays: [Double], collectedShare: [Double]) {
        var days = [Double](repeating: 0, count: cohort.count), shares = [Double](repeating: 0, count: cohort.count)
        walk(ledger: ledger, cohort: cohort) { g, collected, _, _, weightedDays in
            let amount = Double(cohort.amount[g])
            days[g] = weightedDays / amount
            shares[g] = collected / amount
        }
        return (days, shares)
    }

    /// Computes the actuals of `cohort` from `ledger`.
    /// - Complexity: O(ledger rows).
    public init(ledger: Ledger, cohort: ReplayCohort) {
        var invoiced = 0.0, collected = 0.0, collected90 = 0.0, writtenOff = 0.0, dayWeighted = 0.0
        var unresolved = 0
        HistoryActuals.walk(ledger: ledger, cohort: cohort) { g, c, c90, w, days in
            invoiced += Double(cohort.amount[g])
            collected += c; collected90 += c90; writtenOff += w; dayWeighted += days
        } unresolved: { unresolved += 1 }
        invoices = cohort.count
        dso = dayWeighted / invoiced
        collectionRate = collected / invoiced
        collectionRate90 = collected90 / invoiced
        writeOffRate = writtenOff / invoiced
        self.unresolved = unresolved
    }

    /// Calls `each` for every cohort invoice with its collected, collected-within-90,
    /// written-off amounts and its amount-weighted days (minor units × days).
    static func walk(ledger: Ledger, cohort: ReplayCohort,
                     each: (Int, Double, Double, Double, Double) -> Void, unresolved: () -> Void = {}) {
        var position: [String: Int] = [:]
        for (g, id) in cohort.invoiceIDs.enumerated() { position[id] = g }
        var payments = [[(day: Int, amount: Int64)]](repeating: [], count: cohort.count)
        for p in ledger.payments {
            if let id = p.invoiceID, let g = position[id] { payments[g].append((p.receivedOn.ordinal, p.amount.minorUnits)) }
        }
        var writeOffs = [[(day: Int, amount: Int64)]](repeating: [], count: cohort.count)
        var credits = [[(day: Int, amount: Int64)]](repeating: [], count: cohort.count)
        for a in ledger.adjustments {
            guard let g = position[a.invoiceID] else { continue }
            if a.kind == .writeOff { writeOffs[g].append((a.on.ordinal, a.amount.minorUnits)) } else { credits[g].append((a.on.ordinal, a.amount.minorUnits)) }
        }
        for g in 0..<cohort.count {
            let issued = cohort.issuedOn[g], due = cohort.dueOn[g]
            var open = cohort.amount[g]
            var collected = 0.0, collected90 = 0.0, writtenOff = 0.0, dayWeighted = 0.0
            // Events in day order; on one day credits, then payments, then write-offs.
            var events: [(day: Int, order: Int, amount: Int64)] = []
            events += credits[g].map { ($0.day, 0, $0.amount) }
            events += payments[g].map { ($0.day, 1, $0.amount) }
            events += writeOffs[g].map { ($0.day, 2, $0.amount) }
            events.sort { ($0.day, $0.order) < ($1.day, $1.order) }
            for e in events where open > 0 {
                let amount = min(open, e.amount)
                open -= amount
                let a = Double(amount)
                switch e.order {
                case 1:
                    collected += a
                    dayWeighted += a * Double(e.day - issued)
                    if e.day - due <= 90 { collected90 += a }
                case 2:
                    writtenOff += a
                    dayWeighted += a * Double(e.day - issued)
                default: break
                }
            }
            if open > 0 {
                unresolved()
                let a = Double(open)
                writtenOff += a
                dayWeighted += a * Double(due + cohort.historyWriteOffAfterDays - issued)
            }
            each(g, collected, collected90, writtenOff, dayWeighted)
        }
    }
}
