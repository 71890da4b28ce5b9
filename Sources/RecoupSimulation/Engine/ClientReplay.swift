import Foundation
import RecoupModel

/// Replays one client's invoices of the cohort under one policy in one run, day by day from the
/// first issue until every invoice is paid, credited away or written off (SPEC §4's order
/// within a day: write-offs; disputes resolving or opening and credit notes; the policy's
/// decisions and contacts; the contacts' outcomes; payments).
///
/// One replayer per thread: its per-invoice state lives in flat arrays reused from client to
/// client, so a replay allocates only when a client has more invoices than any before.
struct ClientReplay {
    let cohort: ReplayCohort
    var behaviour: ReplayBehaviour
    /// The fixed part of each cohort invoice's logit (`ReplayBehaviour.base`).
    let base: [Double]
    let costs: CostModel
    /// Money (minor units) and human minutes of a contact by channel (`Channel.allCases` order)
    /// and actor (agent 0, human 1), from the cost model.
    let contactMoney: [Int64]
    let contactMinutes: [Double]
    let disputeMoney: Int64
    let promiseMoney: Int64
    /// 0.5^(b / half-life) for b = 0…1023 business days.
    let decay: [Double]

    // Per-invoice state (local index within the client), in raw buffers owned by `buffers`:
    // the hot loop writes them every simulated day, and an array write checks uniqueness (a
    // call) and bounds each time. `reserve` sizes them; a replayer belongs to one thread.
    var buffers = ReplayBuffers(capacity: 0)
    var open: UnsafeMutablePointer<Int64> { buffers.open }
    var closed: UnsafeMutablePointer<Bool> { buffers.closed }
    var state: UnsafeMutablePointer<InvoicePolicyState> { buffers.state }
    /// 7 stocks per invoice: channels (`Channel.allCases` order), firm, human.
    var stock: UnsafeMutablePointer<Double> { buffers.stock }
    var stockAt: UnsafeMutablePointer<Int> { buffers.stockAt }
    var contactCount: UnsafeMutablePointer<Int> { buffers.contactCount }
    var recent: UnsafeMutablePointer<SIMD8<Int32>> { buffers.recent }
    var todayContacts: UnsafeMutablePointer<Int> { buffers.todayContacts }
    var disputeOpen: UnsafeMutablePointer<Bool> { buffers.disputeOpen }
    var disputeEnds: UnsafeMutablePointer<Int> { buffers.disputeEnds }
    var disputeResolvedOn: UnsafeMutablePointer<Int> { buffers.disputeResolvedOn }
    var hadDispute: UnsafeMutablePointer<Bool> { buffers.hadDispute }
    var promiseMadeOn: UnsafeMutablePointer<Int> { buffers.promiseMadeOn }
    var promisedOn: UnsafeMutablePointer<Int> { buffers.promisedOn }
    var promisePayOn: UnsafeMutablePointer<Int> { buffers.promisePayOn }
    var promiseKept: UnsafeMutablePointer<Bool> { buffers.promiseKept }
    var autopayAttempt: UnsafeMutablePointer<Int> { buffers.autopayAttempt }
    var creditNext: UnsafeMutablePointer<Int> { buffers.creditNext }
    var disputeNext: UnsafeMutablePointer<Int> { buffers.disputeNext }
    var actionNext: UnsafeMutablePointer<Int> { buffers.actionNext }
    var prefix: UnsafeMutablePointer<UInt64> { buffers.prefix }
    /// Per invoice of the client just replayed: amount-weighted days and collected amount.
    var invoiceWeightedDays: UnsafeMutablePointer<Double> { buffers.invoiceWeightedDays }
    var invoiceCollected: UnsafeMutablePointer<Double> { buffers.invoiceCollected }
    /// Per invoice: the next day `decide` may act (`PolicyEngine.nextDecisionDay`), reset to the
    /// current day whenever a fact changes (dispute, promise, payment, credit note).
    var nextDecision: UnsafeMutablePointer<Int> { buffers.nextDecision }
    var variantNext: UnsafeMutablePointer<Int> { buffers.variantNext }
    var variantDays: UnsafeMutablePointer<Int> { buffers.variantDays }
    var outcomes: UnsafeMutablePointer<ContactOutcome> { buffers.outcomes }
    var firstVariant: UnsafeMutablePointer<Int> { buffers.firstVariant }
    var lastVariant: UnsafeMutablePointer<Int> { buffers.lastVariant }
    var minNext: UnsafeMutablePointer<Int> { buffers.minNext }
    var touchedDay: UnsafeMutablePointer<Int> { buffers.touchedDay }
    /// The shared replay's per-member storage and lists (`replayShared`).
    var memberBuffers = MemberBuffers(capacity: 0)
    var lists = SharedReplayLists()
    /// The open invoices (local indices, issue order): the first `liveCount` entries.
    var live: UnsafeMutablePointer<Int> { buffers.live }
    var liveCount = 0
    /// The risk history's position of local invoice 0 (the client's earlier invoices come first).
    var historyBase = 0
    /// The risk features of the invoice being issued (reused).
    var riskFeatures: [Double] = []
    /// Skip `decide` on days it cannot act (same output, tested).
    var skipsQuietDays = true
    var dayContacts: [ClientDayContact] = []
    var decision = DayDecision()
    /// The contact coefficients of the current replay as one value (channels in
    /// `Channel.allCases` order, firm, human, fatigue), so the hot path reads no array.
    var contactCoefficients = SIMD8<Double>()
    /// The payment hazard's per-day terms of the current replay (`prepareTables`): the dpd bins,
    /// Monday … Friday, and the promise and dispute shifts.
    var dpdTable = SIMD16<Double>()
    var weekdayTable = SIMD8<Double>()
    var promiseWaiting = 0.0
    var disputeResolved = 0.0
    /// The last day any replay of this replayer reached.
    var lastDay = Int.min

