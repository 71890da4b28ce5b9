import RecoupLedger
import RecoupPolicy
import RecoupSimulation

/// Everything leadership reads, from one simulation: the time audit now and under each
/// policy, the cost per invoice by part, and the ROI of each policy against the baseline with
/// its verdict. `recoup report roi`, `report time-audit` and `report leadership` all read it.
public struct LeadershipAnalysis: Sendable {
    public var simulation: SimulationReport
    public var audit: TimeAuditReport
    public var cost: ARCostPerInvoice
    /// One per policy after the baseline, in order.
    public var returns: [ROIEstimate]
    public var verdicts: [ROIVerdict]
    /// The reconciliation the time audit projected from (nil without deposits or when the
    /// deposits could not be matched).
    public var reconciliation: ReconciliationSummary?
    /// Lines a reader must see (a reconciliation that could not be measured).
    public var warnings: [String]

    /// - Parameters:
    ///   - simulation: the baseline first (`history`, whose ROI side is then the ledger's own
    ///     figures, or a policy), then the policies.
    ///   - audit: the time audit of `ledger` (its window sets the cost per invoice's invoices).
    ///   - toolCostPerMonth: minor units; 0 when not given (the verdict says so).
    /// - Throws: `ARCostError` when the audit's window issued no invoice.
    public init(ledger: Ledger, simulation: SimulationReport, audit: TimeAuditReport, costs: CostModel,
                classification: TaskClassification = .standard, toolCostPerMonth: Int64, seed: UInt64) throws(ARCostError) {
        self.simulation = simulation
        let projected = TimeAudit.projecting(audit, simulation: simulation, ledger: ledger, classification: classification, seed: seed)
        self.audit = projected.report
        warnings = projected.warning.map { [$0] } ?? []
        reconciliation = projected.reconciliation
        cost = try ARCostPerInvoice(audit: projected.report, simulated: simulation.projections, ledger: ledger, costs: costs)
        let rate = Double(costs.hourlyRate.minorUnits) / 100
        let base = simulation.projections[0]
        let before = base.policy == ReplayPolicy.history.name
            ? ROISide(observed: projected.report, cost: cost, history: base)
            : ROISide(policy: 0, audit: projected.report, cost: cost, projection: base)
        var returns: [ROIEstimate] = []
        for index in simulation.projections.indices.dropFirst() {
            let p = simulation.projections[index]
            let after = ROISide(policy: index, audit: projected.report, cost: cost, projection: p)
            returns.append(ROIEstimate(before: before, after: after, scale: p, toolCostPerMonth: toolCostPerMonth, hourlyRate: rate,
                                       costOfCapital: costs.costOfCapital))
        }
        self.returns = returns
        let miss = simulation.backTest.map { abs($0.actual.collectionRate - $0.replayedCollectionRate.mean) }
        verdicts = returns.map { roi in
            let never = simulation.support.first { $0.policy == roi.policy }?.never ?? []
            return ROIVerdict(roi: roi, backTestMiss: miss, loggedActions: ledger.actions.count,
                              hasTimesheets: !ledger.timesheet.isEmpty, unsupported: never)
        }
    }

    /// The analysis with the time audit over the simulation's issue window, so hours, costs
    /// and invoices cover the same days.
    /// - Throws: `TimeAuditError` or `ARCostError`.
    public init(ledger: Ledger, simulation: SimulationReport, costs: CostModel, classification: TaskClassification = .standard,
                toolCostPerMonth: Int64, seed: UInt64) throws {
        let audit = try TimeAudit.make(ledger: ledger, from: simulation.from, to: simulation.to, costs: costs)
        try self.init(ledger: ledger, simulation: simulation, audit: audit, costs: costs, classification: classification,
                      toolCostPerMonth: toolCostPerMonth, seed: seed)
    }
}
