import RecoupPolicy

extension ClientReplay {
    /// Replays one client's invoices under every policy of `group` in one pass, with exactly the
    /// tallies `replay(client:…)` gives each policy on its own (a test compares them bit for bit).
    ///
    /// With common random numbers an invoice's simulated course (balance, contact stocks,
    /// promises, disputes, payments) is the same under two policies until they make different
    /// contacts on it. So each invoice starts as one *variant* shared by every member; on a day
    /// when members' contacts on it differ, the variant is copied and the members split by what
    /// they did, and each copy goes on alone. The costly part of a replay, the daily payment
    /// hazard and its draws, runs once per variant instead of once per policy; what is each
    /// policy's own (its engine's state and decisions, its risk history, its tally) is kept per
    /// member, and every member's tally receives the same additions in the same order as in its
    /// own replay.
    ///
    /// `tallies[i]` receives member `i`'s sums (the caller zeroes them). Needs the engine's
    /// calling protocol (`skipsQuietDays`).
    /// - Complexity: the payment draws O(variant-days) instead of O(policies × invoice-days);
    ///   each member's own bookkeeping O(its decisions and events), plus one check per member
    ///   and open invoice on the days some member may decide.
    mutating func replayShared(client c: Int, group: ReplayGroup, rng: ReplayRandom, clientEffect u: Double,
                               tallies: inout [[Double]]) {
        let invoices = cohort.clients[c].invoices
        let autopay = cohort.clients[c].autopay
        let first = invoices.lowerBound
        let n = invoices.count
        let members = group.members.count
        guard n > 0 else { return }
        if buffers.capacity < max(4 * n, 64) { buffers = ReplayBuffers(capacity: max(4 * n, 64)) }
        resetShared(members: members, invoices: n)
        let mb = memberBuffers
        prepareTables()
        let prior: ClientRiskHistory? = group.usesRisk ? cohort.clients[c].priorHistory : nil
        // Each member's risk history; a local, as the replay's methods borrow `self` while recording.
        var histories = [ClientRiskHistory?](repeating: prior, count: members)
        historyBase = prior?.invoiceCount ?? 0
        let width = ReplayBuffers.contactsPerDay
        liveCount = 0
        var next = 0
        var d = cohort.issuedOn[first]
        while true {
            // Issue: one variant for every member.
            while next < n && cohort.issuedOn[first + next] <= d {
                let k = next, g = first + k
                let v = newVariant(invoice: k)
                issueState(v, global: g, autopay: autopay, rng: rng)
                for m in 0..<members {
                    var risk = 0.0
                    if group.usesRisk {
                        issueFeatures(global: g, history: histories[m])
                        risk = group.engines[m].risk(featureValues: riskFeatures)
                        recordIssue(global: g, history: &histories[m])
                    }
                    mb.state[k * members + m] = group.engines[m].makeState(risk: risk)
                    mb.next[k * members + m] = cohort.issuedOn[g]
                    mb.variant[k * members + m] = v
                    chargeIssue(global: g, tally: &tallies[m])
                }
                minNext[k] = cohort.issuedOn[g]
                live[liveCount] = k
                liveCount += 1
                next += 1
            }
            if liveCount == 0 {
                if next < n { d = cohort.issuedOn[first + next]; continue }
                break
            }
            let day = Day(ordinal: d)
            // 1. Write-offs.
            for i in 0..<liveCount {
                let k = live[i], g = first + k
                guard d - cohort.dueOn[g] >= group.writeOffAfter else { continue }
                var v = firstVariant[k]
                while v >= 0 {
                    if !closed[v] {
                        for m in 0..<members where mb.variant[k * members + m] == v {
                            chargeWriteOff(open[v], global: g, position: historyBase + k, on: d, history: &histories[m],
                                           tally: &tallies[m])
                        }
                        writeOff(v, global: g, on: d)
                    }
                    v = variantNext[v]
                }
            }
            // 2. Disputes resolving or opening; credit notes.
            for i in 0..<liveCount {
                let k = live[i], g = first + k
                var v = firstVariant[k]
                while v >= 0 {
                    defer { v = variantNext[v] }
                    guard !closed[v] else { continue }
                    todayContacts[v] = 0
                    if disputeOpen[v] && disputeEnds[v] <= d {
                        disputeOpen[v] = false
                        disputeResolvedOn[v] = d
                        for m in 0..<members where mb.variant[k * members + m] == v { mb.next[k * members + m] = d }
                        minNext[k] = min(minNext[k], d)
                    }
                    if disputeNext[v] < cohort.exogenousCount[g] {
                        let exogenous = cohort.exogenousDisputes[g]
                        while disputeNext[v] < exogenous.count && exogenous[disputeNext[v]].openedOn <= d {
                            let e = exogenous[disputeNext[v]]
                            disputeNext[v] += 1
                            guard e.openedOn == d && !disputeOpen[v] && !hadDispute[v] else { continue }
                            openDispute(v, on: d, days: e.days)
                            for m in 0..<members where mb.variant[k * members + m] == v {
                                mb.next[k * members + m] = min(mb.next[k * members + m], d)
                                chargeDispute(position: historyBase + k, on: d, history: &histories[m], tally: &tallies[m])
                            }
                            minNext[k] = min(minNext[k], d)
                        }
                    }
                    if creditNext[v] < cohort.creditCount[g] {
                        let credits = cohort.creditNotes[g]
                        while creditNext[v] < credits.count && credits[creditNext[v]].day <= d {
                            let amount = credit(v, credits[creditNext[v]].amount)
                            guard amount > 0 else { continue }
                            for m in 0..<members where mb.variant[k * members + m] == v {
                                mb.next[k * members + m] = d
                                chargeCredit(amount, position: historyBase + k, on: d, history: &histories[m], tally: &tallies[m])
                            }
                            minNext[k] = min(minNext[k], d)
                        }
                    }
                }
            }
            // 3. Each member's decisions; variants split where members' contacts differ; the
            //    contacts made; each member charged in its own order.
            if decideShared(day: day, first: first, autopay: autopay, group: group) {
                splitAndContact(day: d, group: group)
                for m in 0..<members {
                    for e in lists.plans[m] {
                        if e.reviewed {
                            tallies[m][.reviewMinutes] += group.reviewMinutes[m]
                            tallies[m][.cost] += group.reviewMoney[m]
                            tallies[m][.reviews] += 1
                        }
                        guard e.executes else { continue }
                        let k = e.invoice, mk = k * members + m
                        if e.countsOnce {
                            chargeContact(channel: e.contact.channel, actor: e.contact.actor, isEscalation: e.contact.isEscalation,
                                          loggedMinutes: nil, tally: &tallies[m])
                        }
                        let outcome = outcomes[mb.variant[mk] * width + e.index]
                        switch outcome {
                        case .nothing: break
                        case .promise:
                            mb.next[mk] = min(mb.next[mk], d + 1)
                            minNext[k] = min(minNext[k], d + 1)
                        case .dispute:
                            mb.next[mk] = min(mb.next[mk], d)
                            minNext[k] = min(minNext[k], d)
                        }
                        chargeOutcome(outcome, position: historyBase + k, on: d, history: &histories[m], tally: &tallies[m])
                    }
                }
            }
            // 4. Payments (Monday to Friday; never while a dispute is open).
            if !day.isWeekend {
                let weekday = weekdayTable[day.isoWeekday - 1]
                for i in 0..<liveCount {
                    let k = live[i], g = first + k
                    var v = firstVariant[k]
                    while v >= 0 {
                        let current = v
                        v = variantNext[v]
                        guard !closed[current] && !disputeOpen[current] else { continue }
                        let pay = payment(current, global: g, on: d, weekday: weekday, clientEffect: u)
                        guard pay > 0 else { continue }
                        for m in 0..<members where mb.variant[k * members + m] == current {
                            chargeReceipt(pay, global: g, position: historyBase + k, on: d, history: &histories[m],
                                          tally: &tallies[m])
                            mb.next[k * members + m] = min(mb.next[k * members + m], d + 1)
                            group.engines[m].recordPayment(&mb.state[k * members + m])
                        }
                        minNext[k] = min(minNext[k], d + 1)
                        receive(pay, invoice: current, global: g, on: d)
                    }
                }
            }
            // The day counts for every variant open this morning; closed variants leave their
            // invoice's list, and an invoice with none open leaves the live list.
            var kept = 0
            for i in 0..<liveCount {
                let k = live[i]
                var v = firstVariant[k], previous = -1
                while v >= 0 {
                    variantDays[v] += 1
                    let following = variantNext[v]
                    if closed[v] {
                        if previous < 0 { firstVariant[k] = following } else { variantNext[previous] = following }
                        if lastVariant[k] == v { lastVariant[k] = previous }
                    } else {
                        previous = v
                    }
                    v = following
                }
                if firstVariant[k] >= 0 {
                    live[kept] = k
                    kept += 1
                }
            }
            liveCount = kept
            lastDay = max(lastDay, d)
            d += 1
        }
        // Open invoice-days: those of the variants each member left, and of the ones it ended in.
        for m in 0..<members {
            var days = lists.memberDays[m]
            for k in 0..<n { days += variantDays[mb.variant[k * members + m]] }
            tallies[m][.invoiceDays] += Double(days)
        }
    }