    static let none = Int.min
    /// Stands in for the engine when the history drives the contacts (never called then); a
    /// new one on each use, so that no two threads share its tables.
    static var placeholderEngine: PolicyEngine {
        guard case .rules(let engine) = ReplayPolicy.none.kind else { preconditionFailure("the none policy has rules") }
        return engine
    }

    /// A replayer for one worker thread. It keeps its own copies of the cohort's flat arrays
    /// and of `base`: the hot loop retains them, and two threads retaining one shared buffer
    /// contend for its reference count (measured: a quarter of the replay's time).
    init(cohort: ReplayCohort, behaviour: ReplayBehaviour, base: [Double], costs: CostModel) {
        self.cohort = cohort.threadCopy()
        self.behaviour = behaviour
        self.base = base.withUnsafeBufferPointer { Array($0) }
        self.costs = costs
        var money: [Int64] = [], minutes: [Double] = []
        for channel in Channel.allCases {
            for actor in [ActorKind.agent, .human] {
                let c = costs.contact(channel: channel, actor: actor, execution: .automated)
                money.append(c.money.minorUnits)
                minutes.append(c.humanMinutes)
            }
        }
        contactMoney = money
        contactMinutes = minutes
        disputeMoney = costs.dispute.money.minorUnits
        promiseMoney = costs.promiseFollowUp.money.minorUnits
        let h = behaviour.halfLife
        decay = (0..<1024).map { pow(0.5, Double($0) / h) }
    }

    mutating func reserve(_ n: Int) {
        guard buffers.capacity < n else { return }
        buffers = ReplayBuffers(capacity: max(n, 2 * buffers.capacity))
    }

    // MARK: The day loop

