import RecoupSimulation

extension SyntheticWorld {
    /// The true outcomes of running this world forward under `policy` (SPEC §8's truth): the
    /// same clients, invoices and draws as the history, with the policy's decisions in place of
    /// the logging cadence, every invoice run until it is paid or written off (at the policy's
    /// `writeOffAfterDays`). Run r uses the behaviour draws of run r; run 0 shares every draw
    /// with the generated history. The cohort is every invoice issued in `cohort` (default: the
    /// whole window); every invoice is simulated either way, since earlier ones shape risk tiers.
    ///
    /// - Parameter progress: called after each client with (steps done, steps total) over all runs.
    /// - Throws: `PolicyError` when the policy fails validation.
    /// - Complexity: O(runs × invoices × days open).
    public func truth(policy: Policy, runs: Int = 1, costs: CostModel = CostModel(), cohort: ClosedRange<Day>? = nil,
                      progress: ((Int, Int) -> Void)? = nil) throws(PolicyError) -> OutcomeSummary {
        let engine = try PolicyEngine(policy)
        var results: [CohortOutcomes] = []
        var horizon = 0
        for run in 0..<max(1, runs) {
            let (outcomes, days) = truthRun(engine: engine, costs: costs, run: UInt64(run), cohort: cohort) { done, total in
                progress?(run * total + done, max(1, runs) * total)
            }
            results.append(outcomes)
            horizon = max(horizon, days)
        }
        return OutcomeSummary(policy: policy.name, mode: policy.mode.rawValue, horizonDays: horizon, runs: results)
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
            var outcomes: [Int: InvoiceOutcome] = [:]
            for e in invoicesByClient[c] {
                let inv = invoices[e]
                let tally = decider.tallies[e] ?? PolicyDecider.Tally()
                outcomes[e] = InvoiceOutcome(issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: Money(minorUnits: inv.amount),
                                             cost: tally.cost, humanMinutes: tally.humanMinutes)
            }
            for pay in h.payments { outcomes[pay.invoice]?.collections.append(DatedAmount(Money(minorUnits: pay.amount), on: pay.day)) }
            for adj in h.adjustments {
                let amount = DatedAmount(Money(minorUnits: adj.amount), on: adj.day)
                if adj.kind == .writeOff { outcomes[adj.invoice]?.writeOff = amount } else {
                    outcomes[adj.invoice]?.creditNotes.append(amount)
                }
            }
            for contact in h.contacts { outcomes[contact.invoice]?.contacts += 1 }
            for e in invoicesByClient[c] where window.contains(invoices[e].issuedOn) {
                if let o = outcomes[e] { acc.add(o) }
            }
            progress?(c + 1, clients.count)
        }
        return (acc.outcomes, lastDay - start + 1)
    }
}
