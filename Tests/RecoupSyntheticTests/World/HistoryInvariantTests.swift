import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSynthetic

@Suite struct HistoryInvariantTests {
    let world = WorldFixtures.small
    let ledger = WorldFixtures.smallHistory

    var invoicesByID: [String: Invoice] { Dictionary(uniqueKeysWithValues: ledger.invoices.map { ($0.id, $0) }) }

    @Test func clientsAndInvoicesLookLikeTheParameters() {
        #expect(ledger.clients.count == 300)
        let clients = Dictionary(uniqueKeysWithValues: ledger.clients.map { ($0.id, $0) })
        for inv in ledger.invoices {
            let c = clients[inv.clientID]
            #expect(c != nil)
            #expect(inv.amount > .zero)
            #expect(inv.dueOn - inv.issuedOn == c?.termsDays)
            #expect(inv.issuedOn >= world.parameters.start && inv.issuedOn <= world.parameters.end)
        }
        for c in ledger.clients {
            switch c.segment {
            case "mid": #expect(c.termsDays == 30)
            case "enterprise": #expect(c.termsDays == 45 && !c.autopay)
            case "smb": #expect(c.termsDays == 15 || c.termsDays == 30)
            default: Issue.record("unexpected segment \(c.segment ?? "nil")")
            }
        }
        // 300 clients: smb share 0.6 ± 5 standard errors (0.028 each).
        let smb = Double(ledger.clients.filter { $0.segment == "smb" }.count) / 300
        #expect(abs(smb - 0.6) < 0.14)
        // One recurring invoice per client-month plus ~12% projects.
        let perClientMonth = Double(ledger.invoices.count) / 3600
        #expect(perClientMonth > 1.06 && perClientMonth < 1.18)
    }

    @Test func paymentsNeverPrecedeIssueExceedTheInvoiceOrFallOnWeekends() {
        let invoices = invoicesByID
        var paid: [String: Money] = [:]
        for p in ledger.payments {
            guard let id = p.invoiceID, let inv = invoices[id] else { Issue.record("payment \(p.id) unapplied"); continue }
            #expect(p.receivedOn >= inv.issuedOn)
            #expect(!p.receivedOn.isWeekend, "payment \(p.id) on a weekend")
            #expect(p.receivedOn <= world.parameters.end)
            #expect(p.amount > .zero)
            #expect(p.clientID == inv.clientID)
            paid[id, default: .zero] += p.amount
        }
        var adjusted: [String: Money] = [:]
        for a in ledger.adjustments { adjusted[a.invoiceID, default: .zero] += a.amount }
        for (id, inv) in invoices {
            #expect(paid[id, default: .zero] + adjusted[id, default: .zero] <= inv.amount, "\(id) over-collected")
        }
        #expect(ledger.deposits.count == ledger.payments.count)
    }

    @Test func writeOffsHappenAt120DaysPastDueForTheOpenBalance() {
        let invoices = invoicesByID
        var paid: [String: Money] = [:]
        for p in ledger.payments { paid[p.invoiceID ?? "", default: .zero] += p.amount }
        var credits: [String: Money] = [:]
        for a in ledger.adjustments where a.kind == .creditNote { credits[a.invoiceID, default: .zero] += a.amount }
        let writeOffs = ledger.adjustments.filter { $0.kind == .writeOff }
        #expect(!writeOffs.isEmpty)
        for w in writeOffs {
            guard let inv = invoices[w.invoiceID] else { Issue.record("unknown invoice"); continue }
            #expect(w.on - inv.dueOn == 120)
            #expect(paid[w.invoiceID, default: .zero] + credits[w.invoiceID, default: .zero] + w.amount == inv.amount)
        }
        // Every invoice 120+ days past due by the end is closed: paid, credited or written off.
        let closedAmount = Dictionary(grouping: ledger.adjustments, by: \.invoiceID).mapValues { $0.map(\.amount).sum() }
        for inv in ledger.invoices where world.parameters.end - inv.dueOn >= 120 {
            #expect(paid[inv.id, default: .zero] + closedAmount[inv.id, default: .zero] == inv.amount)
        }
    }

    @Test func noContactWhileADisputeOrPromiseHolds() {
        let disputes = Dictionary(grouping: ledger.disputes, by: \.invoiceID)
        let promises = Dictionary(grouping: ledger.promises, by: \.invoiceID)
        for a in ledger.actions {
            for d in disputes[a.invoiceID] ?? [] where d.isOpen(on: a.at) {
                // Only the contact that raised it may share the dispute's opening day.
                #expect(d.openedOn == a.at && a.outcome == .dispute, "\(a.id) during dispute opened \(d.openedOn)")
            }
            for p in promises[a.invoiceID] ?? [] where p.madeOn < a.at {
                #expect(a.at > p.promisedOn + 3, "\(a.id) during promise made \(p.madeOn)")
            }
        }
    }

    @Test func actionsCarryValidPropensitiesAndHumanMinutes() {
        #expect(!ledger.actions.isEmpty)
        let p = world.parameters
        let offsets = Set(p.loggingOffsets)
        let invoices = invoicesByID
        for a in ledger.actions {
            guard let prop = a.propensity else { Issue.record("\(a.id) has no propensity"); continue }
            #expect(prop > 0 && prop <= 1)
            #expect(!a.at.isWeekend)
            #expect((a.actor == .human) == (a.channel == .call))
            #expect(a.minutes == (a.channel == .call ? 9 : nil))
            // The day is a candidate offset, possibly moved forward over a weekend.
            if let inv = invoices[a.invoiceID] {
                let dpd = a.at - inv.dueOn
                #expect(offsets.contains(dpd) || offsets.contains(dpd - 1) || offsets.contains(dpd - 2))
            }
        }
        // Share of each channel near its logging probability (≥ 4,000 actions: 5 s.e. ≤ 0.04).
        let emails = Double(ledger.actions.filter { $0.channel == .email }.count) / Double(ledger.actions.count)
        #expect(abs(emails - 0.45) < 0.04)
    }

    @Test func timesheetAndDepositsAreConsistent() {
        #expect(Set(ledger.timesheet.map(\.person)).count == 2)  // 151–1,000 clients: two people
        for t in ledger.timesheet { #expect(t.minutes > 0) }
        let callMinutes = ledger.timesheet.filter { $0.task == .calls }.map(\.minutes).reduce(0, +)
        #expect(abs(callMinutes - Double(ledger.actions.filter { $0.channel == .call }.count * 9)) < 1e-6)  // whole minutes
        let disputeMinutes = ledger.timesheet.filter { $0.task == .disputes }.map(\.minutes).reduce(0, +)
        #expect(abs(disputeMinutes - Double(ledger.disputes.count * 45)) < 1e-6)  // whole minutes
        let numbers = Dictionary(uniqueKeysWithValues: ledger.invoices.map { ($0.id, $0.number ?? "") })
        var exceptions = 0
        for (pay, dep) in zip(ledger.payments, ledger.deposits) {
            #expect(pay.amount == dep.amount && pay.receivedOn == dep.receivedOn)
            if dep.reference?.hasSuffix("INV \(numbers[pay.invoiceID ?? ""] ?? "?")") != true { exceptions += 1 }
        }
        let share = Double(exceptions) / Double(max(1, ledger.deposits.count))
        #expect(share > 0.02 && share < 0.08)
    }
}
