import RecoupPolicy

/// One policy replayed on its own (`ClientReplay.replay`): a policy's rules, the firm's
/// estimated policy, or the logged actions as they happened. Its invoices are never split, so
/// invoice `k`'s one variant is `k`, and its policy state and next decision day are the
/// replayer's per-invoice buffers.
struct SolePolicy: ReplayMembers {
    static var sharesVariants: Bool { false }
    var count: Int { 1 }
    var account: ReplayAccount
    let usesRisk: Bool
    let writeOffAfter: Int
    /// What drives the contacts: the engine (`isHistory` false), else the estimated policy when
    /// there is one, else the logged actions.
    let isHistory: Bool
    let engine: PolicyEngine
    let estimated: HistoryPolicy?
    let consolidates: Bool
    let grace: Int
    /// Copilot review minutes per reviewed contact, and their cost in minor units.
    let reviewMinutes: Double
    let reviewMoney: Double
    /// The replayer's per-invoice policy states and next decision days (`ReplayBuffers`).
    let state: UnsafeMutablePointer<InvoicePolicyState>
    let nextDecision: UnsafeMutablePointer<Int>

    /// `policy` with `engine` its engine (any engine for the history), recording in `history`
    /// (the client's earlier invoices, or nil when the tiers do not use it); `buffers` are the
    /// replayer's, already sized; `historyWriteOffAfter` is the history's write-off day.
    init(policy: ReplayPolicy, engine: PolicyEngine, history: ClientRiskHistory?, buffers: ReplayBuffers,
         writeOffAfter historyWriteOffAfter: Int, costs: CostModel) {
        account = ReplayAccount(tally: [], history: history)
        usesRisk = policy.usesRisk
        isHistory = policy.isHistory
        self.engine = engine
        if case .estimatedHistory(let table) = policy.kind, !table.isEmpty { estimated = table } else { estimated = nil }
        writeOffAfter = isHistory ? historyWriteOffAfter : engine.policy.writeOffAfterDays
        consolidates = isHistory ? false : engine.policy.limits.consolidatePerClient
        grace = isHistory ? 3 : engine.policy.holds.promiseGraceDays
        reviewMinutes = isHistory ? 0 : engine.reviewMinutes
        reviewMoney = Double(costs.labour(minutes: reviewMinutes).minorUnits)
        state = buffers.state
        nextDecision = buffers.nextDecision
    }

    subscript(account m: Int) -> ReplayAccount {
        get { account }
        _modify { yield &account }
    }

    @inline(__always) func variant(invoice k: Int, member m: Int) -> Int { k }

    mutating func issue(invoice k: Int, global g: Int, variant v: Int, replay: inout ClientReplay) {
        if !isHistory {
            var risk = 0.0
            // In place: a copy of the history here would be copied again on write, once per issue.
            if account.history != nil {
                risk = replay.issueRisk(global: g, engine: engine, history: &account.history)
            }
            state[k] = engine.makeState(risk: risk)
        }
        nextDecision[k] = replay.cohort.issuedOn[g]
        replay.charges.issue(amount: replay.cohort.amount[g], into: &account)
    }

    @inline(__always) mutating func setNextDecision(invoice k: Int, member m: Int, day d: Int) { nextDecision[k] = d }

    @inline(__always) mutating func lowerNextDecision(invoice k: Int, member m: Int, day d: Int) {
        nextDecision[k] = min(nextDecision[k], d)
    }

    @inline(__always) mutating func recordPayment(invoice k: Int, member m: Int, day d: Int) {
        nextDecision[k] = min(nextDecision[k], d + 1)
        if !isHistory { engine.recordPayment(&state[k]) }
    }

    mutating func finish(invoices n: Int, invoiceDays: Int, replay: inout ClientReplay) {
        account.tally[.invoiceDays] += Double(invoiceDays)
    }

    mutating func contact(on day: Day, first: Int, autopay: Bool, replay: inout ClientReplay) {
        if !isHistory {
            decideAndContact(on: day, first: first, autopay: autopay, replay: &replay)
        } else if let estimated {
            contactAsEstimated(estimated, on: day, first: first, replay: &replay)
        } else {
            contactAsLogged(on: day, first: first, replay: &replay)
        }
    }

