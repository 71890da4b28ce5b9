import RecoupPolicy

// The shared replay's step 3 (`PolicyGroupMembers.contact`): every member's decisions, and the
// split of an invoice's variants where the members' contacts on it differ.
extension ClientReplay {
    /// Step 3's decisions of every member on day `day`, into `lists.plans` (in the order the plain
    /// replay would charge them) and each member's contacts per invoice (`MemberBuffers.execKeys`).
    /// Returns whether any member has anything to charge or make today.
    mutating func decideShared(day: Day, first: Int, autopay: Bool, group: ReplayGroup) -> Bool {
        let d = day.ordinal, members = lists.members
        let mb = memberBuffers
        var any = false
        for m in 0..<members {
            if !lists.plans[m].isEmpty { lists.plans[m].removeAll(keepingCapacity: true) }
            if !lists.dayContacts[m].isEmpty { lists.dayContacts[m].removeAll(keepingCapacity: true) }
        }
        for i in 0..<liveCount {
            let k = live[i], g = first + k
            guard d >= mb.minNext[k] else { continue }
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
            mb.minNext[k] = lowest
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
                    if mb.touchedDay[k] != d {
                        mb.touchedDay[k] = d
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
    mutating func splitAndContact(day d: Int, group: ReplayGroup) {
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
