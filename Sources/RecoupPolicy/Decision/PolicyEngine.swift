import Foundation

/// The decision function of SPEC §4: what a policy does about each open invoice on each day.
/// The simulator, the synthetic truth world and `recoup plan` all call it, and so does the live
/// agent, so what was simulated is what the agent does.
///
/// Build one per policy (it precomputes per-tier step tables), then, for every open invoice:
///
/// 1. On the issue day, `makeState(risk:)` (score with `risk(featureValues:)`).
/// 2. On every day from the issue day until the invoice is paid or written off, after that day's
///    write-offs and dispute changes and before its contacts, outcomes and payments, call
///    `decide(_:_:into:)`. Do what it lists: contacts with `executes(on: day)` are made today;
///    contacts with `isReviewed(on: day)` cost a person `reviewMinutes` today; `opensDisputeTask`
///    is a dispute-handling task; `writeOff` closes the invoice (stop calling).
///    Days must increase. A caller may skip days: it must still call on every day
///    `nextDecisionDay(after:state:facts:)` returns and on every day a fact changes (a dispute
///    opens or resolves, a promise is made, the balance changes).
/// 3. With `limits.consolidatePerClient`, pass each client's contacts of the day through
///    `consolidate(_:)` and make each merged contact once.
/// 4. When a payment is received, call `recordPayment(_:)` (after the day's decisions).
///
/// ```swift
/// let engine = try PolicyEngine(policy)
/// var state = engine.makeState(risk: engine.risk(featureValues: values))
/// var decision = DayDecision()
/// for day in issued...lastDay {
///     let facts = InvoiceDayFacts(day: day, dueOn: due, openBalance: balance)
///     engine.decide(&state, facts, into: &decision)
///     if decision.writeOff { break }
///     for contact in decision where contact.executes(on: day) { send(contact) }
///     if paidToday { engine.recordPayment(&state) }
/// }
/// ```
///
/// `decide` is a pure function of the state and the facts: the same inputs give the same
/// outputs, with no clock, randomness or globals. On a quiet day it is a few comparisons and
/// allocates nothing.
public struct PolicyEngine: Sendable {
    /// The validated policy.
    public let policy: Policy

    // Precomputed tables, flattened over tiers.
    @usableFromInline let tierBounds: [Double]
    @usableFromInline let stepCodes: [UInt64]
    @usableFromInline let stepDays: [Int]
    @usableFromInline let stepBase: [Int]
    @usableFromInline let stepCount: [Int]
    @usableFromInline let maskMinDay: [Int]
    @usableFromInline let maskMaxDay: [Int]
    @usableFromInline let maskBase: [Int]
    @usableFromInline let masks: [UInt32]
    @usableFromInline let featureIndices: [Int]

    // Scalars copied out of the policy for the hot path.
    @usableFromInline let writeOffAfterDays: Int
    @usableFromInline let pauseOnDispute: Bool
    @usableFromInline let skipAutopay: Bool
    @usableFromInline let promiseGraceDays: Int
    @usableFromInline let businessDaysOnly: Bool
    @usableFromInline let maxContacts: Int
    @usableFromInline let stopAutomation: Bool
    @usableFromInline let escalationEnabled: Bool
    @usableFromInline let escalateDaysPastDue: Int
    @usableFromInline let escalateAmountOver: Int64
    @usableFromInline let escalateRiskOver: Double
    @usableFromInline let escalateAfterContacts: Int
    @usableFromInline let isCopilot: Bool
    @usableFromInline let approvalDelayDays: Int
    @usableFromInline let escalationCode: UInt64

    /// Human minutes a copilot approval costs (charged on the decision day).
    public var reviewMinutes: Double { policy.copilot.reviewMinutes }

