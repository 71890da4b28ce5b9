import Testing
@testable import RecoupPolicy

/// Seeded random loops over policies and invoice histories: the limit, the holds and
/// determinism hold for every one, and skipping quiet days with `nextDecisionDay` changes
/// nothing.
@Suite struct DecisionPropertyTests {
    static func randomScenario(_ g: inout SplitMix64) -> EngineHarness {
        var steps: [CadenceStep] = []
        for _ in 0..<Int.random(in: 1...8, using: &g) {
            steps.append(CadenceStep(day: Int.random(in: -10...60, using: &g), channel: Channel.allCases.randomElement(using: &g)!,
                                     actor: ActorKind.allCases.randomElement(using: &g)!, tone: Tone.allCases.randomElement(using: &g)!))
        }
        steps.sort { $0.day < $1.day }
        var seen = Set<String>()
        steps = steps.filter { seen.insert("\($0.day)\($0.channel)").inserted }
        var policy = EngineHarness.policy(steps, mode: PolicyMode.allCases.randomElement(using: &g)!,
                                          businessDaysOnly: Bool.random(using: &g),
                                          limit: Int.random(in: 1...3, using: &g), writeOff: Int.random(in: 61...90, using: &g))
        policy.copilot.approvalDelayDays = Int.random(in: 0...3, using: &g)
        policy.holds = Holds(promiseGraceDays: Int.random(in: 0...5, using: &g), pauseOnDispute: Bool.random(using: &g),
                             skipAutopay: Bool.random(using: &g))
        if Bool.random(using: &g) {
            policy.escalation = Escalation(daysPastDue: Bool.random(using: &g) ? Int.random(in: 5...50, using: &g) : nil,
                                           amountOver: Bool.random(using: &g) ? Money(minorUnits: 50_00) : nil,
                                           afterContacts: Bool.random(using: &g) ? Int.random(in: 1...4, using: &g) : nil,
                                           stopAutomation: Bool.random(using: &g))
        }
        var h = EngineHarness(policy)
        h.balance = Money(minorUnits: Int64.random(in: 1_00...100_00, using: &g))
        h.autopay = Bool.random(using: &g)
        if Bool.random(using: &g) {
            let start = Int.random(in: -10...50, using: &g)
            h.disputeDays = start...(start + Int.random(in: 0...15, using: &g))
        }
        if Bool.random(using: &g) { h.promisedOnDpd = Int.random(in: -5...40, using: &g) }
        h.paymentDays = Set((0..<Int.random(in: 0...3, using: &g)).map { _ in Int.random(in: -5...60, using: &g) })
        h.from = -12
        h.through = 100
        return h
    }

    /// Runs the scenario daily, returning every entry as (dpd, contact) and the held days.
    static func entries(_ h: EngineHarness) throws -> (contacts: [(Int, PolicyContact)], held: Set<Int>) {
        let engine = try PolicyEngine(h.policy)
        var state = engine.makeState(risk: h.risk)
        var decision = DayDecision()
        var out: [(Int, PolicyContact)] = []
        var held = Set<Int>()
        for dpd in h.from...h.through {
            engine.decide(&state, h.facts(dpd: dpd), into: &decision)
            if decision.isHeld { held.insert(dpd) }
            out += decision.map { (dpd, $0) }
            if decision.writeOff { break }
            if h.paymentDays.contains(dpd) { engine.recordPayment(&state) }
        }
        return (out, held)
    }

    @Test func neverMoreThanTheLimitInAnySevenDays() throws {
        var g = SplitMix64(seed: 7)
        for _ in 0..<400 {
            let h = Self.randomScenario(&g)
            let decided = try Self.entries(h).contacts.filter { $0.1.decidedOn == EngineHarness.due + $0.0 }.map(\.0)
            for end in h.from...h.through {
                let inWindow = decided.filter { $0 > end - 7 && $0 <= end }.count
                #expect(inWindow <= h.policy.limits.maxContactsPer7Days, "window ending dpd \(end): \(decided)")
            }
        }
    }

    @Test func nothingIsMadeOnADisputedOrPromisedDay() throws {
        var g = SplitMix64(seed: 11)
        for _ in 0..<400 {
            let h = Self.randomScenario(&g)
            let (contacts, held) = try Self.entries(h)
            for (dpd, c) in contacts where c.executes(on: EngineHarness.due + dpd) {
                let f = h.facts(dpd: dpd)
                let promised = f.promisedOn.map { f.day <= $0 + h.policy.holds.promiseGraceDays } ?? false
                #expect(!(h.policy.holds.pauseOnDispute && f.isDisputeOpen), "contact on disputed dpd \(dpd)")
                #expect(!promised, "contact on promised dpd \(dpd)")
                #expect(!held.contains(dpd))
            }
        }
    }

    @Test func outputIsDeterministic() throws {
        var g = SplitMix64(seed: 13)
        for _ in 0..<200 {
            let h = Self.randomScenario(&g)
            #expect(try h.run() == h.run())
        }
    }

    @Test func skippingQuietDaysChangesNothing() throws {
        var g = SplitMix64(seed: 17)
        for _ in 0..<400 {
            let h = Self.randomScenario(&g)
            var skipping = h
            skipping.skipping = true
            let (a, b) = (try skipping.run(), try h.run())
            #expect(a == b, "skipping \(a) vs daily \(b); \(h.policy.cadences) \(h.policy.escalation) \(h.disputeDays.map { "\($0)" } ?? "-") promise \(h.promisedOnDpd ?? 99) pay \(h.paymentDays.sorted()) autopay \(h.autopay) \(h.policy.holds)")
        }
    }
}
