/// The live agent's worklist for one day (`recoup plan`): every open invoice's actions under a
/// policy, who does them, which need approval, and the human queue, ordered by expected value
/// at risk (open balance × risk).
///
/// Built by replaying the engine over the ledger's actual events from each open invoice's
/// issue day to the plan day (`make(engine:ledger:on:)`), so the state (contacts in the last 7
/// days, carried-over steps, pending approvals, escalation) is what the agent would hold.
public struct PolicyWorklist: Sendable {
    /// One open invoice on the plan day.
    public struct Item: Sendable, Equatable {
        public var invoiceID: String
        public var clientID: String
        public var openBalance: Money
        /// The risk scored on the issue day.
        public var risk: Double
        public var tierName: String
        public var daysPastDue: Int
        /// Open balance (currency units) × risk.
        public var valueAtRisk: Double
        /// Contacts made today and contacts decided today that wait for approval.
        public var contacts: [PolicyContact]
        /// The policy writes the balance off today (or would have, on an earlier day).
        public var writeOff: Bool
        /// Escalated (today or earlier): a person owns it.
        public var isEscalated: Bool
        public var escalatedToday: Bool
        public var isDisputeOpen: Bool
        public var disputeOpenedToday: Bool
        /// Held today (dispute, promise, autopay skip).
        public var isHeld: Bool
    }

    /// One merged contact when the policy consolidates per client.
    public struct ClientContact: Sendable, Equatable {
        public var clientID: String
        public var contact: PolicyContact
        public var invoiceIDs: [String]
    }

    public var date: Day
    public var policyName: String
    public var mode: PolicyMode
    /// Whether the policy's signature was verified against a trusted key. False only for a
    /// policy loaded with `SignatureRequirement.unverifiedForAnalysis` (`recoup plan
    /// --unverified`): the header then says the worklist is not the agent's.
    public var isPolicyVerified = true
    /// Open invoices, highest value at risk first (ties, e.g. a policy without a risk model:
    /// larger open balance first, then invoice id).
    public var items: [Item]
    /// Today's contacts after per-client consolidation (one entry per contact actually made or
    /// reviewed), in item order.
    public var contacts: [ClientContact]

    /// Invoices in the human queue: escalated or disputed, highest value at risk first.
    public var humanQueue: [Item] { items.filter { $0.isEscalated || $0.isDisputeOpen } }

    /// Builds the worklist for `date`.
    ///
    /// For each invoice issued on or before `date` and still open at the start of it: its risk
    /// from `RiskFeatureCalculator` (as known on its issue day), then every day from issue to
    /// `date` through `engine.decide` with the day's facts from the ledger (open balance at the
    /// start of the day: amount less payments and adjustments dated earlier; disputes open
    /// that day; the latest promise made before it), payments recorded after each day's decision.
    /// - Complexity: O(open invoices × days since issue + ledger rows).
    public static func make(engine: PolicyEngine, ledger: Ledger, on date: Day) -> PolicyWorklist {
        let calculator = RiskFeatureCalculator(ledger: ledger, lateThresholdDays: engine.policy.riskModel?.lateThresholdDays ?? 15)
        var paymentsByInvoice: [String: [Payment]] = [:]
        for p in ledger.payments { if let id = p.invoiceID { paymentsByInvoice[id, default: []].append(p) } }
        var adjustmentsByInvoice: [String: [Adjustment]] = [:]
        for a in ledger.adjustments { adjustmentsByInvoice[a.invoiceID, default: []].append(a) }
        var disputesByInvoice: [String: [Dispute]] = [:]
        for d in ledger.disputes { disputesByInvoice[d.invoiceID, default: []].append(d) }
        var promisesByInvoice: [String: [PaymentPromise]] = [:]
        for p in ledger.promises { promisesByInvoice[p.invoiceID, default: []].append(p) }
        var autopay: [String: Bool] = [:]
        for c in ledger.clients { autopay[c.id] = c.autopay }

        var items: [Item] = []
        var decision = DayDecision()
        for (index, invoice) in ledger.invoices.enumerated() where invoice.issuedOn <= date {
            let payments = paymentsByInvoice[invoice.id] ?? []
            let adjustments = adjustmentsByInvoice[invoice.id] ?? []
            func balance(before day: Day) -> Money {
                var minor = invoice.amount.minorUnits
                for p in payments where p.receivedOn < day { minor -= p.amount.minorUnits }
                for a in adjustments where a.on < day { minor -= a.amount.minorUnits }
                return Money(minorUnits: max(0, minor))
            }
            guard balance(before: date).minorUnits > 0,
                  !adjustments.contains(where: { $0.kind == .writeOff && $0.on < date })
            else { continue }
            let disputes = disputesByInvoice[invoice.id] ?? []
            let promises = promisesByInvoice[invoice.id] ?? []
            let risk = engine.risk(featureValues: calculator.values(forInvoiceAt: index))
            var state = engine.makeState(risk: risk)
            var writtenOff = false
            var day = invoice.issuedOn
            while day <= date {
                let open = disputes.first { $0.isOpen(on: day) }
                let promise = promises.filter { $0.madeOn < day }.max { ($0.madeOn, $0.promisedOn) < ($1.madeOn, $1.promisedOn) }
                let facts = InvoiceDayFacts(day: day, dueOn: invoice.dueOn, openBalance: balance(before: day),
                                            isAutopay: autopay[invoice.clientID] ?? false, isDisputeOpen: open != nil,
                                            disputeOpenedToday: disputes.contains { $0.openedOn == day },
                                            promisedOn: promise?.promisedOn)
                engine.decide(&state, facts, into: &decision)
                if decision.writeOff { writtenOff = true; break }
                if day < date && payments.contains(where: { $0.receivedOn == day }) { engine.recordPayment(&state) }
                day = day + 1
            }
            let open = balance(before: date)
            let onDate = decision.day == date && !writtenOff
            items.append(Item(
                invoiceID: invoice.id, clientID: invoice.clientID, openBalance: open, risk: risk,
                tierName: engine.policy.tiers[state.tier].name, daysPastDue: date - invoice.dueOn,
                valueAtRisk: open.units * risk, contacts: onDate ? Array(decision) : [], writeOff: writtenOff,
                isEscalated: state.isEscalated, escalatedToday: onDate && decision.escalatedToday,
                isDisputeOpen: disputes.contains { $0.isOpen(on: date) },
                disputeOpenedToday: disputes.contains { $0.openedOn == date }, isHeld: onDate && decision.isHeld))
        }
        items.sort {
            ($0.valueAtRisk, $0.openBalance, $1.invoiceID) > ($1.valueAtRisk, $1.openBalance, $0.invoiceID)
        }

        // Consolidate each client's contacts of the day, clients in item order.
        var contacts: [ClientContact] = []
        var clientOrder: [String] = []
        var byClient: [String: [ClientDayContact]] = [:]
        for (k, item) in items.enumerated() where !item.contacts.isEmpty {
            if byClient[item.clientID] == nil { clientOrder.append(item.clientID) }
            byClient[item.clientID, default: []] += item.contacts.map { ClientDayContact(invoice: k, contact: $0) }
        }
        for client in clientOrder {
            for merged in engine.consolidate(byClient[client] ?? []) {
                contacts.append(ClientContact(clientID: client, contact: merged.contact,
                                              invoiceIDs: merged.invoices.map { items[$0].invoiceID }))
            }
        }
        return PolicyWorklist(date: date, policyName: engine.policy.name, mode: engine.policy.mode, items: items, contacts: contacts)
    }
}