    /// Builds the engine for a policy, refusing one that fails validation.
    /// - Throws: `PolicyError.invalid` listing every problem.
    /// - Complexity: O(steps + step-day span) per tier.
    public init(_ policy: Policy) throws(PolicyError) {
        try policy.checkValid()
        self.policy = policy
        var bounds: [Double] = []
        var codes: [UInt64] = [], days: [Int] = [], base: [Int] = [], count: [Int] = []
        var minDays: [Int] = [], maxDays: [Int] = [], mBase: [Int] = [], allMasks: [UInt32] = []
        let approve = Set(policy.copilot.approve)
        for tier in policy.tiers {
            bounds.append(tier.below ?? .infinity)
            let steps = policy.cadences[tier.name] ?? []
            base.append(codes.count)
            count.append(steps.count)
            for (i, step) in steps.enumerated() {
                var channel = step.channel
                var actor: ActorKind = step.channel == .call ? .human : step.actor
                var needsApproval = false
                switch policy.mode {
                case .autonomous: break
                case .copilot:
                    needsApproval = approve.contains(.channel(channel)) || approve.contains(.actor(actor))
                        || approve.contains(.tone(step.tone))
                case .manual:
                    actor = .human
                    if channel == .voiceAgent { channel = .call }
                }
                codes.append(PackedContact.make(channel: channel, actor: actor, tone: step.tone, stepIndex: i,
                                                needsApproval: needsApproval))
                days.append(step.day)
            }
            let lo = steps.map(\.day).min() ?? 0
            let hi = steps.map(\.day).max() ?? -1
            minDays.append(lo); maxDays.append(hi); mBase.append(allMasks.count)
            if hi >= lo {
                var tierMasks = [UInt32](repeating: 0, count: hi - lo + 1)
                for (i, step) in steps.enumerated() { tierMasks[step.day - lo] |= 1 << UInt32(i) }
                allMasks += tierMasks
            }
        }
        tierBounds = bounds; stepCodes = codes; stepDays = days; stepBase = base; stepCount = count
        maskMinDay = minDays; maskMaxDay = maxDays; maskBase = mBase; masks = allMasks
        featureIndices = (policy.riskModel?.features ?? []).map { name in
            RiskFeature.allCases.firstIndex { $0.rawValue == name } ?? 0
        }
        writeOffAfterDays = policy.writeOffAfterDays
        pauseOnDispute = policy.holds.pauseOnDispute
        skipAutopay = policy.holds.skipAutopay
        promiseGraceDays = policy.holds.promiseGraceDays
        businessDaysOnly = policy.limits.businessDaysOnly
        maxContacts = policy.limits.maxContactsPer7Days
        let e = policy.escalation
        stopAutomation = e.stopAutomation
        escalationEnabled = e.isEnabled
        escalateDaysPastDue = e.daysPastDue ?? .max
        escalateAmountOver = e.amountOver?.minorUnits ?? .max
        escalateRiskOver = e.riskOver ?? .infinity
        escalateAfterContacts = e.afterContacts ?? .max
        isCopilot = policy.mode == .copilot
        approvalDelayDays = policy.copilot.approvalDelayDays
        escalationCode = PackedContact.make(channel: .call, actor: .human, tone: .firm, stepIndex: nil, needsApproval: false)
    }

    // MARK: Risk and tier

    /// The risk model's score for feature values in `RiskFeature.allCases` order (as
    /// `RiskFeatureCalculator.values(forInvoiceAt:)` returns them); 0 when the policy has no
    /// risk model (one tier).
    /// - Complexity: O(model features).
    public func risk(featureValues: [Double]) -> Double {
        guard let model = policy.riskModel else { return 0 }
        precondition(featureValues.count == RiskFeature.allCases.count,
                     "risk(featureValues:) needs \(RiskFeature.allCases.count) values in RiskFeature.allCases order, got \(featureValues.count)")
        var z = model.intercept
        for (k, index) in featureIndices.enumerated() {
            z += model.coefficients[k] * (featureValues[index] - model.means[k]) / model.scales[k]
        }
        return 1 / (1 + Foundation.exp(-z))
    }

