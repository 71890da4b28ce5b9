import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// One table per step of SPEC §4's decision semantics. Each row is a scenario and the full log
/// it must produce (`dpd: event`), worked out by hand from the spec; the due date is a Monday.
@Suite struct DecisionStepTests {
    typealias Row = (String, EngineHarness, [String])

    static func email(_ day: Int, _ tone: Tone = .standard) -> CadenceStep { CadenceStep(day: day, channel: .email, tone: tone) }

    // Step 1: write-off on the first day with dpd >= writeOffAfterDays; nothing after it.
    static let writeOffRows: [Row] = [
        ("write-off at 10 after a step at 5", EngineHarness(EngineHarness.policy([email(5)], writeOff: 10)),
         ["5: email/agent/standard", "10: write-off"]),
        ("write-off beats a step carried over by the limit",
         EngineHarness(EngineHarness.policy([email(8), email(9, .firm)], limit: 1, writeOff: 10)),
         ["8: email/agent/standard", "10: write-off"]),
    ]
    @Test(arguments: writeOffRows) func writeOff(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 2: an open dispute holds contact (steps due then are dropped); its opening day
    // creates one dispute-handling task, paused or not.
    static let disputeRows: [Row] = {
        var paused = EngineHarness(EngineHarness.policy([email(3), email(6, .firm)]))
        paused.disputeDays = 2...5
        var notPaused = paused
        notPaused.policy.holds.pauseOnDispute = false
        return [
            ("dispute 2…5 drops the step at 3", paused, ["2: dispute task", "6: email/agent/firm"]),
            ("without pauseOnDispute the step at 3 goes", notPaused,
             ["2: dispute task", "3: email/agent/standard", "6: email/agent/firm"]),
        ]
    }()
    @Test(arguments: disputeRows) func disputePause(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 3: a promise holds contact through promised_on + promiseGraceDays.
    static let promiseRows: [Row] = {
        var h = EngineHarness(EngineHarness.policy([email(5), email(6, .firm)]))
        h.promisedOnDpd = 2  // grace 3: held through dpd 5
        var shortGrace = h
        shortGrace.policy.holds.promiseGraceDays = 0  // held through dpd 2
        return [
            ("promise on 2 + grace 3 drops the step at 5", h, ["6: email/agent/firm"]),
            ("grace 0 releases it", shortGrace, ["5: email/agent/standard", "6: email/agent/firm"]),
        ]
    }()
    @Test(arguments: promiseRows) func promiseGrace(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 4: the first tier whose `below` exceeds the risk; bounds are exclusive.
    @Test(arguments: [(0.0, 0), (0.1999, 0), (0.2, 1), (0.49, 1), (0.5, 2), (1.0, 2)])
    func tierChoice(risk: Double, tier: Int) throws {
        let engine = try PolicyEngine(PolicyTemplate.tiered.policy)
        #expect(engine.tier(forRisk: risk) == tier)
        var h = EngineHarness(PolicyTemplate.tiered.policy)
        h.risk = risk
        h.policy.limits.businessDaysOnly = false
        h.policy.escalation = Escalation()
        h.through = 3
        // First contact of each tier (templates: low email at 3, medium email at -3, high email at -5).
        let first = ["3: email/agent/soft", "-3: email/agent/soft", "-5: email/agent/standard"][tier]
        #expect(try h.run().first == first)
    }

    // Step 4 (scoring): sigmoid(intercept + Σ coef (x − mean)/scale). Reference: for the
    // template model with late_share 0.45, avg_days_late 20, log_amount 7.5, has_history 1,
    // open_overdue 1: z = -1.2 + 0.9·1 + 0.6·1 + 0 + (-0.4)·0.5 + 0.5·0.5 = 0.35,
    // python: 1/(1+math.exp(-0.35)) = 0.5866175789173301.
    @Test func riskScore() throws {
        let engine = try PolicyEngine(PolicyTemplate.tiered.policy)
        var x = [Double](repeating: 0, count: RiskFeature.allCases.count)
        func set(_ f: RiskFeature, _ v: Double) { x[RiskFeature.allCases.firstIndex(of: f)!] = v }
        set(.lateShare, 0.45); set(.avgDaysLate, 20); set(.logAmount, 7.5); set(.hasHistory, 1); set(.openOverdue, 1)
        set(.amount, 999)  // not in the model: no effect
        #expect(abs(engine.risk(featureValues: x) - 0.5866175789173301) < 1e-12)
        #expect(engine.makeState(risk: engine.risk(featureValues: x)).tier == 2)
    }

    // Step 5: escalation — one human firm call on the first day a condition holds; with
    // stopAutomation no further steps (carried ones included).
    static let escalationRows: [Row] = {
        let steps = [email(3), email(7, .firm)]
        var byDays = EngineHarness(EngineHarness.policy(steps))
        byDays.policy.escalation = Escalation(daysPastDue: 5)
        var keepGoing = byDays
        keepGoing.policy.escalation.stopAutomation = false
        var byAmount = EngineHarness(EngineHarness.policy(steps))
        byAmount.policy.escalation = Escalation(amountOver: Money(minorUnits: 500_00))
        byAmount.balance = Money(minorUnits: 600_00)
        var notOverAmount = byAmount
        notOverAmount.balance = Money(minorUnits: 500_00)
        var byRisk = EngineHarness(EngineHarness.policy(steps))
        byRisk.policy.riskModel = RiskModel(features: ["late_share"], intercept: 0, coefficients: [1])
        byRisk.policy.escalation = Escalation(riskOver: 0.6)
        byRisk.risk = 0.7
        var weekendCondition = EngineHarness(EngineHarness.policy(steps, businessDaysOnly: true))
        weekendCondition.policy.escalation = Escalation(daysPastDue: 5)  // dpd 5 is a Saturday
        return [
            ("daysPastDue 5 stops the step at 7", byDays,
             ["3: email/agent/standard", "5: escalated", "5: call/human/firm escalation"]),
            ("without stopAutomation steps go on", keepGoing,
             ["3: email/agent/standard", "5: escalated", "5: call/human/firm escalation", "7: email/agent/firm"]),
            ("amount over 500 escalates on dpd 1", byAmount, ["1: escalated", "1: call/human/firm escalation"]),
            ("amount equal to 500 does not", notOverAmount, ["3: email/agent/standard", "7: email/agent/firm"]),
            ("risk over 0.6 escalates on dpd 1", byRisk, ["1: escalated", "1: call/human/firm escalation"]),
            ("a weekend condition is checked on Monday", weekendCondition,
             ["3: email/agent/standard", "7: escalated", "7: call/human/firm escalation"]),
        ]
    }()
    @Test(arguments: escalationRows) func escalation(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 6: businessDaysOnly moves Saturday and Sunday steps to Monday (dpd 7).
    static let weekendRows: [Row] = [
        ("Saturday and Sunday steps go on Monday", EngineHarness(EngineHarness.policy([email(5), email(6, .firm)], businessDaysOnly: true)),
         ["7: email/agent/standard", "7: email/agent/firm"]),
        ("without businessDaysOnly they stay", EngineHarness(EngineHarness.policy([email(5), email(6, .firm)])),
         ["5: email/agent/standard", "6: email/agent/firm"]),
        ("Friday step stays on Friday", EngineHarness(EngineHarness.policy([email(4)], businessDaysOnly: true)),
         ["4: email/agent/standard"]),
    ]
    @Test(arguments: weekendRows) func weekendShift(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 7: at most N contacts in the 7 days ending d; a blocked step moves to the first day
    // it fits. Limit 2, steps on 1, 2, 3: the third waits until the window 2…8 has room (dpd 8).
    static let limitRows: [Row] = [
        ("third contact waits for dpd 8", EngineHarness(EngineHarness.policy([email(1), email(2), email(3, .firm)], limit: 2)),
         ["1: email/agent/standard", "2: email/agent/standard", "8: email/agent/firm"]),
        ("two on one day with limit 1: the second waits 7 days",
         EngineHarness(EngineHarness.policy([email(1), CadenceStep(day: 1, channel: .sms)], limit: 1)),
         ["1: email/agent/standard", "8: sms/agent/standard"]),
        ("carried then held is dropped", {
            var h = EngineHarness(EngineHarness.policy([email(1), email(2), email(3, .firm)], limit: 2))
            h.disputeDays = 5...5
            return h
        }(), ["1: email/agent/standard", "2: email/agent/standard", "5: dispute task"]),
    ]
    @Test(arguments: limitRows) func contactLimit(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 2 (autopay): with skipAutopay no contact before dpd 1 for autopay clients.
    static let autopayRows: [Row] = {
        var skip = EngineHarness(EngineHarness.policy([email(-3), email(0), email(1, .firm)]))
        skip.policy.holds.skipAutopay = true
        skip.autopay = true
        var notAutopay = skip
        notAutopay.autopay = false
        var notSkipping = skip
        notSkipping.policy.holds.skipAutopay = false
        return [
            ("autopay client: only dpd 1", skip, ["1: email/agent/firm"]),
            ("client not on autopay: all", notAutopay, ["-3: email/agent/standard", "0: email/agent/standard", "1: email/agent/firm"]),
            ("skipAutopay off: all", notSkipping, ["-3: email/agent/standard", "0: email/agent/standard", "1: email/agent/firm"]),
        ]
    }()
    @Test(arguments: autopayRows) func autopaySkip(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 5 (afterContacts): escalate the day after the N-th contact with no payment since the
    // first; a payment starts the count again.
    static let afterContactsRows: [Row] = {
        let steps = [email(1), email(3), email(5, .firm), email(9, .final)]
        var h = EngineHarness(EngineHarness.policy(steps))
        h.policy.escalation = Escalation(afterContacts: 2)
        var paid = h
        paid.paymentDays = [3]
        return [
            ("two fruitless contacts escalate on dpd 4", h,
             ["1: email/agent/standard", "3: email/agent/standard", "4: escalated", "4: call/human/firm escalation"]),
            ("a payment on dpd 3 resets the count", paid,
             ["1: email/agent/standard", "3: email/agent/standard", "5: email/agent/firm", "9: email/agent/final",
              "10: escalated", "10: call/human/firm escalation"]),
        ]
    }()
    @Test(arguments: afterContactsRows) func escalationAfterContacts(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 9 (copilot): approval-needing steps are reviewed on their day and made
    // approvalDelayDays later (to Monday on a weekend); others go the same day.
    static let copilotRows: [Row] = {
        let steps = [CadenceStep(day: 1, channel: .voiceAgent, tone: .standard), email(2, .soft), email(4, .firm)]
        var h = EngineHarness(EngineHarness.policy(steps, mode: .copilot, businessDaysOnly: true))
        var delay2 = h
        delay2.policy.copilot.approvalDelayDays = 2
        var delay0 = h
        delay0.policy.copilot.approvalDelayDays = 0
        var heldOnExecution = h
        heldOnExecution.disputeDays = 2...2
        var auto = h
        auto.policy.mode = .autonomous
        return [
            ("voice_agent and firm wait a day; Friday's waits for Monday", h,
             ["1: voice_agent/agent/standard review→2", "2: voice_agent/agent/standard approved", "2: email/agent/soft",
              "4: email/agent/firm review→7", "7: email/agent/firm approved"]),
            ("delay 2", delay2,
             ["1: voice_agent/agent/standard review→3", "2: email/agent/soft", "3: voice_agent/agent/standard approved",
              "4: email/agent/firm review→7", "7: email/agent/firm approved"]),
            ("delay 0 reviews and makes it the same day", delay0,
             ["1: voice_agent/agent/standard approved", "2: email/agent/soft", "4: email/agent/firm approved"]),
            ("dropped when held on its execution day", heldOnExecution,
             ["1: voice_agent/agent/standard review→2", "2: dispute task", "4: email/agent/firm review→7",
              "7: email/agent/firm approved"]),
            ("autonomous mode needs no approval", auto,
             ["1: voice_agent/agent/standard", "2: email/agent/soft", "4: email/agent/firm"]),
        ]
    }()
    @Test(arguments: copilotRows) func copilotApproval(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    @Test func copilotReviewMinutesComeFromThePolicy() throws {
        var p = PolicyTemplate.copilot.policy
        p.copilot.reviewMinutes = 2.5
        #expect(abs(try PolicyEngine(p).reviewMinutes - 2.5) < 1e-12)
    }

    // Step 9 (manual): a person does every step; voice_agent becomes a human call.
    static let manualRows: [Row] = [
        ("manual", EngineHarness(EngineHarness.policy(
            [CadenceStep(day: 1, channel: .voiceAgent, tone: .firm), email(2), CadenceStep(day: 3, channel: .sms)], mode: .manual)),
         ["1: call/human/firm", "2: email/human/standard", "3: sms/human/standard"]),
        ("a call is always by a person", EngineHarness(EngineHarness.policy([CadenceStep(day: 1, channel: .call, actor: .agent)])),
         ["1: call/human/standard"]),
    ]
    @Test(arguments: manualRows) func manualMode(_ row: Row) throws { #expect(try row.1.run() == row.2, "\(row.0)") }

    // Step 8: one client's same-day contacts of one channel and actor become one, firmest tone.
    @Test func consolidation() throws {
        var policy = EngineHarness.policy([Self.email(1)])
        policy.limits.consolidatePerClient = true
        let engine = try PolicyEngine(policy)
        let day = EngineHarness.due + 1
        func contact(_ channel: Channel, _ tone: Tone, escalation: Bool = false) -> PolicyContact {
            PolicyContact(channel: channel, actor: channel == .call ? .human : .agent, tone: tone, isEscalation: escalation,
                          decidedOn: day, executesOn: day, stepIndex: escalation ? nil : 0)
        }
        let input = [
            ClientDayContact(invoice: 10, contact: contact(.email, .soft)),
            ClientDayContact(invoice: 11, contact: contact(.sms, .standard)),
            ClientDayContact(invoice: 12, contact: contact(.email, .firm)),
            ClientDayContact(invoice: 13, contact: contact(.call, .firm, escalation: true)),
            ClientDayContact(invoice: 14, contact: contact(.call, .firm, escalation: true)),
        ]
        let merged = engine.consolidate(input)
        #expect(merged.map(\.invoices) == [[10, 12], [11], [13], [14]])
        #expect(merged[0].contact.tone == .firm)
        #expect(merged[0].contact.channel == .email)

        var separate = policy
        separate.limits.consolidatePerClient = false
        #expect(try PolicyEngine(separate).consolidate(input).map(\.invoices) == [[10], [11], [12], [13], [14]])
    }

    // Step 8 with the engine: two invoices of one client with steps the same day; each counts
    // the merged email against its own limit (limit 1: neither gets its second step that week).
    @Test func consolidationCountsForEachInvoice() throws {
        var policy = EngineHarness.policy([Self.email(1, .soft), CadenceStep(day: 2, channel: .sms)], limit: 1)
        policy.limits.consolidatePerClient = true
        let engine = try PolicyEngine(policy)
        var states = [engine.makeState(risk: 0), engine.makeState(risk: 0)]
        var decision = DayDecision()
        var made: [String] = []
        for dpd in 0...9 {
            var day: [ClientDayContact] = []
            for i in states.indices {
                engine.decide(&states[i], InvoiceDayFacts(day: EngineHarness.due + dpd, dueOn: EngineHarness.due,
                                                          openBalance: Money(minorUnits: 1)), into: &decision)
                day += decision.map { ClientDayContact(invoice: i, contact: $0) }
            }
            made += engine.consolidate(day).map { "\(dpd): \($0.contact.channel.rawValue) \($0.invoices)" }
        }
        #expect(made == ["1: email [0, 1]", "8: sms [0, 1]"])
    }
}
