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
        let totals = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: policies, options: options,
                                          perInvoice: withPropensities, progress: progress)
        let history = policies.firstIndex { if case .history = $0.kind { return true } else { return false } }
        let matured = history == nil ? nil : cohort.maturedThrough
        // The back-test reuses the history's projection when the whole window has matured, and
        // otherwise replays the history once more over the matured part alone.
        var report = SimulationReport(totals: totals, policies: policies, cohort: cohort, options: options,
                                      actuals: matured == cohort.to ? HistoryActuals(ledger: ledger, cohort: cohort) : nil)
        if let h = history, let through = matured, through < cohort.to,
           let maturedCohort = try? ReplayCohort(ledger: ledger, from: cohort.from, to: through) {
            let replayed = try ReplayRunner.run(cohort: maturedCohort, behaviour: behaviour, policies: [policies[h]],
                                                options: options)
            let back = SimulationReport(totals: replayed, policies: [policies[h]], cohort: maturedCohort, options: options,
                                        actuals: HistoryActuals(ledger: ledger, cohort: maturedCohort))
            report.backTest = back.backTest
        }
        if withPropensities {
            report.offPolicy = OffPolicyEstimate.estimate(ledger: ledger, cohort: cohort, policies: policies, totals: totals,
                                                          projections: report.projections, seed: options.seed)
        }
        return report
    }
}