    /// The index of the tier for `risk`: the first whose `below` exceeds it.
    public func tier(forRisk risk: Double) -> Int {
        for (i, bound) in tierBounds.enumerated() where risk < bound { return i }
        return tierBounds.count - 1
    }

    /// The state of a newly issued invoice with the risk scored on its issue day.
    public func makeState(risk: Double) -> InvoicePolicyState {
        InvoicePolicyState(tier: tier(forRisk: risk), risk: risk)
    }

    /// The cadence step `index` of `tier`, as written in the policy.
    public func step(tier: Int, index: Int) -> CadenceStep {
        policy.cadences[policy.tiers[tier].name]?[index] ?? CadenceStep(day: 0, channel: .email)
    }

    // MARK: Events

    /// A payment was received for the invoice (partial or full): `afterContacts` counts from
    /// zero again. Call after the day's `decide`.
    public func recordPayment(_ state: inout InvoicePolicyState) {
        state.contactsSincePayment = 0
    }

    // MARK: The decision

    /// The policy's actions for one invoice on `facts.day`, following SPEC §4 steps 1–9 in order
    /// (consolidation across a client's invoices is `consolidate(_:)`). Updates `state` and
    /// overwrites `decision`.
    ///
    /// - Complexity: O(1) on a quiet day; O(steps due + pending approvals) otherwise.
    public func decide(_ state: inout InvoicePolicyState, _ facts: InvoiceDayFacts, into decision: inout DayDecision) {
        decision.reset(day: facts.day)
        let d = facts.day.ordinal
        let dpd = d - facts.dueOn.ordinal

        // 1. Write-off.
        if dpd >= writeOffAfterDays {
            decision.writeOff = true
            state.carried = 0
            state.isEscalationCallPending = false
            state.pendingCount = 0
            return
        }
        // 2–3. Dispute task and holds.
        if facts.disputeOpenedToday { decision.opensDisputeTask = true }
        var held = pauseOnDispute && facts.isDisputeOpen
        if skipAutopay && facts.isAutopay && dpd < 1 { held = true }
        if let promised = facts.promisedOn, d <= promised.ordinal + promiseGraceDays { held = true }
        if held {
            decision.isHeld = true
            state.carried = 0
            state.isEscalationCallPending = false
            if state.pendingCount > 0 { dropPending(&state, through: d) }
            return
        }

        // 6 (lookup). New steps due today.
        let tier = state.tier
        let cadenceStopped = state.isEscalated && stopAutomation
        var due: UInt32 = 0
        if !cadenceStopped, dpd >= maskMinDay[tier], dpd <= maskMaxDay[tier] {
            due = masks[maskBase[tier] + dpd - maskMinDay[tier]]
        }
        let mayEscalate = !state.isEscalated && escalationEnabled && escalationHolds(state, facts, dpd: dpd)
        // Quiet day: nothing due, nothing carried, nothing pending, no escalation.
        if due == 0 && state.carried == 0 && !state.isEscalationCallPending && state.pendingCount == 0 && !mayEscalate {
            return
        }

        // 9 (copilot). Approved contacts falling due today.
        if state.pendingCount > 0 { releasePending(&state, through: d, into: &decision) }

        let weekend = businessDaysOnly && facts.day.isWeekend
        // 5. Escalation: checked on business days only when businessDaysOnly.
        if mayEscalate && !weekend {
            state.isEscalated = true
            state.isEscalationCallPending = true
            decision.escalatedToday = true
            if stopAutomation {
                state.carried = 0
                due = 0
            }
        }
        // 6. Due steps join those carried over; a weekend carries them all to Monday.
        state.carried |= due
        if weekend { return }

        // 7. The 7-day limit: escalation call first, then carried and new steps in cadence order.
        var used = state.contactsInWindow(endingAt: d)
        if state.isEscalationCallPending && used < maxContacts {
            state.isEscalationCallPending = false
            state.recordDecision(on: d)
            used += 1
            decision.append(PackedContact.scheduled(escalationCode, decided: d, executes: d))
            state.contactsSincePayment += 1
        }
        var remaining = state.carried
        let base = stepBase[tier]
        while remaining != 0 && used < maxContacts {
            let i = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            state.carried &= ~(1 << UInt32(i))
            state.recordDecision(on: d)
            used += 1
            let code = stepCodes[base + i]
            // 9. Mode: copilot approvals wait approvalDelayDays (to Monday on a weekend).
            if isCopilot && PackedContact.needsApproval(code) && approvalDelayDays > 0 {
                var executes = facts.day + approvalDelayDays
                if businessDaysOnly { executes = executes.nextBusinessDay }
                let scheduled = PackedContact.scheduled(code, decided: d, executes: executes.ordinal)
                decision.append(scheduled)
                precondition(state.pendingCount < 16, "more than 16 pending approvals: Policy.Bounds no longer bound them")
                state.pending[state.pendingCount] = scheduled
                state.pendingCount += 1
            } else {
                decision.append(PackedContact.scheduled(code, decided: d, executes: d))
                state.contactsSincePayment += 1
            }
        }
    }

