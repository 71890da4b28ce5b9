import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

/// The back-test on a ledger whose payments were drawn from a known process: each open invoice
/// is paid in full on a business day with probability 0.06, or written off 120 days past due.
/// Replaying the history with that hazard must put the actual cohort DSO and collection rate
/// inside the replay's 95% intervals.
@Suite struct BackTestTests {
    static func generatedLedger(hazard: Double = 0.06) -> Ledger {
        var ledger = ReplayFixtures.ledger(clients: 150, perClient: 4)
        var rng = SystemRandomNumberGeneratorFree(seed: 2026)
        for inv in ledger.invoices {
            var d = inv.issuedOn
            var paid = false
            while d - inv.dueOn < 120 {
                if !d.isWeekend && rng.uniform() < hazard {
                    ledger.payments.append(Payment(id: "P" + inv.id, clientID: inv.clientID, receivedOn: d, amount: inv.amount,
                                                   invoiceID: inv.id))
                    paid = true
                    break
                }
                d = d + 1
            }
            if !paid {
                ledger.adjustments.append(Adjustment(invoiceID: inv.id, on: inv.dueOn + 120, amount: inv.amount, kind: .writeOff))
            }
        }
        return ledger
    }

    @Test func replayedHistoryCoversTheActuals() throws {
        let ledger = Self.generatedLedger()
        let r = try ReplayFixtures.simulate(ledger, ReplayFixtures.constant(0.06), [.history], runs: 60)
        let b = try #require(r.backTest)
        #expect(b.actual.unresolved == 0)
        #expect(!b.dsoOutside, "actual \(b.actual.dso) vs \(b.replayedDSO)")
        #expect(!b.collectionRateOutside, "actual \(b.actual.collectionRate) vs \(b.replayedCollectionRate)")
        #expect(b.lines.contains { $0.hasPrefix("back-test: history cohort DSO") })
    }

    @Test func invoicesStillOpenAtTheLedgersEndAreLeftOut() throws {
        // Payments at 1.5% a business day, so about a fifth of the invoices are written off. Cut
        // the ledger 130 days after the first invoice fell due: the invoices issued later than
        // about ten days into the window have no fate yet. The back-test must cover only
        // invoices issued up to ledger end − (terms + 120 days), have no unresolved invoice, and
        // still cover the actuals.
        var ledger = Self.generatedLedger(hazard: 0.015)
        let whole = try ReplayCohort(ledger: ledger)
        let cut = whole.from + (whole.dueOn[0] - whole.issuedOn[0]) + 130
        ledger.payments.removeAll { $0.receivedOn > cut }
        ledger.adjustments.removeAll { $0.on > cut }
        let cohort = try ReplayCohort(ledger: ledger)
        let terms = try #require(zip(cohort.issuedOn, cohort.dueOn).map { $1 - $0 }.max())
        let through = try #require(cohort.maturedThrough)
        #expect(through == cohort.ledgerEnd - (terms + cohort.historyWriteOffAfterDays))
        #expect(through > cohort.from && through < cohort.to)
        #expect(HistoryActuals(ledger: ledger, cohort: cohort).unresolved > 0)
        let r = try Simulation.project(ledger: ledger, behaviour: ReplayFixtures.constant(0.015), policies: [.history],
                                       options: SimulationOptions(runs: 60, seed: 7, threads: 2))
        let b = try #require(r.backTest)
        #expect(b.to == through && b.from == cohort.from)
        #expect(b.actual.unresolved == 0)
        #expect(!b.dsoOutside, "actual \(b.actual.dso) vs \(b.replayedDSO)")
        #expect(!b.collectionRateOutside, "actual \(b.actual.collectionRate) vs \(b.replayedCollectionRate)")
    }

    @Test func aWrongModelIsFlagged() throws {
        // Replayed with a hazard three times too high, the DSO interval misses the actual.
        let ledger = Self.generatedLedger()
        let r = try ReplayFixtures.simulate(ledger, ReplayFixtures.constant(0.18), [.history], runs: 30)
        let b = try #require(r.backTest)
        #expect(b.dsoOutside)
        #expect(b.lines.contains { $0.hasPrefix("warning:") })
    }

    @Test func actualsFollowTheCohortFormula() throws {
        // One invoice of 1000.00 issued 5 Jan, 400.00 paid 4 Feb (30 days), 600.00 written off
        // 4 Jun (150 days): DSO = (400 × 30 + 600 × 150) / 1000 = 102.
        var ledger = ReplayFixtures.ledger(clients: 1, perClient: 1)
        let inv = ledger.invoices[0]
        ledger.payments.append(Payment(id: "P1", clientID: "C000", receivedOn: inv.issuedOn + 30, amount: Money(minorUnits: 40_000),
                                       invoiceID: inv.id))
        ledger.adjustments.append(Adjustment(invoiceID: inv.id, on: inv.issuedOn + 150, amount: Money(minorUnits: 60_000), kind: .writeOff))
        let actual = HistoryActuals(ledger: ledger, cohort: try ReplayCohort(ledger: ledger))
        #expect(abs(actual.dso - 102) < 1e-12)
        #expect(abs(actual.collectionRate - 0.4) < 1e-12)
        #expect(abs(actual.writeOffRate - 0.6) < 1e-12)
    }
}

/// A tiny seeded generator for building test ledgers (SplitMix64 steps).
struct SystemRandomNumberGeneratorFree {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Double(ReplayRandom.mix(state) >> 11) * 0x1.0p-53
    }
}
