import RecoupPolicy
import RecoupSimulation

/// What `recoup generate` reports: counts and the date range of the bundle.
public struct GenerateSummary: Sendable, Hashable, CustomStringConvertible {
    public var clients = 0
    public var invoices = 0
    public var payments = 0
    public var actions = 0
    public var promises = 0
    public var disputes = 0
    public var adjustments = 0
    public var timesheetRows = 0
    /// The first issue day and the observation end.
    public var from: Day
    public var to: Day

    public var description: String {
        "\(clients) clients, \(invoices) invoices, \(payments) payments, \(actions) actions, \(from.iso) to \(to.iso)"
    }
}

extension SyntheticWorld {
    /// Generates the observed history (the world run to `parameters.end` with contacts chosen by
    /// `history`, by default the randomised `LoggingCadence`) and sends every row to `sink`:
    /// clients, invoices, then each client's payments, deposits, actions, promises, disputes and
    /// adjustments, then the timesheet.
    ///
    /// Memory is that of the world plus one client's history at a time, so a million invoices
    /// stream through in bounded space.
    /// - Parameters:
    ///   - history: who chased the invoices (`HistoryCadence`); `.randomised` writes exactly the
    ///     bytes it always has.
    ///   - progress: called after each client with (clients done, clients total).
    /// - Complexity: O(invoices × days open).
    public func generateHistory<S: LedgerRecordSink>(into sink: inout S, history: HistoryCadence = .randomised,
                                                     progress: ((Int, Int) -> Void)? = nil) throws -> GenerateSummary {
        let p = parameters
        func run<D: ContactDecider>(_ decider: D) throws -> GenerateSummary {
            var decider = decider
            return try generateHistory(into: &sink, decider: &decider, matchesDepositsByHand: history.matchesDepositsByHand,
                                       progress: progress)
        }
        switch history {
        case .randomised: return try run(LoggingCadence(parameters: p))
        case .fixed: return try run(FixedCadence(parameters: p))
        case .manual: return try run(ManualChasing(parameters: p))
        case .tiered: return try run(TieredCadence(parameters: p))
        case .policy(let engine): return try run(PolicyDecider(engine: engine, costs: CostModel(), world: self))
        }
    }