    /// Adds the client's sums for this run to `tally` (which the caller zeroes).
    ///
    /// `engine` is `policy`'s engine (any engine for the history, whose branches never call
    /// it), passed in so that the replay borrows it instead of copying it out of the policy:
    /// a copy retains every table it holds.
    mutating func replay(client c: Int, policy: ReplayPolicy, engine: PolicyEngine, rng: ReplayRandom,
                         clientEffect u: Double, tally t: inout [Double]) {
        let invoices = cohort.clients[c].invoices
        let autopay = cohort.clients[c].autopay
        let first = invoices.lowerBound
        let n = invoices.count
        guard n > 0 else { return }
        reserve(n)
        prepareTables()
        let isHistory = policy.isHistory
        var estimated: HistoryPolicy? = nil
        if case .estimatedHistory(let table) = policy.kind, !table.isEmpty { estimated = table }
        var history: ClientRiskHistory? = policy.usesRisk ? cohort.clients[c].priorHistory : nil
        // The client's invoices enter the history in issue order after its earlier ones.
        historyBase = history?.invoiceCount ?? 0
        let writeOffAfter = isHistory ? cohort.historyWriteOffAfterDays : engine.policy.writeOffAfterDays
        let consolidates = isHistory ? false : engine.policy.limits.consolidatePerClient
        let grace = isHistory ? 3 : engine.policy.holds.promiseGraceDays
        let reviewMinutes = isHistory ? 0 : engine.reviewMinutes
        let reviewMoney = Double(costs.labour(minutes: reviewMinutes).minorUnits)
        liveCount = 0
        var next = 0
        var invoiceDays = 0
        defer { t[.invoiceDays] += Double(invoiceDays) }
        var d = cohort.issuedOn[first]
        while true {
            // Issue.
            while next < n && cohort.issuedOn[first + next] <= d {
                issue(next, global: first + next, autopay: autopay, engine: engine, usesRules: !isHistory, history: &history, rng: rng, tally: &t)
                live[liveCount] = next
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
                let k = live[slot]
                guard !closed[k] && d - cohort.dueOn[first + k] >= writeOffAfter else { continue }
                chargeWriteOff(open[k], global: first + k, position: historyBase + k, on: d, history: &history, tally: &t)
                writeOff(k, global: first + k, on: d)
            }
            // 2. Disputes resolving or opening; credit notes.
            for slot in 0..<liveCount {
                let k = live[slot]
                guard !closed[k] else { continue }
                let g = first + k
                todayContacts[k] = 0
                if disputeOpen[k] && disputeEnds[k] <= d {
                    disputeOpen[k] = false
                    disputeResolvedOn[k] = d
                    nextDecision[k] = d
                }
                if disputeNext[k] < cohort.exogenousCount[g] {
                    let exogenous = cohort.exogenousDisputes[g]
                    while disputeNext[k] < exogenous.count && exogenous[disputeNext[k]].openedOn <= d {
                        let e = exogenous[disputeNext[k]]
                        disputeNext[k] += 1
                        if e.openedOn == d && !disputeOpen[k] && !hadDispute[k] {
                            openDispute(k, on: d, days: e.days)
                            nextDecision[k] = min(nextDecision[k], d)
                            chargeDispute(position: historyBase + k, on: d, history: &history, tally: &t)
                        }
                    }
                }
                if creditNext[k] < cohort.creditCount[g] {
                    let credits = cohort.creditNotes[g]
                    while creditNext[k] < credits.count && credits[creditNext[k]].day <= d {
                        let amount = credit(k, credits[creditNext[k]].amount)
                        guard amount > 0 else { continue }
                        nextDecision[k] = d
                        chargeCredit(amount, position: historyBase + k, on: d, history: &history, tally: &t)
                    }
                }
            }
            // 3. Decisions, contacts and their outcomes.
            if !isHistory {
                if !dayContacts.isEmpty { dayContacts.removeAll(keepingCapacity: true) }
                for slot in 0..<liveCount {
                    let k = live[slot]
                    guard !closed[k] && (!skipsQuietDays || d >= nextDecision[k]) else { continue }
                    let g = first + k
                    let facts = dayFacts(k, global: g, day: day, autopay: autopay)
                    engine.decide(&state[k], facts, into: &decision)
                    if skipsQuietDays { nextDecision[k] = engine.nextDecisionDay(after: day, state: state[k], facts: facts).ordinal }
                    for i in 0..<decision.count {
                        let contact = decision[i]
                        if consolidates {
                            dayContacts.append(ClientDayContact(invoice: k, contact: contact))
                        } else {
                            if contact.isReviewed(on: day) { t[.reviewMinutes] += reviewMinutes; t[.cost] += reviewMoney; t[.reviews] += 1 }
                            if contact.executes(on: day) {
                                makeContact(channel: contact.channel, actor: contact.actor, tone: contact.tone,
                                            isEscalation: contact.isEscalation, invoice: k, day: d, grace: grace,
                                            loggedMinutes: nil, countsOnce: true, history: &history, tally: &t)
                            }
                        }
                    }
                }
                if consolidates && !dayContacts.isEmpty {
                    for merged in engine.consolidate(dayContacts) {
                        let contact = merged.contact
                        if contact.isReviewed(on: day) { t[.reviewMinutes] += reviewMinutes; t[.cost] += reviewMoney; t[.reviews] += 1 }
                        guard contact.executes(on: day) else { continue }
                        for (j, k) in merged.invoices.enumerated() where !closed[k] {
                            makeContact(channel: contact.channel, actor: contact.actor, tone: contact.tone,
                                        isEscalation: contact.isEscalation, invoice: k, day: d, grace: grace,
                                        loggedMinutes: nil, countsOnce: j == 0, history: &history, tally: &t)
                        }
                    }
                }
            } else if let estimated {
                // The firm's estimated policy: a contact with its cell's probability, then its action.
                let isWeekend = day.isWeekend
                for slot in 0..<liveCount {
                    let k = live[slot]
                    guard !closed[k] else { continue }
                    let dpd = d - cohort.dueOn[first + k]
                    let isHeld = disputeOpen[k] || (promisedOn[k] != ClientReplay.none && d <= promisedOn[k] + grace)
                    let contacts = contactCount[k]
                    var lastContact: Int? = nil
                    if contacts > 0 {
                        let slots = recent[k]
                        var latest = slots[0]
                        for i in 1..<8 where slots[i] > latest { latest = slots[i] }
                        lastContact = Int(latest)
                    }
                    let p = prefix[k]
                    let hazard = estimated.contactProbability(dpd: dpd, contacts: contacts, day: d, lastContact: lastContact,
                                                              isWeekend: isWeekend, isHeld: isHeld)
                    guard ReplayRandom.uniform(prefix: p, day: d, purpose: .historyContact) < hazard else { continue }
                    let count = ReplayRandom.uniform(prefix: p, day: d, purpose: .historyContact, index: 1) < estimated.secondContact ? 2 : 1
                    for i in 0..<count {
                        let a = estimated.actions[estimated.action(dpd: dpd, contacts: contacts, isHeld: isHeld,
                                                                   uniform: ReplayRandom.uniform(prefix: p, day: d, purpose: .historyAction, index: i))]
                        makeContact(channel: a.channel, actor: a.actor, tone: a.tone, isEscalation: false, invoice: k,
                                    day: d, grace: grace, loggedMinutes: a.minutes, countsOnce: true,
                                    history: &history, tally: &t)
                        tallyHistoryContact(channel: a.channel, dpd: dpd, tally: &t)
                    }
                }
            } else {
                for slot in 0..<liveCount {
                    let k = live[slot]
                    guard !closed[k] && actionNext[k] < cohort.actionCount[first + k] else { continue }
                    let actions = cohort.loggedActions[first + k]
                    while actionNext[k] < actions.count && actions[actionNext[k]].day <= d {
                        let a = actions[actionNext[k]]
                        actionNext[k] += 1
                        guard a.day == d else { continue }
                        makeContact(channel: a.channel, actor: a.actor, tone: a.tone, isEscalation: false, invoice: k,
                                    day: d, grace: grace, loggedMinutes: a.minutes, countsOnce: true,
                                    history: &history, tally: &t)
                        tallyHistoryContact(channel: a.channel, dpd: d - cohort.dueOn[first + k], tally: &t)
                    }
                }
            }
            // 4. Payments (Monday to Friday; never while a dispute is open).
            if !day.isWeekend {
                let weekday = weekdayTable[day.isoWeekday - 1]
                for slot in 0..<liveCount {
                    let k = live[slot]
                    guard !closed[k] && !disputeOpen[k] else { continue }
                    let g = first + k
                    let pay = payment(k, global: g, on: d, weekday: weekday, clientEffect: u)
                    guard pay > 0 else { continue }
                    chargeReceipt(pay, global: g, position: historyBase + k, on: d, history: &history, tally: &t)
                    receive(pay, invoice: k, global: g, on: d)
                    nextDecision[k] = min(nextDecision[k], d + 1)
                    if !isHistory { engine.recordPayment(&state[k]) }
                }
            }
            invoiceDays += liveCount
            // Drop the closed invoices in place (keeping the order).
            var kept = 0
            for i in 0..<liveCount where !closed[live[i]] {
                live[kept] = live[i]
                kept += 1
            }
            liveCount = kept
            lastDay = max(lastDay, d)
            d += 1
        }
    }

