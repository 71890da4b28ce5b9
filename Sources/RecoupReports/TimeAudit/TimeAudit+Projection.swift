import RecoupLedger
import RecoupPolicy
import RecoupSimulation

extension TimeAudit {
    /// `report` with a projection for every policy of `simulation`, under `classification`,
    /// reconciliation measured by matching `ledger`'s deposits over the audit's window.
    /// - Returns: the report, the reconciliation it projected from (nil when the deposits could
    ///   not be matched), and then a warning (the reconciliation hours are kept at today's,
    ///   `notMeasured`).
    public static func projecting(_ report: TimeAuditReport, simulation: SimulationReport, ledger: Ledger,
                                  classification: TaskClassification = .standard,
                                  seed: UInt64) -> (report: TimeAuditReport, reconciliation: ReconciliationSummary?, warning: String?) {
        var out = report
        out.classification = classification
        var warning: String?
        var summary: ReconciliationSummary?
        do { summary = try Reconciler.summary(ledger, options: ReconcileOptions(from: report.from, to: report.to)) } catch {
            warning = "reconciliation could not be measured (\(error)); its hours are kept at today's"
        }
        out.projections = simulation.projections.map {
            projection($0, now: out, classification: classification, reconciliation: summary, seed: seed)
        }
        return (out, summary, warning)
    }

    /// The hours per week by task under a simulated policy, with 95% intervals over the
    /// simulation's runs, for `TimeAuditReport.projections`.
    ///
    /// - Simulated tasks: reminders are reminders sent by people plus copilot reviews; calls are
    ///   calls made by people; disputes and other (promise follow-ups) are the simulator's, run
    ///   by run, so their intervals are the simulator's.
    /// - Reconciliation, data entry and reporting follow `classification` when the policy runs
    ///   an agent (autonomous or copilot mode): reconciliation classified `agent` keeps the share
    ///   of today's hours that `reconciliation` leaves to a person (deposits not matched
    ///   automatically), the share drawn run by run from its sampling uncertainty (normal
    ///   approximation with the Agresti–Coull adjustment, so 0 or 100% matched still has an
    ///   interval); an analyst's share takes that share off; `person`, or data entry and
    ///   reporting whose size the ledger cannot measure, keep today's hours. A policy without an
    ///   agent (manual mode, the history, no reminders) keeps all three.
    /// - Parameter seed: seeds the reconciliation share's draws (run r uses run r's stream), so
    ///   the same seed gives the same intervals.
    public static func projection(_ p: SimulationReport.Projection, now: TimeAuditReport,
                                  classification: TaskClassification = .standard,
                                  reconciliation: ReconciliationSummary? = nil, seed: UInt64 = 1) -> TimeAuditReport.Projection {
        let tasks = TimesheetTask.allCases
        func runs(_ m: ProjectionMetric) -> [Double] {
            if let values = p.runValues[m], !values.isEmpty { return values }
            return [p.figures[m]?.mean ?? 0]
        }
        let reminders = zip(runs(.reminderHoursPerWeek), runs(.reviewHoursPerWeek)).map { $0 + $1 }
        let simulated: [TimesheetTask: [Double]] = [
            .reminders: reminders, .calls: runs(.callHoursPerWeek), .disputes: runs(.disputeHoursPerWeek),
            .other: runs(.promiseFollowUpHoursPerWeek),
        ]
        let runCount = simulated.values.map(\.count).min() ?? 1
        let usesAgent = (p.mode == PolicyMode.autonomous.rawValue || p.mode == PolicyMode.copilot.rawValue) && p.policy != "none"
        var perTask = [[Double]](repeating: [], count: tasks.count)
        var basis = [TimeAuditReport.ProjectionBasis](repeating: .simulated, count: tasks.count)
        for (i, task) in tasks.enumerated() {
            if let values = simulated[task] {
                perTask[i] = Array(values.prefix(runCount))
                continue
            }
            let today = now.hoursPerWeek(minutes: now.minutesByTask[i])
            guard usesAgent, let owner = classification.owner(task) else {
                perTask[i] = Array(repeating: today, count: runCount)
                basis[i] = .noAgent
                continue
            }
            switch owner {
            case .person:
                perTask[i] = Array(repeating: today, count: runCount)
                basis[i] = .person
            case .agentShare(let share):
                perTask[i] = Array(repeating: today * (1 - share), count: runCount)
                basis[i] = .given(share: share)
            case .agent:
                if task == .reconciliation, let summary = reconciliation, summary.deposits > 0 {
                    let shares = matchShareDraws(summary, runs: runCount, seed: seed)
                    perTask[i] = shares.map { today * (1 - $0) }
                    basis[i] = .matched(share: Double(summary.matchedAutomatically) / Double(summary.deposits),
                                        deposits: summary.deposits)
                } else {
                    perTask[i] = Array(repeating: today, count: runCount)
                    basis[i] = .notMeasured
                }
            }
        }
        let totals = (0..<runCount).map { r in perTask.reduce(0) { $0 + $1[r] } }
        let nowTotal = now.hoursPerWeek(minutes: now.totalMinutes)
        var out = TimeAuditReport.Projection(policy: p.policy, hours: perTask.map { Interval(runs: $0) }, basis: basis,
                                             total: Interval(runs: totals), freed: Interval(runs: totals.map { nowTotal - $0 }),
                                             isVerified: p.isVerified)
        out.runHours = perTask
        return out
    }

    /// `runs` draws of the share of deposits matched automatically: x of n matched, centre
    /// x / n, spread √(p̃(1 − p̃)/(n + 4)) with p̃ = (x + 2)/(n + 4), clamped to [0, 1].
    static func matchShareDraws(_ summary: ReconciliationSummary, runs: Int, seed: UInt64) -> [Double] {
        let n = Double(summary.deposits), x = Double(summary.matchedAutomatically)
        let centre = x / n
        let adjusted = (x + 2) / (n + 4)
        let spread = (adjusted * (1 - adjusted) / (n + 4)).squareRoot()
        return (0..<runs).map { r in
            let z = CounterRandom(seed: seed, run: UInt64(r)).normal(entity: 0, day: 0, purpose: .reconciliationShare)
            return min(1, max(0, centre + spread * z))
        }
    }
}
