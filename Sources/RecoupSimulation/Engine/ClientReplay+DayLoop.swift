import RecoupPolicy

extension ClientReplay {
    /// Replays client `c`'s invoices under `members`, day by day from the first issue until
    /// every invoice is paid, credited away or written off, in SPEC §4's order within a day:
    /// write-offs; disputes resolving or opening and credit notes; the policies' decisions and
    /// contacts and the contacts' outcomes (`ReplayMembers.contact`); payments.
    ///
    /// Each event changes an invoice variant's simulated state once (the `ClientReplay+Events`
    /// methods) and is charged to every member in that variant (`ReplayCharges`), in the same
    /// order for every member as in its own replay. The caller sizes the buffers and readies the
    /// members' storage first.
    /// - Complexity: O(variant-days) for the simulated state, plus each member's own events.
    mutating func replayDays<Members: ReplayMembers>(client c: Int, members: inout Members, rng: ReplayRandom,
                                                    clientEffect u: Double) {
        let invoices = cohort.clients[c].invoices
        let autopay = cohort.clients[c].autopay
        let first = invoices.lowerBound
        let n = invoices.count
        guard n > 0 else { return }
        hazard.load(behaviour)
        // The client's invoices enter the risk history in issue order after its earlier ones.
        historyBase = members.usesRisk ? cohort.clients[c].priorHistory.invoiceCount : 0
        liveCount = 0
        var next = 0
        var invoiceDays = 0
        var d = cohort.issuedOn[first]
        while true {
            // Issue.
            while next < n && cohort.issuedOn[first + next] <= d {
                let k = next, g = first + k
                let v = Members.sharesVariants ? newVariant(invoice: k) : k
                issueState(v, global: g, autopay: autopay, rng: rng)
                members.issue(invoice: k, global: g, variant: v, replay: &self)
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
            for slot in 0..<liveCount {
                let k = live[slot], g = first + k
                guard d - cohort.dueOn[g] >= members.writeOffAfter else { continue }
                var v = Members.sharesVariants ? firstVariant[k] : k
                while v >= 0 {
                    if !closed[v] {
                        for m in 0..<members.count where members.variant(invoice: k, member: m) == v {
                            charges.writeOff(open[v], age: d - cohort.issuedOn[g], position: historyBase + k, on: d,
                                             into: &members[account: m])
                        }
                        writeOff(v, global: g, on: d)
                    }
                    v = Members.sharesVariants ? variantNext[v] : -1
                }
            }
            // 2. Disputes resolving or opening; credit notes.
            for slot in 0..<liveCount {
                let k = live[slot], g = first + k
                var v = Members.sharesVariants ? firstVariant[k] : k
                while v >= 0 {
                    let current = v
                    v = Members.sharesVariants ? variantNext[current] : -1
                    guard !closed[current] else { continue }
                    todayContacts[current] = 0
                    if disputeOpen[current] && disputeEnds[current] <= d {
                        disputeOpen[current] = false
                        disputeResolvedOn[current] = d
                        for m in 0..<members.count where members.variant(invoice: k, member: m) == current {
                            members.setNextDecision(invoice: k, member: m, day: d)
                        }
                    }
                    if disputeNext[current] < cohort.exogenousCount[g] {
                        let exogenous = cohort.exogenousDisputes[g]
                        while disputeNext[current] < exogenous.count && exogenous[disputeNext[current]].openedOn <= d {
                            let e = exogenous[disputeNext[current]]
                            disputeNext[current] += 1
                            guard e.openedOn == d && !disputeOpen[current] && !hadDispute[current] else { continue }
                            openDispute(current, on: d, days: e.days)
                            for m in 0..<members.count where members.variant(invoice: k, member: m) == current {
                                members.lowerNextDecision(invoice: k, member: m, day: d)
                                charges.dispute(position: historyBase + k, on: d, into: &members[account: m])
                            }
                        }
                    }
                    if creditNext[current] < cohort.creditCount[g] {
                        let credits = cohort.creditNotes[g]
                        while creditNext[current] < credits.count && credits[creditNext[current]].day <= d {
                            let amount = credit(current, credits[creditNext[current]].amount)
                            guard amount > 0 else { continue }
                            for m in 0..<members.count where members.variant(invoice: k, member: m) == current {
                                members.setNextDecision(invoice: k, member: m, day: d)
                                charges.credit(amount, position: historyBase + k, on: d, into: &members[account: m])
                            }
                        }
                    }
                }
            }
            // 3. Decisions, contacts and their outcomes.
            members.contact(on: day, first: first, autopay: autopay, replay: &self)
            // 4. Payments (Monday to Friday; never while a dispute is open).
            if !day.isWeekend {
                let weekday = hazard.weekday[day.isoWeekday - 1]
                for slot in 0..<liveCount {
                    let k = live[slot], g = first + k
                    var v = Members.sharesVariants ? firstVariant[k] : k
                    while v >= 0 {
                        let current = v
                        v = Members.sharesVariants ? variantNext[current] : -1
                        guard !closed[current] && !disputeOpen[current] else { continue }
                        let pay = payment(current, global: g, on: d, weekday: weekday, clientEffect: u)
                        guard pay > 0 else { continue }
                        for m in 0..<members.count where members.variant(invoice: k, member: m) == current {
                            charges.receipt(pay, age: d - cohort.issuedOn[g], daysPastDue: d - cohort.dueOn[g],
                                            position: historyBase + k, on: d, into: &members[account: m])
                            members.recordPayment(invoice: k, member: m, day: d)
                        }
                        receive(pay, invoice: current, global: g, on: d)
                    }
                }
            }
            // The day counts for every variant open this morning; closed variants leave their
            // invoice's list, and an invoice with none open leaves the live list (keeping the order).
            var kept = 0
            if Members.sharesVariants {
                for slot in 0..<liveCount {
                    let k = live[slot]
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
            } else {
                invoiceDays += liveCount
                for slot in 0..<liveCount where !closed[live[slot]] {
                    live[kept] = live[slot]
                    kept += 1
                }
            }
            liveCount = kept
            lastDay = max(lastDay, d)
            d += 1
        }
        members.finish(invoices: n, invoiceDays: invoiceDays, replay: &self)
    }
}