    /// Whether any set escalation condition holds (SPEC §4 step 5), ignoring holds and weekends.
    @inline(__always) func escalationHolds(_ state: InvoicePolicyState, _ facts: InvoiceDayFacts, dpd: Int) -> Bool {
        if dpd >= escalateDaysPastDue { return true }
        if dpd > 0 && (facts.openBalance.minorUnits > escalateAmountOver || state.risk > escalateRiskOver) { return true }
        return state.contactsSincePayment >= escalateAfterContacts
    }

    /// Moves pending approvals due on or before `day` into `decision` (made today).
    func releasePending(_ state: inout InvoicePolicyState, through day: Int, into decision: inout DayDecision) {
        var kept = 0
        for k in 0..<state.pendingCount {
            let code = state.pending[k]
            if PackedContact.executesOn(code) <= day {
                decision.append(code)
                state.contactsSincePayment += 1
            } else {
                state.pending[kept] = code
                kept += 1
            }
        }
        state.pendingCount = kept
    }

    /// Drops pending approvals due on or before `day` (a held day).
    func dropPending(_ state: inout InvoicePolicyState, through day: Int) {
        var kept = 0
        for k in 0..<state.pendingCount where PackedContact.executesOn(state.pending[k]) > day {
            state.pending[kept] = state.pending[k]
            kept += 1
        }
        state.pendingCount = kept
    }

    // MARK: Skipping quiet days

    /// The next day after `day` on which `decide` may do something, assuming no fact changes
    /// (see the calling protocol above): the next cadence step, a carried-over step or pending
    /// escalation call (tomorrow), an approval falling due, an escalation condition that may
    /// hold, or the write-off.
    /// - Complexity: O(steps + pending approvals).
    public func nextDecisionDay(after day: Day, state: InvoicePolicyState, facts: InvoiceDayFacts) -> Day {
        let tomorrow = day.ordinal + 1
        if state.carried != 0 || state.isEscalationCallPending { return Day(ordinal: tomorrow) }
        let due = facts.dueOn.ordinal
        var next = due + writeOffAfterDays
        for k in 0..<state.pendingCount { next = min(next, PackedContact.executesOn(state.pending[k])) }
        if !(state.isEscalated && stopAutomation) {
            let base = stepBase[state.tier]
            for i in 0..<stepCount[state.tier] where due + stepDays[base + i] >= tomorrow {
                next = min(next, due + stepDays[base + i])
                break
            }
        }
        if !state.isEscalated && escalationEnabled {
            if escalateDaysPastDue != .max { next = min(next, max(tomorrow, due + escalateDaysPastDue)) }
            if facts.openBalance.minorUnits > escalateAmountOver || state.risk > escalateRiskOver {
                next = min(next, max(tomorrow, due + 1))
            }
            if state.contactsSincePayment >= escalateAfterContacts { next = tomorrow }
        }
        return Day(ordinal: max(next, tomorrow))
    }
}
