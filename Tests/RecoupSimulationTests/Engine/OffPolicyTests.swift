import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

/// IPS and SNIPS on two hand-made invoices (both 1000.00, issued Monday 5 Jan 2026, due 4 Feb):
/// A logged one email at dpd 3 (7 Feb) with propensity 0.5 and was paid on 14 Feb (40 days);
/// B logged nothing and was paid on 9 Feb (35 days).
///
/// - "email at dpd 3" (weekends allowed) makes exactly A's contact on A's history (w = 2) but an
///   unlogged email on B's (w = 0): IPS = 2·1000·40 / 2000 = 40, SNIPS = 40, ESS = 2²/2² = 1.
/// - `none` contradicts A (w = 0) and matches B (w = 1): IPS = 1000·35 / 2000 = 17.5, SNIPS = 35.
@Suite struct OffPolicyTests {
    static func ledger() -> Ledger {
        var ledger = Ledger()
        let monday = ReplayFixtures.monday
        ledger.clients = [Client(id: "A"), Client(id: "B")]
        for id in ["A", "B"] {
            ledger.invoices.append(Invoice(id: id + "1", clientID: id, issuedOn: monday, dueOn: monday + 30,
                                           amount: Money(minorUnits: 100_000)))
        }
        ledger.actions.append(CollectionAction(id: "x", invoiceID: "A1", at: monday + 33, channel: .email, propensity: 0.5))
        ledger.payments.append(Payment(id: "pa", clientID: "A", receivedOn: monday + 40, amount: Money(minorUnits: 100_000), invoiceID: "A1"))
        ledger.payments.append(Payment(id: "pb", clientID: "B", receivedOn: monday + 35, amount: Money(minorUnits: 100_000), invoiceID: "B1"))
        return ledger
    }

    @Test func inversePropensityEstimatesByHand() throws {
        let ledger = Self.ledger()
        let email = try ReplayFixtures.policy("email", steps: [CadenceStep(day: 3, channel: .email)], businessDaysOnly: false)
        let report = try Simulation.project(ledger: ledger, behaviour: ReplayFixtures.constant(0.05), policies: [.history, email, .none],
                                            options: SimulationOptions(runs: 8, seed: 3))
        #expect(report.offPolicy.map(\.policy) == ["email", "none"])
        let e = report.offPolicy[0], n = report.offPolicy[1]
        #expect(e.eligibleInvoices == 2 && e.matchedInvoices == 1)
        #expect(abs((e.ips[.dso]?.mean ?? 0) - 40) < 1e-9)
        #expect(abs((e.snips[.dso]?.mean ?? 0) - 40) < 1e-9)
        #expect(abs(e.effectiveSampleSize - 1) < 1e-12)
        #expect(e.isThin)
        #expect(abs((n.ips[.dso]?.mean ?? 0) - 17.5) < 1e-9)
        #expect(abs((n.snips[.dso]?.mean ?? 0) - 35) < 1e-9)
        #expect(abs((n.snips[.collectionRate]?.mean ?? 0) - 1) < 1e-12)
        #expect(n.doublyRobust?[.dso]?.mean.isFinite == true)
        // Nothing printed that would need a caveat: without propensities for the days nobody was
        // contacted, each policy gets one line saying why there is no estimate (issue 18 item 5).
        let offLines = report.text.split(separator: "\n").filter { $0.hasPrefix("off-policy") || $0.hasPrefix("  DSO  IPS") }
        #expect(offLines.count == 2)
        #expect(offLines.allSatisfy { $0.contains("no estimate, actions.csv has no propensities for no-contact days") })
        #expect(offLines.allSatisfy { $0.count <= 100 })
        #expect(report.json.contains("\"effectiveSampleSize\": 1,"))
        #expect(!report.json.contains("\"ips\""))
        #expect(report.json.contains("\"offPolicy\""))
    }
}
