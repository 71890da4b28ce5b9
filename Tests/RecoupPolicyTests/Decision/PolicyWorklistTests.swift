import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// `recoup plan`'s worklist on a hand-made ledger under the fixed policy (emails at -3, +1,
/// +7, +14, +30; a person calls at 45 days past due; weekends to Monday; 2 contacts a week).
/// The plan day is Tuesday 2026-11-24.
@Suite struct PolicyWorklistTests {
    static func day(_ s: String) -> Day { try! Day(iso: s) }
    static func money(_ units: Int64) -> Money { Money(minorUnits: units * 100) }

    static let ledger = Ledger(
        clients: [Client(id: "C1"), Client(id: "C2")],
        invoices: [
            // dpd 1 on the plan day: the +1 email.
            Invoice(id: "INV-1", clientID: "C1", issuedOn: day("2026-10-24"), dueOn: day("2026-11-23"), amount: money(1000)),
            // dpd 7: the +7 email (earlier steps on Mon 16th (-3, moved from Saturday) and Wed 18th).
            Invoice(id: "INV-2", clientID: "C1", issuedOn: day("2026-10-18"), dueOn: day("2026-11-17"), amount: money(500)),
            // dpd -3: the soft email.
            Invoice(id: "INV-3", clientID: "C2", issuedOn: day("2026-10-28"), dueOn: day("2026-11-27"), amount: money(200)),
            // a dispute opens today: held, a dispute task, in the human queue.
            Invoice(id: "INV-4", clientID: "C2", issuedOn: day("2026-10-24"), dueOn: day("2026-11-23"), amount: money(300)),
            // 45 days past due yesterday (Monday): escalated then; no cadence after it.
            Invoice(id: "INV-5", clientID: "C2", issuedOn: day("2026-09-09"), dueOn: day("2026-10-09"), amount: money(900)),
            // paid in full before the plan day: not open.
            Invoice(id: "INV-6", clientID: "C1", issuedOn: day("2026-10-24"), dueOn: day("2026-11-23"), amount: money(100)),
            // a promise (made on the 20th for the 23rd, grace 3) holds it through the 26th.
            Invoice(id: "INV-7", clientID: "C1", issuedOn: day("2026-10-24"), dueOn: day("2026-11-23"), amount: money(700)),
            // issued after the plan day.
            Invoice(id: "INV-8", clientID: "C1", issuedOn: day("2026-11-25"), dueOn: day("2026-12-25"), amount: money(100)),
        ],
        payments: [
            Payment(id: "P1", clientID: "C1", receivedOn: day("2026-11-20"), amount: money(100), invoiceID: "INV-6"),
            Payment(id: "P2", clientID: "C1", receivedOn: day("2026-11-20"), amount: money(100), invoiceID: "INV-2"),
        ],
        promises: [PaymentPromise(invoiceID: "INV-7", madeOn: day("2026-11-20"), promisedOn: day("2026-11-23"))],
        disputes: [Dispute(invoiceID: "INV-4", openedOn: day("2026-11-24"))])

    @Test func worklistFollowsTheEngine() throws {
        let engine = try PolicyEngine(PolicyTemplate.fixed.policy)
        let plan = PolicyWorklist.make(engine: engine, ledger: Self.ledger, on: Self.day("2026-11-24"))
        // No risk model: every risk is 0, so the order is by open balance.
        #expect(plan.items.map(\.invoiceID) == ["INV-1", "INV-5", "INV-7", "INV-2", "INV-4", "INV-3"])
        func actions(_ id: String) -> [String] {
            plan.items.first { $0.invoiceID == id }?.contacts.map { "\($0.channel.rawValue)/\($0.tone.rawValue)/\($0.whoDoesIt)" } ?? ["missing"]
        }
        #expect(actions("INV-1") == ["email/standard/agent"])
        #expect(actions("INV-2") == ["email/standard/agent"])
        #expect(actions("INV-3") == ["email/soft/agent"])
        #expect(actions("INV-4") == [])
        #expect(actions("INV-5") == [])
        #expect(actions("INV-7") == [])
        #expect(plan.items.first { $0.invoiceID == "INV-2" }?.openBalance == Self.money(400))
        #expect(plan.humanQueue.map(\.invoiceID) == ["INV-5", "INV-4"])
        #expect(plan.humanQueue.map(\.humanReasons) == [["escalated"], ["dispute opened today: handle it"]])
        #expect(plan.items.first { $0.invoiceID == "INV-7" }?.isHeld == true)
        // Not consolidated under the fixed policy: three contacts.
        #expect(plan.contacts.map(\.invoiceIDs) == [["INV-1"], ["INV-2"], ["INV-3"]])
        // Deterministic text and JSON.
        let again = PolicyWorklist.make(engine: engine, ledger: Self.ledger, on: Self.day("2026-11-24"))
        #expect(CanonicalJSON.string(of: plan.jsonValue) == CanonicalJSON.string(of: again.jsonValue))
        #expect(plan.tableText().contains("INV-5"))
    }

    @Test func consolidationAndOrderByValueAtRisk() throws {
        var policy = PolicyTemplate.fixed.policy
        policy.limits.consolidatePerClient = true
        policy.riskModel = RiskModel(features: ["amount"], intercept: 0, coefficients: [0.001])
        let engine = try PolicyEngine(policy)
        let plan = PolicyWorklist.make(engine: engine, ledger: Self.ledger, on: Self.day("2026-11-24"))
        // risk = sigmoid(amount / 1000); value at risk = balance × risk: INV-1 (1000 × 0.731) first, INV-3 last.
        let values = plan.items.map(\.valueAtRisk)
        #expect(values == values.sorted(by: >))
        #expect(plan.items.first?.invoiceID == "INV-1")
        #expect(plan.items.last?.invoiceID == "INV-3")
        // C1's two same-day emails become one, in the firmer tone.
        #expect(plan.contacts.contains { $0.clientID == "C1" && $0.invoiceIDs.sorted() == ["INV-1", "INV-2"] })
    }
}
