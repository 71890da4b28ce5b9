import RecoupSimulation
import RecoupPolicy

/// The `tiered` history: a deterministic risk-tiered cadence. Higher-risk clients are contacted
/// earlier and more often, and by more channels (`WorldParameters.tieredSteps`: low, medium,
/// high).
///
/// The risk is one the firm can see: when an invoice is issued, the share of the client's
/// invoices closed so far (paid, credited or written off) that closed more than `tieredLateDays`
/// past due. At least `tieredHighShare` is high, at least `tieredMediumShare` medium, otherwise
/// low; a client with fewer than `tieredMinimumClosed` closed invoices is medium. The world's
/// hidden propensity is never used. Steps fall as in `FixedCadence` (weekends to Monday, holds
/// respected, no make-up); `propensity` 1; calls are made by a person in `callMinutes`.
public struct TieredCadence: ContactDecider {
    public let parameters: WorldParameters
    /// Open balance in cents of the current client's invoices not yet closed, by global index.
    private var openBalance: [Int: Int64] = [:]
    private var dueOn: [Int: Day] = [:]
    /// The current client's closed invoices, and how many closed late.
    private var closedCount = 0
    private var closedLateCount = 0
    /// Tier (0 low, 1 medium, 2 high) of each of the current client's invoices, set on issue.
    private var tiers: [Int: Int] = [:]

    public init(parameters: WorldParameters) {
        self.parameters = parameters
    }

    /// The tier a client with `closed` closed invoices, `late` of them late, gives a new invoice.
    static func tier(closed: Int, late: Int, parameters: WorldParameters) -> Int {
        guard closed >= parameters.tieredMinimumClosed else { return 1 }
        let share = Double(late) / Double(closed)
        if share >= parameters.tieredHighShare { return 2 }
        if share >= parameters.tieredMediumShare { return 1 }
        return 0
    }

    public mutating func begin(client: WorldClient) {
        openBalance.removeAll(keepingCapacity: true)
        dueOn.removeAll(keepingCapacity: true)
        tiers.removeAll(keepingCapacity: true)
        closedCount = 0
        closedLateCount = 0
    }

    public mutating func observe(_ event: WorldEvent) {
        switch event {
        case .issued(let invoice):
            openBalance[invoice.index] = invoice.amount
            dueOn[invoice.index] = invoice.dueOn
            tiers[invoice.index] = TieredCadence.tier(closed: closedCount, late: closedLateCount, parameters: parameters)
        case .payment(let payment):
            reduce(payment.invoice, by: payment.amount, on: payment.day)
        case .adjustment(let adjustment):
            reduce(adjustment.invoice, by: adjustment.amount, on: adjustment.day)
        case .disputeOpened, .promiseMade:
            break
        }
    }

    /// Takes `amount` off an invoice's open balance; when nothing is left, the invoice counts as
    /// closed (late when more than `tieredLateDays` past due).
    private mutating func reduce(_ invoice: Int, by amount: Int64, on day: Day) {
        guard let open = openBalance[invoice] else { return }
        let left = open - amount
        guard left <= 0 else {
            openBalance[invoice] = left
            return
        }
        openBalance[invoice] = nil
        closedCount += 1
        if let due = dueOn[invoice], day - due > parameters.tieredLateDays { closedLateCount += 1 }
    }

    public mutating func contacts(on day: Day, client: WorldClient, invoices: [InvoiceView]) -> [PlannedContact] {
        var out: [PlannedContact] = []
        for view in invoices where !view.isHeld(on: day, graceDays: parameters.promiseGraceDays) {
            let tier = tiers[view.invoice.index] ?? 1
            guard parameters.tieredSteps.indices.contains(tier),
                  let step = parameters.tieredSteps[tier].first(where: { $0.falls(on: day, dueOn: view.invoice.dueOn) })
            else { continue }
            out.append(step.agentContact(invoice: view.invoice.index, parameters: parameters))
        }
        return out
    }
}
