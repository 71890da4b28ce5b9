import Foundation
import RecoupModel
import RecoupPolicy
import RecoupSynthetic
import Testing
@testable import RecoupSimulation

/// The history row as the firm's estimated policy (issue 18 item 1, SPEC §8 "the history row").
@Suite struct HistoryPolicyTests {
    /// Four invoices (terms 30), each emailed by the agent on day 5 past due and paid on day 10
    /// past due. Observed days: issue … paid day, 41 each. At dpd 5 with no contact yet the fine
    /// cell has 4 contacted days of 4 (weekday), so its estimate is (4 + 2 p₂) / (4 + 2) ≥ 2/3;
    /// at dpd 6, one contact so far, 0 of 4 (its parent band's rate is small). The words name
    /// the email at about 5 days past due and 100% of invoices contacted.
    @Test func estimatesAFixedCadence() throws {
        var ledger = ReplayFixtures.ledger(clients: 4, perClient: 1)
        for (i, inv) in ledger.invoices.enumerated() {
            // Issue days are Monday + 0…3: dpd 5 falls on a weekday for each (issue + 35).
            ledger.actions.append(CollectionAction(id: "A\(i)", invoiceID: inv.id, at: inv.dueOn + 5, channel: .email))
            ledger.payments.append(Payment(id: "P\(i)", clientID: inv.clientID, receivedOn: inv.dueOn + 10, amount: inv.amount,
                                           invoiceID: inv.id))
        }
        let policy = HistoryPolicy(ledger: ledger)
        #expect(policy.actions.count == 1)
        #expect(policy.openDays == 4 * 41)
        #expect(policy.contactDays == 4)
        for inv in ledger.invoices {
            let day = (inv.dueOn + 5).ordinal
            let weekend = Day(ordinal: day).isWeekend
            let p = policy.contactProbability(dpd: 5, contacts: 0, day: day, lastContact: nil, isWeekend: weekend, isHeld: false)
            #expect(p >= 2.0 / 3 && p <= 1)
            let after = policy.contactProbability(dpd: 6, contacts: 1, day: day + 1, lastContact: day, isWeekend: false, isHeld: false)
            #expect(after < 0.1)
        }
        let words = policy.summaryLines.joined(separator: "\n")
        #expect(words.contains("100% of invoices contacted"), "\(words)")
        #expect(words.contains("email by an agent: 100% of contacts, at about 5 days past due"), "\(words)")
    }

    /// Every probability the estimate holds is a probability, and the action draw covers [0, 1).
    @Test func tablesAreProbabilities() throws {
        var parameters = WorldParameters()
        parameters.clients = 40
        parameters.months = 6
        parameters.seed = 8
        let ledger = SyntheticWorld(parameters: parameters).makeHistoryLedger()
        let policy = HistoryPolicy(ledger: ledger)
        #expect(policy.hazard.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(policy.actionCumulative.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(policy.secondContact >= 0 && policy.secondContact <= 1)
        for u in [0.0, 0.5, 0.999_999] {
            let a = policy.action(dpd: 10, contacts: 1, isHeld: false, uniform: u)
            #expect(a >= 0 && a < policy.actions.count)
        }
    }

    /// A generated world's history: the generator's randomised cadence, or a bookkeeper's fixed
    /// rule (every open invoice contacted at 5, 20 and 35 days past due; 75% email, 25% calls).
    static func world(seed: UInt64, fixedRule: Bool) -> SyntheticWorld {
        var parameters = WorldParameters()
        parameters.clients = 200
        parameters.months = 15
        parameters.seed = seed
        if fixedRule {
            parameters.loggingOffsets = [5, 20, 35]
            parameters.loggingContactProbability = 1
            parameters.loggingChannelShares = [0.75, 0, 0, 0.25, 0]
        }
        return SyntheticWorld(parameters: parameters)
    }

    /// The back-test of `[.history]` on `world`'s ledger with `behaviour`, printed.
    static func backTest(_ world: SyntheticWorld, _ ledger: Ledger, _ behaviour: ReplayBehaviour, uncertainty: Bool = true,
                         label: String) throws -> SimulationReport.BackTest {
        let report = try Simulation.project(ledger: ledger, behaviour: behaviour, policies: [.history],
                                            options: SimulationOptions(runs: 40, seed: 5, estimationUncertainty: uncertainty))
        let b = try #require(report.backTest)
        print(label + ":\n" + (report.historyPolicy?.summaryLines.joined(separator: "\n") ?? "") + "\n"
              + b.lines.joined(separator: "\n"))
        #expect(b.isEstimatedPolicy)
        #expect(b.lines.allSatisfy { $0.count <= 100 })
        return b
    }

