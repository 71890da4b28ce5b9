import Foundation
import RecoupModel
import RecoupPolicy

// What each event does to an invoice's simulated state (index `k` into `buffers`: the invoice
// itself, or one of its variants in a shared replay). What an event adds to a policy's tally
// and risk history is `ReplayCharges`'.
extension ClientReplay {
    /// The risk of invoice `g` scored from `history`, which then records its issue (by position:
    /// the invoice's is `historyBase + k`, see `replayDays`).
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

    /// Writes off the open balance of `k` on day `d`.
    mutating func writeOff(_ k: Int, global g: Int, on d: Int) {
        invoiceWeightedDays[k] += Double(open[k]) * Double(d - cohort.issuedOn[g])
        open[k] = 0
        closed[k] = true
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
        var eta = base[g] + u + weekday + hazard.dpd[HazardFeatureLayout.dpdBin(d - cohort.dueOn[g])]
        if promisedOn[k] != ClientReplay.none && promiseMadeOn[k] <= d && d < promisedOn[k] {
            eta += hazard.promiseWaiting
        }
        if disputeResolvedOn[k] != ClientReplay.none && d - disputeResolvedOn[k] < 14 {
            eta += hazard.disputeResolved
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

    /// Opens a dispute on `k` on day `d` for `days` days.
    mutating func openDispute(_ k: Int, on d: Int, days: Int) {
        disputeOpen[k] = true
        hadDispute[k] = true
        disputeEnds[k] = d + max(1, days)
    }

    /// What a contact led to (`markContact`).
    enum ContactOutcome: Equatable {
        case nothing
        case promise
        /// A dispute, already opened on the invoice.
        case dispute
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

    /// What `decide` sees of invoice `k` (global `g`) on `day`.
    func dayFacts(_ k: Int, global g: Int, day: Day, autopay: Bool) -> InvoiceDayFacts {
        InvoiceDayFacts(
            day: day, dueOn: Day(ordinal: cohort.dueOn[g]), openBalance: Money(minorUnits: open[k]),
            isAutopay: autopay, isDisputeOpen: disputeOpen[k],
            // The replay charges a dispute's task itself when it opens (`openDispute`).
            disputeOpenedToday: false,
            promisedOn: promisedOn[k] == ClientReplay.none ? nil : Day(ordinal: promisedOn[k]))
    }

    // MARK: Contact stocks

    /// Decays `k`'s contact stocks to business day `d` (0.5 per half-life of business days).
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
            if x != 0 { s += hazard.contact[c] * log1p(x) }
        }
        let threshold = Int32(truncatingIfNeeded: d - 7)
        var n7 = 0
        let slots = recent[k]
        for i in 0..<8 where slots[i] > threshold { n7 += 1 }
        if n7 > 2 { s += hazard.contact[7] * Double(n7 - 2) }
        return s
    }

    /// A new variant of local invoice `k` (`ReplayMembers.sharesVariants`), growing the buffers
    /// (keeping their contents) if full.
    mutating func newVariant(invoice k: Int) -> Int {
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
}