    /// A history contact's mark in the fit slots (by dpd band and channel, `ReplayTally`).
    @inline(__always) func tallyHistoryContact(channel: Channel, dpd: Int, tally t: inout [Double]) {
        t[ReplayTally.contactsByBandSlot(HistoryPolicy.band(dpd: dpd))] += 1
        t[ReplayTally.contactsByChannelSlot(channel.index)] += 1
    }

    /// What `decide` sees of invoice `k` (global `g`) on `day`.
    func dayFacts(_ k: Int, global g: Int, day: Day, autopay: Bool) -> InvoiceDayFacts {
        InvoiceDayFacts(
            day: day, dueOn: Day(ordinal: cohort.dueOn[g]), openBalance: Money(minorUnits: open[k]),
            isAutopay: autopay, isDisputeOpen: disputeOpen[k],
            // The replay charges a dispute's task itself when it opens (`openDispute`).
            disputeOpenedToday: false,
            promisedOn: promisedOn[k] == ClientReplay.none ? nil : Day(ordinal: promisedOn[k]))
    }

    // MARK: Per-replay tables

    /// Copies the behaviour's coefficients the hot loop reads into fixed-size fields (they change
    /// per run when coefficients are drawn).
    mutating func prepareTables() {
        for c in 0..<5 { contactCoefficients[c] = behaviour.channelCoefficients[c] }
        contactCoefficients[5] = behaviour.firmCoefficient
        contactCoefficients[6] = behaviour.humanCoefficient
        contactCoefficients[7] = behaviour.fatigueCoefficient
        dpdTable = SIMD16<Double>()
        weekdayTable = SIMD8<Double>()
        for b in 0..<9 { dpdTable[b] = behaviour.dpdCoefficients[b] }
        for w in 0..<5 { weekdayTable[w] = behaviour.weekdayCoefficients[w] }
        promiseWaiting = behaviour.promiseWaitingCoefficient
        disputeResolved = behaviour.disputeResolvedCoefficient
    }

