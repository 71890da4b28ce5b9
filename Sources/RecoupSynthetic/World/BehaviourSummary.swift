import Foundation
import RecoupPolicy
import RecoupSimulation

/// Headline behaviour of the world under a decider, every invoice run until closed: what
/// docs/synthetic-world.md quotes and the behavioural tests check.
public struct BehaviourSummary: Sendable, Hashable {
    public var invoices = 0
    /// Share of invoices fully paid on or before their due date.
    public var paidByDueShare = 0.0
    /// Median days late (last payment − due) over invoices fully paid after their due date.
    public var medianDaysLate = 0.0
    /// Share of the amount invoiced written off.
    public var writeOffRate = 0.0
    /// Share of invoices with a write-off.
    public var writtenOffShare = 0.0
    /// SPEC §3 cohort DSO over all invoices (credit notes count as collected on their day).
    public var cohortDSO = 0.0
    /// Contacts per invoice.
    public var contactsPerInvoice = 0.0
    /// Share of autopay clients' invoices paid on the business day on or after their due date.
    public var autopayOnDueShare = 0.0
}

extension SyntheticWorld {
    /// Runs every client to closure under `makeDecider()` and summarises.
    /// - Complexity: O(invoices × days open).
    public func behaviourSummary<D: ContactDecider>(decider makeDecider: () -> D) -> BehaviourSummary {
        var s = BehaviourSummary()
        var paidByDue = 0
        var daysLate: [Int] = []
        var writtenOff = 0
        var writeOffAmount: Int64 = 0
        var invoiced: Int64 = 0
        var weightedDays = 0.0
        var contacts = 0
        var autopayInvoices = 0
        var autopayOnDue = 0
        var decider = makeDecider()
        for c in clients.indices {
            let h = simulate(clientIndex: c, decider: &decider, until: .allClosed)
            var lastPayment: [Int: Day] = [:]
            var paidTotal: [Int: Int64] = [:]
            for pay in h.payments {
                let inv = invoices[pay.invoice]
                weightedDays += Double(pay.amount) * Double(pay.day - inv.issuedOn)
                lastPayment[pay.invoice] = pay.day
                paidTotal[pay.invoice, default: 0] += pay.amount
            }
            var wo: Set<Int> = []
            var credited: [Int: Int64] = [:]
            for adj in h.adjustments {
                let inv = invoices[adj.invoice]
                weightedDays += Double(adj.amount) * Double(adj.day - inv.issuedOn)
                if adj.kind == .writeOff { wo.insert(adj.invoice); writeOffAmount += adj.amount } else {
                    credited[adj.invoice, default: 0] += adj.amount
                }
            }
            contacts += h.contacts.count
            for e in invoicesByClient[c] {
                let inv = invoices[e]
                invoiced += inv.amount
                if wo.contains(e) { writtenOff += 1; continue }
                if clients[c].client.autopay {
                    autopayInvoices += 1
                    if let last = lastPayment[e], last == inv.dueOn.nextBusinessDay,
                       paidTotal[e, default: 0] == inv.amount { autopayOnDue += 1 }
                }
                guard let last = lastPayment[e], paidTotal[e, default: 0] + credited[e, default: 0] == inv.amount else { continue }
                if last <= inv.dueOn { paidByDue += 1 } else { daysLate.append(last - inv.dueOn) }
            }
        }
        s.invoices = invoices.count
        let n = Double(max(1, invoices.count))
        s.paidByDueShare = Double(paidByDue) / n
        daysLate.sort()
        s.medianDaysLate = daysLate.isEmpty ? 0 : Double(daysLate[daysLate.count / 2])
        s.writtenOffShare = Double(writtenOff) / n
        s.writeOffRate = invoiced > 0 ? Double(writeOffAmount) / Double(invoiced) : 0
        s.cohortDSO = invoiced > 0 ? weightedDays / Double(invoiced) : 0
        s.contactsPerInvoice = Double(contacts) / n
        s.autopayOnDueShare = autopayInvoices > 0 ? Double(autopayOnDue) / Double(autopayInvoices) : 0
        return s
    }
}
