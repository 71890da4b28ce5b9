import RecoupSimulation
import RecoupPolicy

/// The `fixed` history: an agent's fixed email cadence (`WorldParameters.fixedSteps`, by default
/// 0, 7, 14 and 30 days past due, soft to firm), the same for every client.
///
/// A step falls on its day past due, or the next business day when that is a weekend; it is not
/// made when the invoice is held (open dispute, live promise) that day, and is not made up
/// later. Deterministic: no draws. Each action logs actor `agent` (a person for a call step),
/// no minutes for the agent's, and `propensity` 1: the cadence chose it with certainty (its
/// days without a contact had probability 0, so no off-policy weight can be formed from it).
public struct FixedCadence: ContactDecider {
    public let parameters: WorldParameters

    public init(parameters: WorldParameters) {
        self.parameters = parameters
    }

    public mutating func contacts(on day: Day, client: WorldClient, invoices: [InvoiceView]) -> [PlannedContact] {
        var out: [PlannedContact] = []
        for view in invoices where !view.isHeld(on: day, graceDays: parameters.promiseGraceDays) {
            guard let step = parameters.fixedSteps.first(where: { $0.falls(on: day, dueOn: view.invoice.dueOn) })
            else { continue }
            out.append(step.agentContact(invoice: view.invoice.index, parameters: parameters))
        }
        return out
    }
}