    // MARK: Events
    //
    // Each event comes in two parts: what it does to the invoice's simulated state (index `k`
    // into the buffers) and what it adds to one policy's tally and risk history (`charge…`).
    // The plain replay calls both; the shared replay (`replayShared`) changes a state once for
    // every policy whose invoice is in it and charges each of those policies.

    mutating func issue(_ k: Int, global g: Int, autopay: Bool, engine: PolicyEngine, usesRules: Bool,
                        history: inout ClientRiskHistory?, rng: ReplayRandom, tally t: inout [Double]) {
        if usesRules {
            var risk = 0.0
            // In place: a copy of the history here would be copied again on write, once per issue.
            if history != nil {
                risk = issueRisk(global: g, engine: engine, history: &history)
            }
            state[k] = engine.makeState(risk: risk)
        }
        issueState(k, global: g, autopay: autopay, rng: rng)
        nextDecision[k] = cohort.issuedOn[g]
        chargeIssue(global: g, tally: &t)
    }

    /// The risk of invoice `g` scored from `history`, which then records its issue (by position:
    /// the invoice's is `historyBase + k`, see `replay`).
    mutating func issueRisk(global g: Int, engine: PolicyEngine, history: inout ClientRiskHistory?) -> Double {
        issueFeatures(global: g, history: history)
        let risk = engine.risk(featureValues: riskFeatures)
        recordIssue(global: g, history: &history)
        return risk
    }

    /// Invoice `g`'s risk features on its issue day from `history`, into `riskFeatures`.
    mutating func issueFeatures(global g: Int, history: ClientRiskHistory?) {
        history?.features(issuedOn: Day(ordinal: cohort.issuedOn[g]), dueOn: Day(ordinal: cohort.dueOn[g]),
                          amount: Money(minorUnits: cohort.amount[g]), into: &riskFeatures)
    }

    func recordIssue(global g: Int, history: inout ClientRiskHistory?) {
        history?.recordIssued(issuedOn: Day(ordinal: cohort.issuedOn[g]), dueOn: Day(ordinal: cohort.dueOn[g]),
                              amount: Money(minorUnits: cohort.amount[g]))
    }

