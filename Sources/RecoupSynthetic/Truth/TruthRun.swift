import Dispatch
import Foundation
import RecoupPolicy
import RecoupSimulation

extension SyntheticWorld {
    /// The true outcomes of running this world forward under `policy` (SPEC §8's truth): the
    /// same clients, invoices and draws as the history, with the policy's decisions in place of
    /// the logging cadence, every invoice run until it is paid or written off (at the policy's
    /// `writeOffAfterDays`). Run r uses the behaviour draws of run r; run 0 shares every draw
    /// with the generated history. The cohort is every invoice issued in `cohort` (default: the
    /// whole window); every invoice is simulated either way, since earlier ones shape risk tiers.
    ///
    /// - Parameter progress: called as each run finishes with (runs done, runs total), from the
    ///   thread that ran it.
    /// - Throws: `PolicyError` when the policy fails validation.
    /// - Complexity: O(runs × invoices × days open).
    public func truth(policy: Policy, runs: Int = 1, costs: CostModel = CostModel(), cohort: ClosedRange<Day>? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PolicyError) -> OutcomeSummary {
        let engine = try PolicyEngine(policy)
        let count = max(1, runs)
        let box = RunResults(count: count)
        let world = self
        // Runs are independent (run r draws with run r), so they run in parallel; results are
        // stored by run index, so the output does not depend on scheduling.
        DispatchQueue.concurrentPerform(iterations: count) { run in
            let result = world.truthRun(engine: engine, costs: costs, run: UInt64(run), cohort: cohort)
            let done = box.store(run: run, result.0, days: result.horizonDays)
            progress?(done, count)
        }
        return OutcomeSummary(policy: policy.name, mode: policy.mode.rawValue, horizonDays: box.horizonDays,
                              runs: box.outcomes.compactMap { $0 })
    }

    /// One run of the truth: the cohort's outcomes and the number of days simulated.
    public func truthRun(engine: PolicyEngine, costs: CostModel, run: UInt64, cohort: ClosedRange<Day>? = nil,
                         progress: ((Int, Int) -> Void)? = nil) -> (CohortOutcomes, horizonDays: Int) {
        let start = parameters.start
        let window = cohort ?? start...parameters.end
        var acc = CohortOutcomeAccumulator(issueWindowDays: window.upperBound - window.lowerBound + 1)
        var decider = PolicyDecider(engine: engine, costs: costs, world: self)
        var lastDay = parameters.end
        for c in clients.indices {
            decider.begin(client: clients[c])
            let h = simulate(clientIndex: c, decider: &decider, until: .allClosed, run: run,
                             writeOffAfterDays: engine.policy.writeOffAfterDays)
            lastDay = max(lastDay, h.lastDay)
            addOutcomes(of: h, client: c, window: window, to: &acc) { e in
                let tally = decider.tallies[e] ?? PolicyDecider.Tally()
                return (tally.cost, tally.humanMinutes)
            }
            progress?(c + 1, clients.count)
        }
        return (acc.outcomes, lastDay - start + 1)
    }
}

extension SyntheticWorld {
    /// The true outcomes, one per run, of the world's own history policy (the `LoggingCadence`
    /// it was logged under) in runs `1…runs`: what the firm's behaviour gives in expectation, apart from the
    /// one realisation (run 0) the ledger records.
    ///
    /// Why it exists: a cohort's DSO is amount-weighted, so a few large invoices paid late or
    /// written off move one realisation by about a day on a 200-client, 15-month world (its
    /// run-to-run standard deviation, measured with this). A history row is unbiased when it
    /// matches this mean; the ledger's actual differs from it by that realisation noise.
    /// - Complexity: O(runs × invoices × days open).
    public func historyTruth(runs: Int, cohort: ClosedRange<Day>) -> [CohortOutcomes] {
        let count = max(1, runs)
        let box = RunResults(count: count)
        let world = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            var acc = CohortOutcomeAccumulator(issueWindowDays: cohort.upperBound - cohort.lowerBound + 1)
            var decider = LoggingCadence(parameters: world.parameters)
            var lastDay = world.parameters.end
            for c in world.clients.indices {
                let h = world.simulate(clientIndex: c, decider: &decider, until: .allClosed, run: UInt64(index + 1))
                lastDay = max(lastDay, h.lastDay)
                world.addOutcomes(of: h, client: c, window: cohort, to: &acc) { _ in
                    (.zero, [Double](repeating: 0, count: TimesheetTask.allCases.count))
                }
            }
            _ = box.store(run: index, acc.outcomes, days: lastDay - world.parameters.start + 1)
        }
        return box.outcomes.compactMap { $0 }
    }
}

extension SyntheticWorld {
    /// Adds client `c`'s invoices issued in `window` to `acc`, with their collections, credit
    /// notes, write-offs and contacts from `history` and their cost and human minutes from `cost`.
    func addOutcomes(of history: ClientHistory, client c: Int, window: ClosedRange<Day>, to acc: inout CohortOutcomeAccumulator,
                     cost: (Int) -> (Money, [Double])) {
        var outcomes: [Int: InvoiceOutcome] = [:]
        for e in invoicesByClient[c] {
            let inv = invoices[e]
            let (money, minutes) = cost(e)
            outcomes[e] = InvoiceOutcome(issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: Money(minorUnits: inv.amount),
                                         cost: money, humanMinutes: minutes)
        }
        for pay in history.payments {
            outcomes[pay.invoice]?.collections.append(DatedAmount(Money(minorUnits: pay.amount), on: pay.day))
        }
        for adj in history.adjustments {
            let amount = DatedAmount(Money(minorUnits: adj.amount), on: adj.day)
            if adj.kind == .writeOff { outcomes[adj.invoice]?.writeOff = amount } else {
                outcomes[adj.invoice]?.creditNotes.append(amount)
            }
        }
        for contact in history.contacts { outcomes[contact.invoice]?.contacts += 1 }
        for e in invoicesByClient[c] where window.contains(invoices[e].issuedOn) {
            if let o = outcomes[e] { acc.add(o) }
        }
    }
}

/// Results of parallel truth runs, stored by run index under a lock.
private final class RunResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outcomes: [CohortOutcomes?]
    private(set) var horizonDays = 0
    private var done = 0

    init(count: Int) { outcomes = [CohortOutcomes?](repeating: nil, count: count) }

    /// Stores a run's result; returns how many runs are done.
    func store(run: Int, _ result: CohortOutcomes, days: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        outcomes[run] = result
        horizonDays = max(horizonDays, days)
        done += 1
        return done
    }
}
