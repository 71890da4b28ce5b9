import RecoupPolicy

extension HistoryPolicy {
    /// Estimates the firm's policy from every invoice of `ledger` and its logged actions.
    ///
    /// An invoice is observed on each day from its issue while it is open at the start of the
    /// day (a payment that closes it still leaves its day observed, as contacts come before
    /// payments in a day; a write-off or a credit note that closes it does not), up to the
    /// ledger's last day. On each observed day its cell (`HistoryPolicy.cell`) counts one open
    /// day, and a contacted day if any action is logged that day; each action counts in its
    /// action cell. Actions logged on days the invoice was closed are not counted (the replay
    /// never contacts a closed invoice).
    ///
    /// Smoothing (additive, towards the parent): root `p₀ = contacted / open` over all days;
    /// hold level `p₁ = (c + α p₀) / (n + α)`; band level (hold, dpd band, contacts so far)
    /// `p₂ = (c + α p₁) / (n + α)`; fine cell `p = (c + α p₂) / (n + α)`, α = `smoothing`.
    /// Actions likewise per (hold, dpd band, contacts so far), towards the hold's frequencies,
    /// towards the overall ones.
    /// - Complexity: O(ledger rows + invoice-days observed).
    public init(ledger: Ledger) {
        let end = HistoryPolicy.ledgerEnd(ledger)
        var index: [String: Int] = [:]
        for (i, inv) in ledger.invoices.enumerated() { index[inv.id] = i }
        let n = ledger.invoices.count
        // Closing events: (day, amount, is a payment).
        var events = [[(day: Int, amount: Int64, isPayment: Bool)]](repeating: [], count: n)
        for p in ledger.payments {
            if let id = p.invoiceID, let i = index[id] { events[i].append((p.receivedOn.ordinal, p.amount.minorUnits, true)) }
        }
        for a in ledger.adjustments {
            if let i = index[a.invoiceID] { events[i].append((a.on.ordinal, a.amount.minorUnits, false)) }
        }
        var holds = [[(from: Int, through: Int)]](repeating: [], count: n)
        for d in ledger.disputes {
            guard let i = index[d.invoiceID] else { continue }
            holds[i].append((d.openedOn.ordinal, (d.resolvedOn?.ordinal ?? end.ordinal + 1) - 1))
        }
        for p in ledger.promises {
            guard let i = index[p.invoiceID] else { continue }
            // Held from the day after the promise (the day's own contact came first).
            holds[i].append((p.madeOn.ordinal + 1, p.promisedOn.ordinal + HistoryPolicy.promiseGraceDays))
        }
        var actionsOf = [[CollectionAction]](repeating: [], count: n)
        for a in ledger.actions { if let i = index[a.invoiceID] { actionsOf[i].append(a) } }

        var kinds: [Action] = []
        var minuteSums: [Double] = [], minuteCounts: [Int] = []
        func kind(of a: CollectionAction) -> Int {
            let actor: ActorKind = a.channel == .call ? .human : a.actor
            if let k = kinds.firstIndex(where: { $0.channel == a.channel && $0.actor == actor && $0.tone == a.tone }) { return k }
            kinds.append(Action(channel: a.channel, actor: actor, tone: a.tone, minutes: nil))
            minuteSums.append(0); minuteCounts.append(0)
            return kinds.count - 1
        }
        // Fix the order of the kinds first (by first use in day order, then channel, actor, tone).
        let ordered = ledger.actions.sorted {
            ($0.at.ordinal, $0.channel.rawValue, $0.actor.rawValue, $0.tone.firmness, $0.id)
                < ($1.at.ordinal, $1.channel.rawValue, $1.actor.rawValue, $1.tone.firmness, $1.id)
        }
        for a in ordered where index[a.invoiceID] != nil { _ = kind(of: a) }

        var open = [Double](repeating: 0, count: HistoryPolicy.cellCount)
        var contacted = [Double](repeating: 0, count: HistoryPolicy.cellCount)
        var actionCounts = [Double](repeating: 0, count: HistoryPolicy.actionCellCount * max(1, kinds.count))
        var days = 0, contactDays = 0, secondDays = 0, contactedInvoices = 0
        // Contacts by (channel, actor) and day past due, for the policy in words.
        var timing = [Double](repeating: 0, count: 10 * HistoryPolicy.dpdCount)
        for (i, inv) in ledger.invoices.enumerated() {
            let due = inv.dueOn.ordinal
            let sortedEvents = events[i].sorted { ($0.day, $0.isPayment ? 1 : 0) < ($1.day, $1.isPayment ? 1 : 0) }
            // The last observed day: the closing payment's day, or the day before a closing adjustment.
            var balance = inv.amount.minorUnits
            var last = end.ordinal
            for e in sortedEvents {
                balance -= e.amount
                if balance <= 0 { last = min(end.ordinal, e.isPayment ? e.day : e.day - 1); break }
            }
            let acts = actionsOf[i].sorted { ($0.at, $0.id) < ($1.at, $1.id) }
            var next = 0, contacts = 0
            var lastContact: Int? = nil
            var d = inv.issuedOn.ordinal
            while d <= last {
                while next < acts.count && acts[next].at.ordinal < d { next += 1 }
                var today = 0
                let first = next
                while next < acts.count && acts[next].at.ordinal == d { today += 1; next += 1 }
                let held = holds[i].contains { $0.from <= d && d <= $0.through }
                let dpd = d - due
                let cell = HistoryPolicy.cell(dpd: dpd, contacts: contacts, since: HistoryPolicy.sinceBucket(day: d, lastContact: lastContact),
                                              isWeekend: Day(ordinal: d).isWeekend, isHeld: held)
                open[cell] += 1
                days += 1
                if today > 0 {
                    contacted[cell] += 1
                    contactDays += 1
                    if today > 1 { secondDays += 1 }
                    let actionCell = HistoryPolicy.actionCell(dpd: dpd, contacts: contacts, isHeld: held)
                    if contacts == 0 { contactedInvoices += 1 }
                    for a in acts[first..<(first + today)] {
                        let k = kind(of: a)
                        let actor: ActorKind = a.channel == .call ? .human : a.actor
                        let kindIndex = a.channel.index * 2 + (actor == .human ? 1 : 0)
                        timing[kindIndex * HistoryPolicy.dpdCount + min(max(dpd, HistoryPolicy.dpdLow), HistoryPolicy.dpdHigh) - HistoryPolicy.dpdLow] += 1
                        actionCounts[actionCell * kinds.count + k] += 1
                        if let m = a.minutes { minuteSums[k] += m; minuteCounts[k] += 1 }
                    }
                    contacts += today
                    lastContact = d
                }
                d += 1
            }
        }
        for k in kinds.indices where minuteCounts[k] > 0 { kinds[k].minutes = minuteSums[k] / Double(minuteCounts[k]) }

        let alpha = HistoryPolicy.smoothing
        func smoothed(_ c: Double, _ n: Double, towards parent: Double) -> Double { (c + alpha * parent) / (n + alpha) }
        // Sums of the fine cells by parent: the hold; (hold, band, contacts).
        var holdOpen = [0.0, 0.0], holdContacted = [0.0, 0.0]
        var bandOpen = [Double](repeating: 0, count: HistoryPolicy.actionCellCount)
        var bandContacted = bandOpen
        func parents(of cell: Int) -> (hold: Int, band: Int) {
            let dpd = cell % HistoryPolicy.dpdCount + HistoryPolicy.dpdLow
            var rest = cell / HistoryPolicy.dpdCount
            let contacts = rest % HistoryPolicy.contactBuckets
            rest /= HistoryPolicy.contactBuckets
            rest /= HistoryPolicy.sinceBuckets
            let held = rest / 2
            return (held, HistoryPolicy.actionCell(dpd: dpd, contacts: contacts, isHeld: held == 1))
        }
        for cell in 0..<HistoryPolicy.cellCount where open[cell] > 0 {
            let (h, b) = parents(of: cell)
            holdOpen[h] += open[cell]; holdContacted[h] += contacted[cell]
            bandOpen[b] += open[cell]; bandContacted[b] += contacted[cell]
        }
        let root = days > 0 ? Double(contactDays) / Double(days) : 0
        let holdRate = (0..<2).map { smoothed(holdContacted[$0], holdOpen[$0], towards: root) }
        let bandRate = (0..<HistoryPolicy.actionCellCount).map { b in
            smoothed(bandContacted[b], bandOpen[b], towards: holdRate[b / (HistoryPolicy.dpdBands.count * HistoryPolicy.contactBuckets)])
        }
        hazard = (0..<HistoryPolicy.cellCount).map { cell in
            let (_, b) = parents(of: cell)
            return min(1, max(0, smoothed(contacted[cell], open[cell], towards: bandRate[b])))
        }

        // Actions: per action cell, towards the hold's frequencies, towards the overall ones.
        let m = kinds.count
        var cumulative = [Double](repeating: 1, count: HistoryPolicy.actionCellCount * max(1, m))
        if m > 0 {
            var overall = [Double](repeating: 0, count: m)
            var byHold = [[Double]](repeating: [Double](repeating: 0, count: m), count: 2)
            let perHold = HistoryPolicy.dpdBands.count * HistoryPolicy.contactBuckets
            for cell in 0..<HistoryPolicy.actionCellCount {
                for k in 0..<m {
                    overall[k] += actionCounts[cell * m + k]
                    byHold[cell / perHold][k] += actionCounts[cell * m + k]
                }
            }
            func shares(_ counts: [Double], towards parent: [Double]) -> [Double] {
                let total = counts.reduce(0, +)
                return (0..<m).map { (counts[$0] + alpha * parent[$0]) / (total + alpha) }
            }
            let uniform = [Double](repeating: 1 / Double(m), count: m)
            let overallShare = shares(overall, towards: uniform)
            let holdShare = byHold.map { shares($0, towards: overallShare) }
            for cell in 0..<HistoryPolicy.actionCellCount {
                let counts = (0..<m).map { actionCounts[cell * m + $0] }
                let share = shares(counts, towards: holdShare[cell / perHold])
                var sum = 0.0
                for k in 0..<m {
                    sum += share[k]
                    cumulative[cell * m + k] = k == m - 1 ? 1 : min(1, sum)
                }
            }
        }
        actions = kinds
        actionCumulative = cumulative
        secondContact = contactDays > 0 ? Double(secondDays) / Double(contactDays) : 0
        invoices = n
        contactedShare = n > 0 ? Double(contactedInvoices) / Double(n) : 0
        habits = HistoryPolicy.habits(timing: timing, contacts: Double(ledger.actions.count))
        openDays = days
        self.contactDays = contactDays
    }

    /// The last day any ledger row is dated.
    static func ledgerEnd(_ ledger: Ledger) -> Day {
        var end = Day(ordinal: Int.min / 2)
        for i in ledger.invoices { end = max(end, i.issuedOn) }
        for p in ledger.payments { end = max(end, p.receivedOn) }
        for a in ledger.adjustments { end = max(end, a.on) }
        for a in ledger.actions { end = max(end, a.at) }
        return end
    }
}