    /// A newly issued invoice's simulated state at `k`.
    mutating func issueState(_ k: Int, global g: Int, autopay: Bool, rng: ReplayRandom) {
        open[k] = cohort.amount[g]
        closed[k] = false
        for j in 0..<7 { stock[7 * k + j] = 0 }
        stockAt[k] = BusinessCalendar.index(ordinal: cohort.issuedOn[g])
        contactCount[k] = 0
        recent[k] = SIMD8(repeating: .min)
        todayContacts[k] = 0
        disputeOpen[k] = false; disputeEnds[k] = 0; disputeResolvedOn[k] = ClientReplay.none; hadDispute[k] = false
        promiseMadeOn[k] = ClientReplay.none; promisedOn[k] = ClientReplay.none; promisePayOn[k] = ClientReplay.none
        promiseKept[k] = false
        autopayAttempt[k] = autopay ? Day(ordinal: cohort.dueOn[g]).nextBusinessDay.ordinal : ClientReplay.none
        creditNext[k] = 0; disputeNext[k] = 0; actionNext[k] = 0
        prefix[k] = rng.prefix(entity: cohort.ledgerPositions[g])
        invoiceWeightedDays[k] = 0
        invoiceCollected[k] = 0
    }

    func chargeIssue(global g: Int, tally t: inout [Double]) {
        t[.invoices] += 1
        t[.invoiced] += Double(cohort.amount[g])
    }

    /// Writes off the open balance of `k` on day `d`.
    mutating func writeOff(_ k: Int, global g: Int, on d: Int) {
        invoiceWeightedDays[k] += Double(open[k]) * Double(d - cohort.issuedOn[g])
        open[k] = 0
        closed[k] = true
    }

    func chargeWriteOff(_ amount: Int64, global g: Int, position: Int, on d: Int, history: inout ClientRiskHistory?,
                        tally t: inout [Double]) {
        t[.writtenOff] += Double(amount)
        t[.writtenOffDays] += Double(amount) * Double(d - cohort.issuedOn[g])
        history?.recordAdjustment(position: position, on: Day(ordinal: d), amount: Money(minorUnits: amount), kind: .writeOff)
    }

    /// Applies the next credit note of `k` (`amount` as booked) and returns the amount that
    /// came off the open balance (0 when nothing was open).
    mutating func credit(_ k: Int, _ amount: Int64) -> Int64 {
        let applied = min(open[k], amount)
        creditNext[k] += 1
        guard applied > 0 else { return 0 }
        open[k] -= applied
        if open[k] == 0 { closed[k] = true }
        return applied
    }

    func chargeCredit(_ amount: Int64, position: Int, on d: Int, history: inout ClientRiskHistory?, tally t: inout [Double]) {
        t[.credited] += Double(amount)
        history?.recordAdjustment(position: position, on: Day(ordinal: d), amount: Money(minorUnits: amount), kind: .creditNote)
    }

    /// The amount `k` pays on business day `d` (0: none): a promise falling due, the autopay
    /// attempt, or the hazard's draw (full or partial).
    @inline(__always) mutating func payment(_ k: Int, global g: Int, on d: Int, weekday: Double, clientEffect u: Double) -> Int64 {
        let p = prefix[k]
        if promisePayOn[k] == d {
            promisePayOn[k] = ClientReplay.none
            return promiseKept[k] ? open[k] : 0
        }
        if autopayAttempt[k] >= d {
            if autopayAttempt[k] > d { return 0 }
            let draw = ReplayRandom.uniform(prefix: p, day: cohort.dueOn[g], purpose: .autopay)
            return draw < behaviour.autopaySuccess ? open[k] : 0
        }
        var eta = base[g] + u + weekday + dpdTable[HazardFeatureLayout.dpdBin(d - cohort.dueOn[g])]
        if promisedOn[k] != ClientReplay.none && promiseMadeOn[k] <= d && d < promisedOn[k] {
            eta += promiseWaiting
        }
        if disputeResolvedOn[k] != ClientReplay.none && d - disputeResolvedOn[k] < 14 {
            eta += disputeResolved
        }
        if contactCount[k] > 0 { eta += contactTerm(k, day: d) }
        let hazard = eta >= 0 ? 1 / (1 + exp(-eta)) : { let e = exp(eta); return e / (1 + e) }()
        guard ReplayRandom.uniform(prefix: p, day: d, purpose: .payment) < hazard else { return 0 }
        if behaviour.partialPayment > 0,
           ReplayRandom.uniform(prefix: p, day: d, purpose: .partial) < behaviour.partialPayment {
            let part = Int64((Double(open[k]) * behaviour.partialShare).rounded(.down))
            if part >= 1 && part < open[k] { return part }
        }
        return open[k]
    }