    /// A new variant of local invoice `k`, growing the buffers (keeping their contents) if full.
    private mutating func newVariant(invoice k: Int) -> Int {
        if lists.variantCount == buffers.capacity {
            buffers = ReplayBuffers(capacity: 2 * buffers.capacity, copying: buffers, count: lists.variantCount)
        }
        let v = lists.variantCount
        lists.variantCount += 1
        variantNext[v] = -1
        variantDays[v] = 0
        if firstVariant[k] < 0 { firstVariant[k] = v } else { variantNext[lastVariant[k]] = v }
        lastVariant[k] = v
        return v
    }

    /// Step 3's decisions of every member on day `day`, into `lists.plans` (in the order the plain
    /// replay would charge them) and each member's contacts per invoice (`MemberBuffers.execKeys`).
    /// Returns whether any member has anything to charge or make today.
    private mutating func decideShared(day: Day, first: Int, autopay: Bool, group: ReplayGroup) -> Bool {
        let d = day.ordinal, members = lists.members
        let mb = memberBuffers
        var any = false
        for m in 0..<members {
            if !lists.plans[m].isEmpty { lists.plans[m].removeAll(keepingCapacity: true) }
            if !lists.dayContacts[m].isEmpty { lists.dayContacts[m].removeAll(keepingCapacity: true) }
        }
        for i in 0..<liveCount {
            let k = live[i], g = first + k
            guard d >= minNext[k] else { continue }
            var lowest = Int.max
            for m in 0..<members {
                let mk = k * members + m
                let v = mb.variant[mk]
                guard !closed[v] else { continue }
                guard d >= mb.next[mk] else {
                    lowest = min(lowest, mb.next[mk])
                    continue
                }
                let facts = dayFacts(v, global: g, day: day, autopay: autopay)
                group.engines[m].decide(&mb.state[mk], facts, into: &decision)
                mb.next[mk] = group.engines[m].nextDecisionDay(after: day, state: mb.state[mk], facts: facts).ordinal
                lowest = min(lowest, mb.next[mk])
                for j in 0..<decision.count {
                    let contact = decision[j]
                    any = true
                    if group.consolidates {
                        lists.dayContacts[m].append(ClientDayContact(invoice: k, contact: contact))
                    } else {
                        lists.plans[m].append(PlannedContact(
                            invoice: k, contact: contact, reviewed: contact.isReviewed(on: day),
                            executes: contact.executes(on: day), countsOnce: true))
                    }
                }
            }
            minNext[k] = lowest
        }
        guard any else { return false }
        if group.consolidates {
            for m in 0..<members where !lists.dayContacts[m].isEmpty {
                for merged in group.engines[m].consolidate(lists.dayContacts[m]) {
                    let contact = merged.contact
                    if contact.isReviewed(on: day) {
                        lists.plans[m].append(PlannedContact(
                            invoice: -1, contact: contact, reviewed: true, executes: false, countsOnce: false))
                    }
                    guard contact.executes(on: day) else { continue }
                    for (j, k) in merged.invoices.enumerated() where !closed[mb.variant[k * members + m]] {
                        lists.plans[m].append(PlannedContact(
                            invoice: k, contact: contact, reviewed: false, executes: true, countsOnce: j == 0))
                    }
                }
            }
        }
        // Each member's contacts made per invoice, in its order.
        let width = ReplayBuffers.contactsPerDay
        lists.touched.removeAll(keepingCapacity: true)
        for m in 0..<members {
            for e in lists.plans[m].indices where lists.plans[m][e].executes {
                let k = lists.plans[m][e].invoice, mk = k * members + m
                if mb.execDay[mk] != d {
                    mb.execDay[mk] = d
                    mb.execCount[mk] = 0
                    if touchedDay[k] != d {
                        touchedDay[k] = d
                        lists.touched.append(k)
                    }
                }
                let j = mb.execCount[mk]
                mb.execKeys[mk * width + j] = MemberBuffers.key(lists.plans[m][e].contact)
                mb.execCount[mk] = j + 1
                lists.plans[m][e].index = j
            }
        }
        return true
    }

