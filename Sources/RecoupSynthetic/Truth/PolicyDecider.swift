import RecoupPolicy
import RecoupSimulation

/// The policy hook of truth mode: runs the `RecoupPolicy` decision engine (SPEC §4) inside the
/// world, and tallies each invoice's collections cost and human minutes with a `CostModel`.
///
/// Risk tiers are scored on each invoice's issue day from the simulated ledger as known at the
/// start of that day (`ClientRiskHistory`), with the policy's `riskModel`. Costs charged:
/// each contact as made (once per merged contact, to the first invoice it covers), copilot
/// reviews on their decision day, 45 minutes per dispute opened, 5 minutes of follow-up per
/// promise made, and payment fees when the cost model includes them.
public struct PolicyDecider: ContactDecider {
    public let engine: PolicyEngine
    public let costs: CostModel
    let invoices: [WorldInvoice]
    let clientIDs: [String]
    private var clientIndex = -1
    private var history = ClientRiskHistory(since: nil, autopay: false)
    private var states: [Int: InvoicePolicyState] = [:]
    private var decision = DayDecision()
    private var dayContacts: [ClientDayContact] = []
    /// Per-invoice tallies of the current client (global index → tally).
    public private(set) var tallies: [Int: Tally] = [:]

    /// Cost and human minutes attributed to one invoice.
    public struct Tally: Sendable, Hashable {
        public var cost = Money.zero
        public var humanMinutes = [Double](repeating: 0, count: TimesheetTask.allCases.count)

        mutating func add(_ c: ContactCost) {
            cost += c.money
            if let i = TimesheetTask.allCases.firstIndex(of: c.task) { humanMinutes[i] += c.humanMinutes }
        }
    }

    public init(engine: PolicyEngine, costs: CostModel, world: SyntheticWorld) {
        self.engine = engine
        self.costs = costs
        self.invoices = world.invoices
        self.clientIDs = world.clients.map(\.client.id)
    }

    /// Starts a new client: forgets the previous one's state and tallies.
    public mutating func begin(client: WorldClient) {
        clientIndex = client.index
        history = ClientRiskHistory(client: client.client,
                                    lateThresholdDays: engine.policy.riskModel?.lateThresholdDays ?? 15)
        states.removeAll(keepingCapacity: true)
        tallies.removeAll(keepingCapacity: true)
    }

    public mutating func observe(_ event: WorldEvent) {
        switch event {
        case .issued(let inv):
            history.recordIssued(invoiceID: inv.id, issuedOn: inv.issuedOn, dueOn: inv.dueOn,
                                 amount: Money(minorUnits: inv.amount))
        case .payment(let pay):
            let inv = invoices[pay.invoice]
            history.recordPayment(invoiceID: inv.id, on: pay.day, amount: Money(minorUnits: pay.amount))
            if var state = states[pay.invoice] {
                engine.recordPayment(&state)
                states[pay.invoice] = state
            }
            let fee = costs.paymentFee(amount: Money(minorUnits: pay.amount), method: pay.method)
            if fee > .zero { tallies[pay.invoice, default: Tally()].cost += fee }
        case .adjustment(let adj):
            history.recordAdjustment(invoiceID: invoices[adj.invoice].id, on: adj.day,
                                     amount: Money(minorUnits: adj.amount), kind: adj.kind)
        case .disputeOpened(let invoice, let day):
            history.recordDisputeOpened(invoiceID: invoices[invoice].id, on: day)
            // Charged here rather than from `DayDecision.opensDisputeTask`, which cannot see a
            // dispute raised by one of the day's own contacts (it opens after the decisions).
            tallies[invoice, default: Tally()].add(costs.dispute)
        case .promiseMade(let promise):
            tallies[promise.invoice, default: Tally()].add(costs.promiseFollowUp)
        }
    }

    public mutating func contacts(on day: Day, client: WorldClient, invoices views: [InvoiceView]) -> [PlannedContact] {
        if client.index != clientIndex { begin(client: client) }
        dayContacts.removeAll(keepingCapacity: true)
        for view in views {
            let e = view.invoice.index
            var state: InvoicePolicyState
            if let s = states[e] { state = s } else {
                let x = history.features(issuedOn: view.invoice.issuedOn, dueOn: view.invoice.dueOn,
                                         amount: Money(minorUnits: view.invoice.amount))
                state = engine.makeState(risk: engine.risk(featureValues: x))
            }
            let facts = InvoiceDayFacts(
                day: day, dueOn: view.invoice.dueOn, openBalance: Money(minorUnits: view.openBalance),
                isAutopay: client.client.autopay, isDisputeOpen: view.isDisputeOpen,
                disputeOpenedToday: view.isDisputeOpen && view.disputeOpenedOn == day, promisedOn: view.promisedOn)
            engine.decide(&state, facts, into: &decision)
            states[e] = state
            for contact in decision { dayContacts.append(ClientDayContact(invoice: e, contact: contact)) }
        }
        guard !dayContacts.isEmpty else { return [] }
        var planned: [PlannedContact] = []
        for merged in engine.consolidate(dayContacts) {
            let c = merged.contact
            guard let first = merged.invoices.first else { continue }
            if c.isReviewed(on: day) {
                tallies[first, default: Tally()].add(costs.review(minutes: engine.reviewMinutes))
            }
            if c.executes(on: day) {
                tallies[first, default: Tally()].add(costs.contact(channel: c.channel, actor: c.actor, execution: .automated))
                planned.append(PlannedContact(invoices: merged.invoices, channel: c.channel, actor: c.actor, tone: c.tone,
                                              propensity: 1,
                                              humanMinutes: c.actor == .human ? costs.humanMinutes(channel: c.channel) : nil))
            }
        }
        return planned
    }
}