    /// A generated world's ledger as the reference: its own logged contacts per invoice, cost
    /// per invoice and human hours (`HistoryObserved`, from actions.csv, disputes.csv and
    /// promises.csv by the replay's cost rules) and its actual cohort DSO (`HistoryActuals`,
    /// SPEC §3's cohort formula over the payments it logged), both over the back-test's
    /// invoices (those whose fate the ledger shows). The history row, replaying the estimated
    /// policy with the models trained on that same ledger, must land within issue 18's
    /// targets: contacts within 5%, cost and hours within 10%; and the logged actions replayed
    /// as they happened must lose contacts (why the policy is needed).
    ///
    /// The actual DSO must lie inside the row's 95% interval. It is not held to 0.5 days of
    /// the row's mean on one world: the actual is one realisation, and on these worlds (200
    /// clients, 15 months) a realisation's amount-weighted cohort DSO has a standard deviation
    /// of 1.1–1.4 days from run to run (a few large invoices paid late or written off), measured
    /// by `SyntheticWorld.historyTruth`. Whether the row is biased is tested against the world's
    /// own expectation instead (`historyRowIsUnbiased`).
    @Test(arguments: [(UInt64(3), false), (UInt64(7), false), (UInt64(11), true)])
    func historyRowReproducesTheLedger(seed: UInt64, fixedRule: Bool) throws {
        let world = HistoryPolicyTests.world(seed: seed, fixedRule: fixedRule)
        let ledger = world.makeHistoryLedger()
        let trained = try ModelTrainer.train(ledger: ledger)
        let behaviour = ReplayBehaviour(model: try #require(trained.response), ledger: ledger)
        let b = try HistoryPolicyTests.backTest(world, ledger, behaviour, label: "seed \(seed)\(fixedRule ? " (fixed rule)" : "")")
        let observed = try #require(b.observed)
        let contacts = try #require(b.replayedContacts), cost = try #require(b.replayedCostPerInvoice)
        let hours = try #require(b.replayedHumanHours)
        let text = b.lines.joined(separator: "\n")
        #expect(abs(contacts.mean / observed.contactsPerInvoice - 1) <= 0.05, "\(text)")
        #expect(abs(cost.mean / observed.costPerInvoice - 1) <= 0.10, "\(text)")
        #expect(abs(hours.mean / observed.humanHoursPerWeek - 1) <= 0.10, "\(text)")
        #expect(b.replayedDSO.contains(b.actual.dso), "\(text)")
        let asLogged = try #require(b.asLoggedContacts)
        #expect(asLogged.mean < observed.contactsPerInvoice)
    }

    /// The history row is unbiased: with the world's true parameters and each client's true
    /// propensity (`OracleBehaviour`), the estimated policy's replay must match the expected
    /// cohort DSO of the firm's own behaviour (`historyTruth`: the world re-run under its
    /// logging cadence, runs 1…10, over the back-test's invoices), not the one realisation the
    /// ledger holds. Four randomised histories and two fixed rules: the mean gap over the six
    /// worlds within 0.5 days (issue 18's target, as a bias), each within three standard
    /// errors of the two Monte Carlo means. Measured when written: gaps +0.15, +0.08, −0.19,
    /// −0.34 (randomised seeds 3, 7, 12, 14), −0.06 and −0.85 (fixed rules 11, 13); mean −0.20.
    @Test func historyRowIsUnbiased() throws {
        var gaps: [Double] = []
        for (seed, fixedRule) in [(UInt64(3), false), (7, false), (12, false), (14, false), (11, true), (13, true)] {
            let world = HistoryPolicyTests.world(seed: seed, fixedRule: fixedRule)
            let ledger = world.makeHistoryLedger()
            let runs = 40
            let report = try Simulation.project(ledger: ledger, behaviour: OracleBehaviour.make(world), policies: [.history],
                                                options: SimulationOptions(runs: runs, seed: 5, estimationUncertainty: false))
            let b = try #require(report.backTest)
            let truth = world.historyTruth(runs: 10, cohort: b.from...b.to).map(\.dso)
            let mean = truth.reduce(0, +) / Double(truth.count)
            var squares = 0.0
            for x in truth { squares += (x - mean) * (x - mean) }
            let truthSD = (squares / Double(truth.count - 1)).squareRoot()
            let truthSE = truthSD / Double(truth.count).squareRoot()
            // The replay's 95% interval spans about 3.92 run standard deviations.
            let replaySE = (b.replayedDSO.hi - b.replayedDSO.lo) / 3.92 / Double(runs).squareRoot()
            let gap = b.replayedDSO.mean - mean
            gaps.append(gap)
            // The figures docs/simulation.md quotes ("How close its DSO can be to the ledger's").
            print(String(format: "history row, seed %d%@: replayed %.2f, expected %.2f (run-to-run sd %.2f), ledger %.2f (%+.2f)",
                         Int(seed), fixedRule ? " fixed rule" : "", b.replayedDSO.mean, mean, truthSD, b.actual.dso,
                         b.actual.dso - mean))
            #expect(abs(gap) <= 3 * (truthSE * truthSE + replaySE * replaySE).squareRoot(),
                    "seed \(seed): replayed \(b.replayedDSO.mean) vs expected \(mean) (actual \(b.actual.dso))")
        }
        let meanGap = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(meanGap) <= 0.5, "gaps \(gaps)")
    }
}
