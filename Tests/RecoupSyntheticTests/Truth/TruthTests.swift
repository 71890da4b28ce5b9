import Foundation
import RecoupPolicy
import RecoupSimulation
import Testing
@testable import RecoupSynthetic

@Suite struct TruthTests {
    static let world = SyntheticWorld(parameters: WorldParameters(clients: 120, months: 12, seed: 9))

    static let none = Policy(name: "none", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": []])
    static let fixedSteps = [
        CadenceStep(day: -3, channel: .email, tone: .soft), CadenceStep(day: 5, channel: .sms),
        CadenceStep(day: 15, channel: .voiceAgent, tone: .firm), CadenceStep(day: 40, channel: .letter, tone: .final),
    ]
    static let fixed = Policy(name: "fixed", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": fixedSteps])

    @Test func noContactPolicyEqualsTheNoContactWorld() throws {
        // Run 0 uses the history's draws, so a policy that never contacts anyone must reproduce
        // the world under `NoContacts` exactly (computed independently by `behaviourSummary`).
        let truth = try Self.world.truth(policy: Self.none, runs: 1)
        let direct = Self.world.behaviourSummary { NoContacts() }
        #expect(abs(truth.dso.mean - direct.cohortDSO) < 1e-9)
        #expect(abs(truth.writeOffRate.mean - direct.writeOffRate) < 1e-12)
        #expect(abs(truth.contactsPerInvoice.mean) < 1e-12)
        #expect(truth.invoices == Self.world.invoices.count)
        // Only disputes cost anything: 45 min at $45/h = $33.75 each.
        var disputes = 0
        var decider = NoContacts()
        for c in Self.world.clients.indices {
            disputes += Self.world.simulate(clientIndex: c, decider: &decider, until: .allClosed).disputes.count
        }
        let expectedCost = Double(disputes) * 33.75 / Double(Self.world.invoices.count)
        #expect(abs(truth.costPerInvoice.mean - expectedCost) < 1e-9)
    }

    @Test func aReminderPolicyBeatsNoReminders() throws {
        let none = try Self.world.truth(policy: Self.none, runs: 2)
        let fixed = try Self.world.truth(policy: Self.fixed, runs: 2)
        #expect(fixed.dso.mean < none.dso.mean - 3)
        #expect(fixed.collectionRate.mean > none.collectionRate.mean)
        #expect(fixed.contactsPerInvoice.mean > 1 && fixed.contactsPerInvoice.mean < 4)
        #expect(fixed.runs == 2 && fixed.dso.lo <= fixed.dso.mean && fixed.dso.mean <= fixed.dso.hi)
    }

    @Test func sameInputsSameOutputBytes() throws {
        let a = try Self.world.truth(policy: Self.fixed, runs: 2).jsonText
        let b = try Self.world.truth(policy: Self.fixed, runs: 2).jsonText
        #expect(a == b)
        #expect(a.hasPrefix("{ \"policy\": \"fixed\", \"mode\": \"autonomous\""))
    }

    @Test func contactsFollowTheCadenceAndTheHolds() throws {
        let engine = try PolicyEngine(Self.fixed)
        var decider = PolicyDecider(engine: engine, costs: CostModel(), world: Self.world)
        let stepDays = Set(Self.fixedSteps.map(\.day))
        var checked = 0
        for c in 0..<60 {
            decider.begin(client: Self.world.clients[c])
            let h = Self.world.simulate(clientIndex: c, decider: &decider, until: .allClosed)
            for contact in h.contacts {
                let inv = Self.world.invoices[contact.invoice]
                let dpd = contact.day - inv.dueOn
                // On a step day, or carried to Monday over a weekend.
                #expect(!contact.day.isWeekend)
                #expect(stepDays.contains(dpd) || stepDays.contains(dpd - 1) || stepDays.contains(dpd - 2))
                #expect(contact.propensity == 1)
                if contact.channel == .voiceAgent { #expect(contact.tone == .firm) }
                for d in h.disputes where d.invoice == contact.invoice && d.openedOn < contact.day {
                    #expect(d.resolvedOn.map { $0 <= contact.day } ?? false, "contact during a dispute")
                }
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test func copilotReviewsAndHumanCallsCostHumanTime() throws {
        var copilot = Self.fixed
        copilot.name = "fixed-copilot"
        copilot.mode = .copilot
        var manual = Self.fixed
        manual.name = "fixed-manual"
        manual.mode = .manual
        let auto = try Self.world.truth(policy: Self.fixed)
        let reviewed = try Self.world.truth(policy: copilot)
        let byHand = try Self.world.truth(policy: manual)
        // Copilot reviews the firm voice-agent and final-letter steps (1.5 min each); manual does
        // every step by hand (4, 2, 9, 6 min): more hours and cost in that order.
        #expect(reviewed.humanHoursPerWeek.mean > auto.humanHoursPerWeek.mean)
        #expect(byHand.humanHoursPerWeek.mean > reviewed.humanHoursPerWeek.mean)
        #expect(byHand.costPerInvoice.mean > reviewed.costPerInvoice.mean)
        #expect(reviewed.costPerInvoice.mean > auto.costPerInvoice.mean)
    }

    @Test func invalidPolicyIsRefused() {
        let bad = Policy(name: "bad", mode: .autonomous, tiers: [Tier(name: "all")], cadences: [:])
        #expect(throws: PolicyError.self) { try Self.world.truth(policy: bad) }
    }
}