    /// `amount` received for `k` on day `d`.
    mutating func receive(_ amount: Int64, invoice k: Int, global g: Int, on d: Int) {
        let a = Double(amount)
        invoiceWeightedDays[k] += a * Double(d - cohort.issuedOn[g])
        invoiceCollected[k] += a
        open[k] -= amount
        if open[k] <= 0 { open[k] = 0; closed[k] = true }
    }

    func chargeReceipt(_ amount: Int64, global g: Int, position: Int, on d: Int, history: inout ClientRiskHistory?,
                       tally t: inout [Double]) {
        let a = Double(amount)
        t[.collected] += a
        t[.collectedDays] += a * Double(d - cohort.issuedOn[g])
        let age = d - cohort.issuedOn[g]
        for (i, mark) in ReplayTally.collectedByDays.enumerated() where age <= mark {
            t[ReplayTally.collectedBySlot(i)] += a
        }
        if d - cohort.dueOn[g] <= 90 { t[.collected90] += a }
        history?.recordPayment(position: position, on: Day(ordinal: d), amount: Money(minorUnits: amount))
    }

    /// Opens a dispute on `k` on day `d` for `days` days.
    mutating func openDispute(_ k: Int, on d: Int, days: Int) {
        disputeOpen[k] = true
        hadDispute[k] = true
        disputeEnds[k] = d + max(1, days)
    }

    func chargeDispute(position: Int, on d: Int, history: inout ClientRiskHistory?, tally t: inout [Double]) {
        t[.disputes] += 1
        t[.disputeMinutes] += costs.humanMinutes.dispute
        t[.cost] += Double(disputeMoney)
        history?.recordDisputeOpened(position: position, on: Day(ordinal: d))
    }

    /// What a contact led to (`markContact`).
    enum ContactOutcome: Equatable {
        case nothing
        case promise
        /// A dispute, already opened on the invoice.
        case dispute
    }

    /// Makes one contact for invoice `k` on day `d`: its cost (once per message when
    /// `countsOnce`), its mark in the contact stocks, and its outcome draws.
    mutating func makeContact(channel: Channel, actor: ActorKind, tone: Tone, isEscalation: Bool, invoice k: Int,
                              day d: Int, grace: Int, loggedMinutes: Double?, countsOnce: Bool,
                              history: inout ClientRiskHistory?, tally t: inout [Double]) {
        if countsOnce {
            chargeContact(channel: channel, actor: actor, isEscalation: isEscalation, loggedMinutes: loggedMinutes, tally: &t)
        }
        let outcome = markContact(channel: channel, actor: actor, tone: tone, invoice: k, day: d, grace: grace)
        switch outcome {
        case .nothing: break
        case .promise: nextDecision[k] = min(nextDecision[k], d + 1)
        case .dispute: nextDecision[k] = min(nextDecision[k], d)
        }
        chargeOutcome(outcome, position: historyBase + k, on: d, history: &history, tally: &t)
    }

    /// A contact's cost: money, and human minutes by task.
    func chargeContact(channel: Channel, actor: ActorKind, isEscalation: Bool, loggedMinutes: Double?, tally t: inout [Double]) {
        let isHuman = actor == .human || channel == .call
        t[.contacts] += 1
        if isEscalation { t[.escalations] += 1 }
        let slot = 2 * channel.index + (isHuman ? 1 : 0)
        var minutes = contactMinutes[slot]
        var money = contactMoney[slot]
        if isHuman, let logged = loggedMinutes {
            // The history's own minutes where it logged them.
            minutes = logged
            money = costs.labour(minutes: logged).minorUnits + (channel == .letter ? costs.letter.minorUnits : 0)
        }
        t[.cost] += Double(money)
        if isHuman {
            if channel == .call || channel == .voiceAgent { t[.callMinutes] += minutes } else { t[.reminderMinutes] += minutes }
        }
    }

    func chargeOutcome(_ outcome: ContactOutcome, position: Int, on d: Int, history: inout ClientRiskHistory?,
                       tally t: inout [Double]) {
        switch outcome {
        case .nothing: break
        case .promise:
            t[.promises] += 1
            t[.promiseMinutes] += costs.humanMinutes.promiseFollowUp
            t[.cost] += Double(promiseMoney)
        case .dispute:
            chargeDispute(position: position, on: d, history: &history, tally: &t)
        }
    }

