import Testing
@testable import RecoupPolicy

/// A one-invoice (or one-client) day loop over the engine for the per-step tests, with the
/// facts given as plain day sets so each table row reads like the scenario it checks.
///
/// Dates: the due date is Monday 2026-11-23, so dpd 5 is a Saturday, dpd 6 a Sunday and dpd 7
/// the next Monday.
struct EngineHarness {
    static let due = Day(year: 2026, month: 11, day: 23)!  // a Monday

    var policy: Policy
    var risk = 0.0
    var balance = Money(minorUnits: 100_00)
    var autopay = false
    /// dpd values on which a dispute is open, and the dpd it opened.
    var disputeDays: ClosedRange<Int>? = nil
    var promisedOnDpd: Int? = nil
    /// dpd values on which a payment arrives (after the day's decisions).
    var paymentDays: Set<Int> = []
    var from = -10
    var through = 40
    /// Skip quiet days with `nextDecisionDay` instead of stepping every day.
    var skipping = false

    init(_ policy: Policy) { self.policy = policy }

    func facts(dpd: Int) -> InvoiceDayFacts {
        let day = EngineHarness.due + dpd
        let disputeOpen = disputeDays?.contains(dpd) ?? false
        var promised: Day? = nil
        if let p = promisedOnDpd, dpd > p - 5 { promised = EngineHarness.due + p }  // promise made 5 days before
        return InvoiceDayFacts(day: day, dueOn: EngineHarness.due, openBalance: balance, isAutopay: autopay,
                               isDisputeOpen: disputeOpen, disputeOpenedToday: disputeDays?.lowerBound == dpd,
                               promisedOn: promised)
    }

    /// The log of everything the engine did, one line per event: `dpd: what`.
    func run() throws -> [String] {
        let engine = try PolicyEngine(policy)
        var state = engine.makeState(risk: risk)
        var decision = DayDecision()
        var log: [String] = []
        var dpd = from
        // Days on which facts change, which a skipping caller must not skip.
        var changeDays = paymentDays
        if let r = disputeDays { changeDays.insert(r.lowerBound); changeDays.insert(r.upperBound + 1) }
        if let p = promisedOnDpd { changeDays.insert(p - 4) }
        while dpd <= through {
            let f = facts(dpd: dpd)
            engine.decide(&state, f, into: &decision)
            log += EngineHarness.describe(decision, dpd: dpd)
            if decision.writeOff { break }
            if paymentDays.contains(dpd) { engine.recordPayment(&state) }
            if skipping {
                var next = engine.nextDecisionDay(after: f.day, state: state, facts: f) - EngineHarness.due
                if let change = changeDays.filter({ $0 > dpd }).min() { next = min(next, change) }
                dpd = next
            } else {
                dpd += 1
            }
        }
        return log
    }

    static func describe(_ decision: DayDecision, dpd: Int) -> [String] {
        var log: [String] = []
        if decision.writeOff { log.append("\(dpd): write-off") }
        if decision.opensDisputeTask { log.append("\(dpd): dispute task") }
        if decision.escalatedToday { log.append("\(dpd): escalated") }
        for c in decision {
            var s = "\(dpd): \(c.channel.rawValue)/\(c.actor.rawValue)/\(c.tone.rawValue)"
            if c.isEscalation { s += " escalation" }
            if c.isReviewed(on: decision.day) && !c.executes(on: decision.day) {
                s += " review→\(c.executesOn - due)"
            } else if c.needsApproval {
                s += " approved"
            }
            log.append(s)
        }
        return log
    }

    /// A one-tier autonomous policy with the given steps and no weekend rule unless asked.
    static func policy(_ steps: [CadenceStep], mode: PolicyMode = .autonomous, businessDaysOnly: Bool = false,
                       limit: Int = 7, writeOff: Int = 120) -> Policy {
        Policy(name: "test", mode: mode, tiers: [Tier(name: "all")], cadences: ["all": steps],
               limits: ContactLimits(maxContactsPer7Days: limit, businessDaysOnly: businessDaysOnly),
               writeOffAfterDays: writeOff)
    }
}