    /// `generateHistory(into:history:progress:)` with the decider made: each client is begun
    /// (`ContactDecider.begin(client:)`) and simulated in turn. `matchesDepositsByHand` books
    /// `depositMatchingMinutes` of reconciliation per deposit besides the exceptions' minutes,
    /// and `promiseFollowUpMinutes` of other work per promise (a firm whose people keep the books).
    func generateHistory<S: LedgerRecordSink, D: ContactDecider>(
        into sink: inout S, decider cadence: inout D, matchesDepositsByHand: Bool,
        progress: ((Int, Int) -> Void)?
    ) throws -> GenerateSummary {
        let p = parameters
        var summary = GenerateSummary(from: invoices.first?.issuedOn ?? p.start, to: p.end)
        for c in clients { try sink.add(c.client) }
        summary.clients = clients.count
        for inv in invoices { try sink.add(inv.invoice(clientID: clients[inv.clientIndex].client.id)) }
        summary.invoices = invoices.count
        var timesheet = TimesheetBook(parameters: p)
        var paymentSeq = 0
        var actionSeq = 0
        for c in clients.indices {
            cadence.begin(client: clients[c])
            let history = simulate(clientIndex: c, decider: &cadence, until: .observationEnd)
            let client = clients[c]
            let person = timesheet.person(forClient: c)
            for pay in history.payments {
                paymentSeq += 1
                let inv = invoices[pay.invoice]
                let amount = Money(minorUnits: pay.amount)
                try sink.add(Payment(id: "PAY-" + zeroPadded(paymentSeq, width: 7), clientID: client.client.id,
                                     receivedOn: pay.day, amount: amount, invoiceID: inv.id, method: pay.method))
                try sink.add(Deposit(id: "DEP-" + zeroPadded(paymentSeq, width: 7), receivedOn: pay.day, amount: amount,
                                     reference: DepositMemo.text(payment: pay, invoice: inv, client: client,
                                                                 sequence: paymentSeq)))
                // One sum per deposit, so a randomised history's minutes are added as they always were.
                let reconciliation = (matchesDepositsByHand ? p.depositMatchingMinutes : 0)
                    + (pay.isReconciliationException ? p.reconciliationMinutes : 0)
                if reconciliation > 0 {
                    timesheet.add(reconciliation, task: .reconciliation, person: person, on: pay.day)
                }
            }
            summary.payments += history.payments.count
            for contact in history.contacts {
                actionSeq += 1
                try sink.add(CollectionAction(
                    id: "ACT-" + zeroPadded(actionSeq, width: 7), invoiceID: invoices[contact.invoice].id, at: contact.day,
                    channel: contact.channel, actor: contact.actor, tone: contact.tone, outcome: contact.outcome,
                    minutes: contact.minutes, propensity: contact.propensity))
                if contact.actor == .human, let minutes = contact.minutes {
                    timesheet.add(minutes, task: contact.channel == .call ? .calls : .reminders, person: person, on: contact.day)
                }
            }
            summary.actions += history.contacts.count
            for promise in history.promises {
                try sink.add(PaymentPromise(invoiceID: invoices[promise.invoice].id, madeOn: promise.madeOn,
                                            promisedOn: promise.promisedOn, amount: Money(minorUnits: promise.amount)))
                if matchesDepositsByHand {
                    timesheet.add(p.promiseFollowUpMinutes, task: .other, person: person, on: promise.madeOn)
                }
            }
            summary.promises += history.promises.count
            for dispute in history.disputes {
                try sink.add(Dispute(invoiceID: invoices[dispute.invoice].id, openedOn: dispute.openedOn,
                                     resolvedOn: dispute.resolvedOn, reason: dispute.reason))
                timesheet.add(p.disputeMinutes, task: .disputes, person: person, on: dispute.openedOn)
            }
            summary.disputes += history.disputes.count
            for adjustment in history.adjustments {
                try sink.add(Adjustment(invoiceID: invoices[adjustment.invoice].id, on: adjustment.day,
                                        amount: Money(minorUnits: adjustment.amount), kind: adjustment.kind))
            }
            summary.adjustments += history.adjustments.count
            progress?(c + 1, clients.count)
        }
        timesheet.addRoutine(from: summary.from, to: p.end)
        for entry in timesheet.entries() { try sink.add(entry) }
        summary.timesheetRows = timesheet.rowCount
        return summary
    }

    /// The observed history under `history` as an in-memory `Ledger` (for tests and small worlds).
    public func makeHistoryLedger(history: HistoryCadence = .randomised) -> Ledger {
        var collector = LedgerCollector()
        // LedgerCollector never throws.
        _ = try? generateHistory(into: &collector, history: history)
        return collector.ledger
    }
}

/// Bank memo text of a deposit: names the invoice number, except for reconciliation exceptions.
enum DepositMemo {
    static func text(payment: WorldPayment, invoice: WorldInvoice, client: WorldClient, sequence: Int) -> String {
        let payer = (client.client.name ?? client.client.id).uppercased()
        let prefix: String
        switch payment.method {
        case .ach: prefix = "ACH CREDIT"
        case .card: prefix = "CARD SETTLEMENT"
        case .check: prefix = "CHECK DEPOSIT"
        case .wire: prefix = "WIRE IN"
        case .other: prefix = "DEPOSIT"
        }
        if payment.isReconciliationException {
            return "\(prefix) \(payer) REF \(zeroPadded(sequence * 7919 % 1_000_000, width: 6))"
        }
        return "\(prefix) \(payer) INV \(invoice.number)"
    }
}