    /// A contact's mark on invoice `k`'s state: the contact stocks, and its outcome drawn (a
    /// promise or a dispute, set on the invoice).
    mutating func markContact(channel: Channel, actor: ActorKind, tone: Tone, invoice k: Int, day d: Int,
                              grace: Int) -> ContactOutcome {
        let isHuman = actor == .human || channel == .call
        let ch = channel.index
        let index = todayContacts[k]
        todayContacts[k] += 1
        let p = prefix[k]
        let reached = ReplayRandom.uniform(prefix: p, day: d, purpose: .reach, index: index) < behaviour.reach[ch]
        // The contact's mark in the stocks (its effect starts today).
        advanceStock(k, to: d)
        let w = reached ? 1 : behaviour.unreachedWeight
        stock[7 * k + ch] += w
        if tone >= .firm { stock[7 * k + 5] += w }
        if isHuman { stock[7 * k + 6] += w }
        var slots = recent[k]
        var oldest = 0
        for i in 1..<8 where slots[i] < slots[oldest] { oldest = i }
        slots[oldest] = Int32(truncatingIfNeeded: d)
        recent[k] = slots
        contactCount[k] += 1
        // Outcomes: a promise, or else perhaps a dispute.
        guard reached, !disputeOpen[k] else { return .nothing }
        if promisedOn[k] != ClientReplay.none && d <= promisedOn[k] + grace { return .nothing }
        let promiseRate = behaviour.promiseGivenReach[ch]
        if ReplayRandom.uniform(prefix: p, day: d, purpose: .promise, index: index) < promiseRate {
            let lags = behaviour.promiseLagDays
            let lag = lags[min(lags.count - 1, Int(ReplayRandom.uniform(prefix: p, day: d, purpose: .promiseDelay, index: index) * Double(lags.count)))]
            promiseMadeOn[k] = d
            promisedOn[k] = d + lag
            promisePayOn[k] = Day(ordinal: d + lag).nextBusinessDay.ordinal
            promiseKept[k] = ReplayRandom.uniform(prefix: p, day: d, purpose: .promiseKept, index: index) < behaviour.promiseKept
            return .promise
        }
        // The dispute rate is per contact; here it is drawn only for reached contacts without a
        // promise, so it is scaled up to keep its marginal rate.
        let eligible = behaviour.reach[ch] * (1 - promiseRate)
        let disputeRate = eligible > 0 ? min(1, behaviour.disputeByTone[tone.firmness] / eligible) : 0
        if ReplayRandom.uniform(prefix: p, day: d, purpose: .dispute, index: index) < disputeRate {
            let durations = behaviour.disputeDurationDays
            let days = durations[min(durations.count - 1,
                                     Int(ReplayRandom.uniform(prefix: p, day: d, purpose: .disputeDuration, index: index) * Double(durations.count)))]
            openDispute(k, on: d, days: days)
            return .dispute
        }
        return .nothing
    }

    // MARK: Contact stocks

    @inline(__always) mutating func advanceStock(_ k: Int, to d: Int) {
        let bi = BusinessCalendar.index(ordinal: d)
        let b = bi - stockAt[k]
        guard b > 0 else { return }
        stockAt[k] = bi
        guard contactCount[k] > 0 else { return }
        let f = b < decay.count ? decay[b] : pow(0.5, Double(b) / behaviour.halfLife)
        for j in 0..<7 { stock[7 * k + j] *= f }
    }

    /// The contact part of the logit on day `d` (after advancing the stocks to `d`).
    @inline(__always) mutating func contactTerm(_ k: Int, day d: Int) -> Double {
        advanceStock(k, to: d)
        var s = 0.0
        // A stock of 0 adds exactly 0 (log1p(0) = 0): skip its logarithm.
        for c in 0..<7 {
            let x = stock[7 * k + c]
            if x != 0 { s += contactCoefficients[c] * log1p(x) }
        }
        let threshold = Int32(truncatingIfNeeded: d - 7)
        var n7 = 0
        let slots = recent[k]
        for i in 0..<8 where slots[i] > threshold { n7 += 1 }
        if n7 > 2 { s += contactCoefficients[7] * Double(n7 - 2) }
        return s
    }
}