    /// For every invoice some member contacts on day `d`: splits each of its variants by what
    /// the variant's members do to it today (copies made before any contact), then makes each
    /// group's contacts on its variant, keeping their outcomes in `outcomes`.
    private mutating func splitAndContact(day d: Int, group: ReplayGroup) {
        let members = lists.members, width = ReplayBuffers.contactsPerDay
        let mb = memberBuffers
        for k in lists.touched {
            let last = lastVariant[k]
            var v = firstVariant[k]
            while v >= 0 {
                let current = v
                v = current == last ? -1 : variantNext[current]
                guard !closed[current] else { continue }
                lists.representatives.removeAll(keepingCapacity: true)
                lists.targets.removeAll(keepingCapacity: true)
                for m in 0..<members where mb.variant[k * members + m] == current {
                    var found = -1
                    for (r, representative) in lists.representatives.enumerated()
                    where sameContacts(m, representative, invoice: k, day: d) {
                        found = r
                        break
                    }
                    if found < 0 {
                        var target = current
                        if !lists.representatives.isEmpty {
                            target = newVariant(invoice: k)
                            buffers.copyEntry(current, from: buffers, to: target)
                        }
                        lists.representatives.append(m)
                        lists.targets.append(target)
                        found = lists.targets.count - 1
                    }
                    let target = lists.targets[found]
                    if target != current {
                        lists.memberDays[m] += variantDays[current]
                        mb.variant[k * members + m] = target
                    }
                }
                for (r, representative) in lists.representatives.enumerated() {
                    let target = lists.targets[r], rk = k * members + representative
                    let count = mb.execDay[rk] == d ? mb.execCount[rk] : 0
                    for j in 0..<count {
                        let key = mb.execKeys[rk * width + j]
                        outcomes[target * width + j] = markContact(
                            channel: MemberBuffers.channel(key), actor: MemberBuffers.actor(key),
                            tone: MemberBuffers.tone(key), invoice: target, day: d, grace: group.grace)
                    }
                }
            }
        }
    }
}

extension ClientReplay {
    /// Readies the member storage for a client of `n` invoices replayed by `m` members.
    mutating func resetShared(members m: Int, invoices n: Int) {
        if memberBuffers.capacity < m * n { memberBuffers = MemberBuffers(capacity: max(m * n, 2 * memberBuffers.capacity)) }
        for i in 0..<(m * n) { memberBuffers.execDay[i] = .min }
        for k in 0..<n {
            firstVariant[k] = -1
            lastVariant[k] = -1
            touchedDay[k] = .min
        }
        lists.reset(members: m)
    }

    /// Whether members `a` and `b` made the same contacts on invoice `k` on day `d`.
    func sameContacts(_ a: Int, _ b: Int, invoice k: Int, day d: Int) -> Bool {
        let mb = memberBuffers, members = lists.members
        let ia = k * members + a, ib = k * members + b
        let na = mb.execDay[ia] == d ? mb.execCount[ia] : 0, nb = mb.execDay[ib] == d ? mb.execCount[ib] : 0
        guard na == nb else { return false }
        let w = ReplayBuffers.contactsPerDay
        for j in 0..<na where mb.execKeys[ia * w + j] != mb.execKeys[ib * w + j] { return false }
        return true
    }
}
