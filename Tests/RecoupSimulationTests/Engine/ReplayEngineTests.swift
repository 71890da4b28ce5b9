import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

/// Hand-checkable replays of one or two invoices. Dates: 2026-01-05 is a Monday; an invoice
/// issued then with 30 days' terms is due Wednesday 2026-02-04.
@Suite struct ReplayEngineTests {
    let one = ReplayFixtures.ledger(clients: 1, perClient: 1)

    func figure(_ r: SimulationReport, _ p: Int, _ m: ProjectionMetric) -> Double {
        r.projections[p].figures[m]?.mean ?? .nan
    }

    @Test func certainPaymentOnTheIssueDay() throws {
        // Logit 40: paid on the issue day (a Monday): 0 days, all collected within 90 days.
        let r = try ReplayFixtures.simulate(one, ReplayFixtures.constant(1 - 1e-15), [.none], runs: 3, uncertainty: false)
        #expect(abs(figure(r, 0, .dso)) < 1e-12)
        #expect(abs(figure(r, 0, .collectionRate) - 1) < 1e-12)
        #expect(abs(figure(r, 0, .collectionRate90) - 1) < 1e-12)
        #expect(abs(figure(r, 0, .writeOffRate)) < 1e-12)
        #expect(r.projections[0].horizonDays == 1)
    }

    @Test func neverPaidIsWrittenOffAfter120DaysPastDue() throws {
        // Written off on due + 120: 30 + 120 = 150 days after issue; 151 days simulated.
        let r = try ReplayFixtures.simulate(one, ReplayFixtures.constant(1e-15), [.none], runs: 3, uncertainty: false)
        #expect(abs(figure(r, 0, .dso) - 150) < 1e-9)
        #expect(abs(figure(r, 0, .writeOffRate) - 1) < 1e-12)
        #expect(abs(figure(r, 0, .collectionRate)) < 1e-12)
        #expect(r.projections[0].horizonDays == 151)
        #expect(abs(figure(r, 0, .contactsPerInvoice)) < 1e-12)
    }

    @Test func autonomousEmailsCostTheirPrice() throws {
        // Steps at dpd −3 (Sunday 1 Feb → Monday) and 3 (Saturday 7 Feb → Monday): 2 emails, $0.02.
        let fixed = try ReplayFixtures.policy("fixed", steps: [CadenceStep(day: -3, channel: .email), CadenceStep(day: 3, channel: .email)])
        let r = try ReplayFixtures.simulate(one, ReplayFixtures.constant(1e-15), [fixed], runs: 2, uncertainty: false)
        #expect(abs(figure(r, 0, .contactsPerInvoice) - 2) < 1e-12)
        #expect(abs(figure(r, 0, .costPerInvoice) - 0.02) < 1e-12)
        #expect(abs(figure(r, 0, .humanHoursPerWeek)) < 1e-12)
    }

    @Test func manualModeChargesPeoplesMinutes() throws {
        // Two emails by a person: 2 × 4 minutes = 8 minutes = $6.00 at $45/h; the window is one
        // day, so hours per week = 8/60 × 7.
        let manual = try ReplayFixtures.policy("manual", steps: [CadenceStep(day: -3, channel: .email), CadenceStep(day: 3, channel: .email)],
                                               mode: .manual)
        let r = try ReplayFixtures.simulate(one, ReplayFixtures.constant(1e-15), [manual], runs: 2, uncertainty: false)
        #expect(abs(figure(r, 0, .costPerInvoice) - 6.0) < 1e-9)
        #expect(abs(figure(r, 0, .humanHoursPerWeek) - 8.0 / 60 * 7) < 1e-9)
        #expect(abs(figure(r, 0, .reminderHoursPerWeek) - 8.0 / 60 * 7) < 1e-9)
    }

