import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSynthetic

@Suite struct BehaviourTests {
    static let world = SyntheticWorld(parameters: WorldParameters(clients: 400, months: 12, seed: 5))
    static let none = world.behaviourSummary { NoContacts() }
    static let logged = world.behaviourSummary { LoggingCadence(parameters: world.parameters) }

    @Test func withoutRemindersTheWorldLooksLikeAnMSPLedger() {
        let s = Self.none
        // Docs: ~35–45% paid by due, median days late 10–20, a few % written off.
        #expect(s.paidByDueShare > 0.33 && s.paidByDueShare < 0.47)
        #expect(s.medianDaysLate >= 9 && s.medianDaysLate <= 22)
        #expect(s.writtenOffShare > 0.015 && s.writtenOffShare < 0.08)
        #expect(s.contactsPerInvoice == 0)
    }

    @Test func remindersCutDSOAndWriteOffs() {
        // Same clients, invoices and draws: only the contacts differ.
        #expect(Self.logged.cohortDSO < Self.none.cohortDSO - 4)
        #expect(Self.logged.writeOffRate < Self.none.writeOffRate)
        #expect(Self.logged.contactsPerInvoice > 0.8 && Self.logged.contactsPerInvoice < 3)
    }

    @Test func autopayClientsPayOnTheirDueDates() {
        // ~400 × 0.2 autopay clients × 13 invoices ≈ 1,000 invoices: s.e. ≈ 0.009.
        #expect(abs(Self.none.autopayOnDueShare - 0.92) < 0.04)
    }

    @Test func remindedInvoicesPaySoonerThanUnremindedOnesInTheHistory() {
        // The logging cadence flips a coin at dpd 1 for every open, unheld invoice: among those
        // open at that candidate day, the contacted ones should be paid sooner.
        let ledger = WorldFixtures.smallHistory
        var lastPay: [String: Day] = [:]
        for p in ledger.payments { lastPay[p.invoiceID ?? ""] = max(lastPay[p.invoiceID ?? ""] ?? p.receivedOn, p.receivedOn) }
        var paidBy: [String: Money] = [:]
        for p in ledger.payments { paidBy[p.invoiceID ?? "", default: .zero] += p.amount }
        let firstPostDue = Dictionary(grouping: ledger.actions, by: \.invoiceID)
        var contacted: [Double] = [], uncontacted: [Double] = []
        for inv in ledger.invoices where !WorldFixtures.small.clients[Int(inv.clientID.dropFirst())! - 1].client.autopay {
            let candidate = (inv.dueOn + 1).nextBusinessDay
            guard candidate + 150 <= WorldFixtures.small.parameters.end else { continue }
            // Still open at the candidate day (no payment before it).
            let before = ledger.payments.lazy.filter { $0.invoiceID == inv.id && $0.receivedOn < candidate }
            guard before.isEmpty, paidBy[inv.id] == inv.amount, let last = lastPay[inv.id] else { continue }
            let wasContacted = firstPostDue[inv.id]?.contains { $0.at == candidate } ?? false
            let late = Double(last - inv.dueOn)
            if wasContacted { contacted.append(late) } else { uncontacted.append(late) }
        }
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(max(1, xs.count)) }
        #expect(contacted.count > 200 && uncontacted.count > 200)
        #expect(mean(contacted) < mean(uncontacted) - 1, "contacted \(mean(contacted)) vs \(mean(uncontacted))")
    }

    @Test func commonRandomNumbersKeepUncontactedInvoicesIdentical() {
        // An invoice no decider contacts sees the same draws, so its payments are identical.
        let world = WorldFixtures.small
        var none = NoContacts()
        var cadence = LoggingCadence(parameters: world.parameters)
        var compared = 0
        for c in 0..<40 {
            let a = world.simulate(clientIndex: c, decider: &none, until: .allClosed)
            let b = world.simulate(clientIndex: c, decider: &cadence, until: .allClosed)
            let touched = Set(b.contacts.map(\.invoice))
            for e in world.invoicesByClient[c] where !touched.contains(e) {
                #expect(a.payments.filter { $0.invoice == e } == b.payments.filter { $0.invoice == e })
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    @Test(arguments: [("2026-11-20", "2026-11-23", 1), ("2026-11-23", "2026-11-30", 5), ("2026-11-21", "2026-11-22", 0),
                      ("2026-11-23", "2026-11-23", 0), ("2026-11-02", "2026-11-30", 20)])
    func businessDaysBetween(from: String, to: String, count: Int) throws {
        // 2026-11-20 is a Friday; 2026-11-21/22 a weekend.
        #expect(BusinessCalendar.businessDays(from: try Day(iso: from), to: try Day(iso: to)) == count)
    }
}
