import RecoupPolicy

/// `recoup simulate` as one call: prepare the cohort, replay it under every policy, summarise.
public enum Simulation {
    /// Projects `policies` for the invoices of `ledger` issued in `from...to` (default: all).
    ///
    /// ```swift
    /// let behaviour = ReplayBehaviour(model: trained.response!, ledger: ledger)
    /// let report = try Simulation.project(ledger: ledger, behaviour: behaviour,
    ///                                     policies: [.history, .none], options: SimulationOptions(runs: 200))
    /// print(report.json)
    /// ```
    /// When `history` is among the policies the report carries the back-test, over the invoices
    /// of the window whose fate the ledger shows (`ReplayCohort.maturedThrough`; none: no
    /// back-test); when the ledger's
    /// actions carry propensities, the off-policy estimates (with the doubly robust one only
    /// when `history` is among the policies).
    /// - Throws: `SimulationError`.
    /// - Complexity: O(runs × policies × invoice-days), on `options.threads` threads.
    public static func project(ledger: Ledger, behaviour: ReplayBehaviour, policies: [ReplayPolicy], from: Day? = nil,
                               to: Day? = nil, options: SimulationOptions,
                               progress: (@Sendable (Double) -> Void)? = nil) throws(SimulationError) -> SimulationReport {
        let cohort = try ReplayCohort(ledger: ledger, from: from, to: to)
        let withPropensities = ledger.actions.contains { $0.propensity != nil }
        // The history row replays the firm's policy estimated from its actions; the logged
        // actions as they happened stay for the back-test's second column.
        var estimate: HistoryPolicy? = nil
        var policies = policies
        if options.historyAsPolicy, policies.contains(where: { $0.isLoggedHistory }) {
            let table = HistoryPolicy(ledger: ledger)
            estimate = table
            policies = policies.map { $0.estimated(from: table) }
        }
        let totals = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: policies, options: options,
                                          perInvoice: withPropensities, progress: progress)
        let history = policies.firstIndex { $0.isHistory }
        let matured = history == nil ? nil : cohort.maturedThrough
        // The back-test reuses the history's projection when the whole window has matured, and
        // otherwise replays the history once more over the matured part alone; with the
        // estimated policy as the history row, the logged actions are replayed beside it.
        var report = SimulationReport(totals: totals, policies: policies, cohort: cohort, options: options,
                                      actuals: matured == cohort.to ? HistoryActuals(ledger: ledger, cohort: cohort) : nil)
        report.historyPolicy = estimate
        report.support = policies.compactMap { ActionSupport.check($0, ledger: ledger) }
        if let h = history, let through = matured {
            let wholeWindow = through == cohort.to
            let backCohort = wholeWindow ? cohort : try? ReplayCohort(ledger: ledger, from: cohort.from, to: through)
            if let backCohort {
                var backPolicies = wholeWindow ? [] : [policies[h]]
                if estimate != nil { backPolicies.append(.history) }
                let replayed = backPolicies.isEmpty ? nil
                    : try ReplayRunner.run(cohort: backCohort, behaviour: behaviour, policies: backPolicies, options: options)
                let historyTotals = wholeWindow ? totals : replayed
                let historyIndex = wholeWindow ? h : 0
                var back: SimulationReport.BackTest?
                if wholeWindow {
                    back = report.backTest
                } else if let replayed {
                    back = SimulationReport(totals: replayed, policies: [policies[h]], cohort: backCohort, options: options,
                                            actuals: HistoryActuals(ledger: ledger, cohort: backCohort)).backTest
                }
                if var b = back, let historyTotals {
                    b.observed = HistoryObserved(ledger: ledger, cohort: backCohort, costs: options.costs)
                    b.isEstimatedPolicy = estimate != nil
                    let figures = Simulation.figures(historyTotals, policy: historyIndex, cohort: backCohort)
                    b.replayedContacts = figures.contacts
                    b.replayedCostPerInvoice = figures.cost
                    b.replayedHumanHours = figures.hours
                    (b.replayedContactsByBand, b.replayedContactsByChannel) = Simulation.fit(historyTotals, policy: historyIndex)
                    if estimate != nil, let replayed {
                        let logged = Simulation.figures(replayed, policy: backPolicies.count - 1, cohort: backCohort)
                        b.asLoggedDSO = logged.dso
                        b.asLoggedContacts = logged.contacts
                    }
                    report.backTest = b
                }
            }
        }
        if withPropensities {
            report.offPolicy = OffPolicyEstimate.estimate(ledger: ledger, cohort: cohort, policies: policies, totals: totals,
                                                          projections: report.projections, seed: options.seed)
        }
        return report
    }

    /// DSO, contacts, cost and human hours of policy `p` in `totals`, over runs.
    static func figures(_ totals: ReplayRunner.Totals, policy p: Int, cohort: ReplayCohort)
        -> (dso: Interval, contacts: Interval, cost: Interval, hours: Interval) {
        func interval(_ metric: ProjectionMetric) -> Interval {
            Interval(runs: (0..<totals.runs).map { metric.value(totals.tally(policy: p, run: $0), windowDays: cohort.windowDays) })
        }
        return (interval(.dso), interval(.contactsPerInvoice), interval(.costPerInvoice), interval(.humanHoursPerWeek))
    }

    /// Policy `p`'s contacts per invoice by dpd band and by channel (`ReplayTally`'s fit slots),
    /// means over runs of each run's (bootstrap-weighted) sums over its invoices.
    static func fit(_ totals: ReplayRunner.Totals, policy p: Int) -> ([Double], [Double]) {
        var bands = [Double](repeating: 0, count: HistoryPolicy.dpdBands.count)
        var channels = [Double](repeating: 0, count: Channel.allCases.count)
        var runs = 0.0
        for r in 0..<totals.runs {
            let t = totals.tally(policy: p, run: r)
            guard t[.invoices] > 0 else { continue }
            runs += 1
            for b in bands.indices { bands[b] += t[ReplayTally.contactsByBandSlot(b)] / t[.invoices] }
            for c in channels.indices { channels[c] += t[ReplayTally.contactsByChannelSlot(c)] / t[.invoices] }
        }
        return (bands.map { $0 / max(1, runs) }, channels.map { $0 / max(1, runs) })
    }
}