    @Test func copilotChargesTheReviewAndTheVoiceAgent() throws {
        // A voice-agent step at dpd 1 needs approval: reviewed Thursday 5 Feb (1.5 min at $45/h =
        // 112.5 cents, rounded to $1.13 by the cost model), made Friday 6 Feb ($0.12 × 2.5 = $0.30).
        let copilot = try ReplayFixtures.policy("copilot", steps: [CadenceStep(day: 1, channel: .voiceAgent)], mode: .copilot)
        let r = try ReplayFixtures.simulate(one, ReplayFixtures.constant(1e-15), [copilot], runs: 2, uncertainty: false)
        #expect(abs(figure(r, 0, .costPerInvoice) - 1.43) < 1e-9)
        #expect(abs(figure(r, 0, .contactsPerInvoice) - 1) < 1e-12)
        #expect(abs(figure(r, 0, .reviewHoursPerWeek) - 1.5 / 60 * 7) < 1e-9)
    }

    @Test func consolidationMergesAClientsSameDayContacts() throws {
        // Two invoices of one client issued the same day: one email at dpd 3 covers both.
        var ledger = ReplayFixtures.ledger(clients: 1, perClient: 1)
        ledger.invoices.append(Invoice(id: "I000-99", clientID: "C000", issuedOn: ReplayFixtures.monday,
                                       dueOn: ReplayFixtures.monday + 30, amount: Money(minorUnits: 5_000)))
        let steps = [CadenceStep(day: 3, channel: .email)]
        let merged = try ReplayFixtures.policy("merged", steps: steps, consolidate: true)
        let separate = try ReplayFixtures.policy("separate", steps: steps, consolidate: false)
        let r = try ReplayFixtures.simulate(ledger, ReplayFixtures.constant(1e-15), [merged, separate], runs: 2, uncertainty: false)
        #expect(abs(figure(r, 0, .contactsPerInvoice) - 0.5) < 1e-12)
        #expect(abs(figure(r, 1, .contactsPerInvoice) - 1.0) < 1e-12)
    }

    @Test func historyReplaysTheLoggedActions() throws {
        // Two logged emails and one logged call (9 minutes by default) per invoice, never paid.
        var ledger = ReplayFixtures.ledger(clients: 2, perClient: 2)
        for inv in ledger.invoices {
            ledger.actions.append(CollectionAction(id: inv.id + "-a", invoiceID: inv.id, at: inv.dueOn + 1, channel: .email))
            ledger.actions.append(CollectionAction(id: inv.id + "-b", invoiceID: inv.id, at: inv.dueOn + 8, channel: .email))
            ledger.actions.append(CollectionAction(id: inv.id + "-c", invoiceID: inv.id, at: inv.dueOn + 20, channel: .call,
                                                   actor: .human))
        }
        let r = try ReplayFixtures.simulate(ledger, ReplayFixtures.constant(1e-15), [.history], runs: 2, uncertainty: false)
        #expect(abs(figure(r, 0, .contactsPerInvoice) - 3) < 1e-12)
        #expect(abs(figure(r, 0, .costPerInvoice) - (0.02 + 9.0 / 60 * 45)) < 1e-9)
    }

    @Test func remindersThatWorkLowerDSOSignificantly() throws {
        // An email raises the daily logit by ln(1 + S_email): reminders must shorten DSO.
        var behaviour = ReplayFixtures.constant(0.02)
        behaviour.channelCoefficients = [1.5, 0, 0, 0, 0]
        let ledger = ReplayFixtures.ledger(clients: 60, perClient: 3)
        let fixed = try ReplayFixtures.policy("fixed", steps: [CadenceStep(day: -3, channel: .email), CadenceStep(day: 3, channel: .email),
                                                                CadenceStep(day: 10, channel: .email)])
        let r = try ReplayFixtures.simulate(ledger, behaviour, [.none, fixed], runs: 40)
        let d = try #require(r.projections[1].difference?[.dso])
        #expect(d.hi < 0)
        #expect(figure(r, 1, .dso) < figure(r, 0, .dso))
    }
}