    /// The engine's decisions on each open invoice, and the contacts made (merged per client
    /// first when the policy consolidates).
    mutating func decideAndContact(on day: Day, first: Int, autopay: Bool, replay: inout ClientReplay) {
        let d = day.ordinal
        let skipsQuietDays = replay.skipsQuietDays
        if !replay.dayContacts.isEmpty { replay.dayContacts.removeAll(keepingCapacity: true) }
        for slot in 0..<replay.liveCount {
            let k = replay.live[slot]
            guard !replay.closed[k] && (!skipsQuietDays || d >= nextDecision[k]) else { continue }
            let g = first + k
            let facts = replay.dayFacts(k, global: g, day: day, autopay: autopay)
            engine.decide(&state[k], facts, into: &replay.decision)
            if skipsQuietDays { nextDecision[k] = engine.nextDecisionDay(after: day, state: state[k], facts: facts).ordinal }
            for i in 0..<replay.decision.count {
                let contact = replay.decision[i]
                if consolidates {
                    replay.dayContacts.append(ClientDayContact(invoice: k, contact: contact))
                } else {
                    if contact.isReviewed(on: day) { replay.charges.review(minutes: reviewMinutes, money: reviewMoney, into: &account) }
                    if contact.executes(on: day) {
                        makeContact(channel: contact.channel, actor: contact.actor, tone: contact.tone,
                                    isEscalation: contact.isEscalation, invoice: k, day: d, loggedMinutes: nil,
                                    countsOnce: true, replay: &replay)
                    }
                }
            }
        }
        guard consolidates && !replay.dayContacts.isEmpty else { return }
        for merged in engine.consolidate(replay.dayContacts) {
            let contact = merged.contact
            if contact.isReviewed(on: day) { replay.charges.review(minutes: reviewMinutes, money: reviewMoney, into: &account) }
            guard contact.executes(on: day) else { continue }
            for (j, k) in merged.invoices.enumerated() where !replay.closed[k] {
                makeContact(channel: contact.channel, actor: contact.actor, tone: contact.tone,
                            isEscalation: contact.isEscalation, invoice: k, day: d, loggedMinutes: nil,
                            countsOnce: j == 0, replay: &replay)
            }
        }
    }

    /// The firm's estimated policy: on each open invoice a contact with its cell's probability,
    /// then its action.
    mutating func contactAsEstimated(_ estimated: HistoryPolicy, on day: Day, first: Int, replay: inout ClientReplay) {
        let d = day.ordinal
        let isWeekend = day.isWeekend
        for slot in 0..<replay.liveCount {
            let k = replay.live[slot]
            guard !replay.closed[k] else { continue }
            let dpd = d - replay.cohort.dueOn[first + k]
            let isHeld = replay.disputeOpen[k] || (replay.promisedOn[k] != ClientReplay.none && d <= replay.promisedOn[k] + grace)
            let contacts = replay.contactCount[k]
            var lastContact: Int? = nil
            if contacts > 0 {
                let slots = replay.recent[k]
                var latest = slots[0]
                for i in 1..<8 where slots[i] > latest { latest = slots[i] }
                lastContact = Int(latest)
            }
            let p = replay.prefix[k]
            let hazard = estimated.contactProbability(dpd: dpd, contacts: contacts, day: d, lastContact: lastContact,
                                                      isWeekend: isWeekend, isHeld: isHeld)
            guard ReplayRandom.uniform(prefix: p, day: d, purpose: .historyContact) < hazard else { continue }
            let count = ReplayRandom.uniform(prefix: p, day: d, purpose: .historyContact, index: 1) < estimated.secondContact ? 2 : 1
            for i in 0..<count {
                let a = estimated.actions[estimated.action(dpd: dpd, contacts: contacts, isHeld: isHeld,
                                                           uniform: ReplayRandom.uniform(prefix: p, day: d, purpose: .historyAction, index: i))]
                makeContact(channel: a.channel, actor: a.actor, tone: a.tone, isEscalation: false, invoice: k,
                            day: d, loggedMinutes: a.minutes, countsOnce: true, replay: &replay)
                replay.charges.historyContact(channel: a.channel, dpd: dpd, into: &account)
            }
        }
    }

    /// The logged actions of each open invoice on their days.
    mutating func contactAsLogged(on day: Day, first: Int, replay: inout ClientReplay) {
        let d = day.ordinal
        for slot in 0..<replay.liveCount {
            let k = replay.live[slot]
            guard !replay.closed[k] && replay.actionNext[k] < replay.cohort.actionCount[first + k] else { continue }
            let actions = replay.cohort.loggedActions[first + k]
            while replay.actionNext[k] < actions.count && actions[replay.actionNext[k]].day <= d {
                let a = actions[replay.actionNext[k]]
                replay.actionNext[k] += 1
                guard a.day == d else { continue }
                makeContact(channel: a.channel, actor: a.actor, tone: a.tone, isEscalation: false, invoice: k,
                            day: d, loggedMinutes: a.minutes, countsOnce: true, replay: &replay)
                replay.charges.historyContact(channel: a.channel, dpd: d - replay.cohort.dueOn[first + k], into: &account)
            }
        }
    }

    /// Makes one contact for invoice `k` on day `d`: its cost (once per message when
    /// `countsOnce`), its mark on the invoice, and its outcome charged.
    mutating func makeContact(channel: Channel, actor: ActorKind, tone: Tone, isEscalation: Bool, invoice k: Int,
                              day d: Int, loggedMinutes: Double?, countsOnce: Bool, replay: inout ClientReplay) {
        if countsOnce {
            replay.charges.contact(channel: channel, actor: actor, isEscalation: isEscalation, loggedMinutes: loggedMinutes,
                                   into: &account)
        }
        let outcome = replay.markContact(channel: channel, actor: actor, tone: tone, invoice: k, day: d, grace: grace)
        switch outcome {
        case .nothing: break
        case .promise: lowerNextDecision(invoice: k, member: 0, day: d + 1)
        case .dispute: lowerNextDecision(invoice: k, member: 0, day: d)
        }
        replay.charges.outcome(outcome, position: replay.historyBase + k, on: d, into: &account)
    }
}
