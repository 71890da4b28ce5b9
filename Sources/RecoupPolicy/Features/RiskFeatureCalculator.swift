import Foundation

/// The risk features of SPEC §4 for every invoice of a ledger, each as known at the start of
/// its issue day.
///
/// Built on `ClientRiskHistory` (one per client, fed every event of the ledger), so the live
/// agent's `recoup plan`, the trainer and the simulator's incremental replay compute the same
/// numbers by construction.
///
/// ```swift
/// let calculator = RiskFeatureCalculator(ledger: ledger)
/// let x = calculator.values(forInvoiceAt: 0)   // RiskFeature.allCases order
/// ```
public struct RiskFeatureCalculator: Sendable {
    /// The ledger the features are computed from.
    public let ledger: Ledger
    /// `T` of SPEC §4.
    public let lateThresholdDays: Int
    let histories: [String: ClientRiskHistory]

    /// Indexes `ledger` by client.
    ///
    /// Invoices of clients missing from `clients` get a history with no `since` and no autopay.
    /// Payments, adjustments and disputes of unknown invoices are ignored.
    /// - Complexity: O(rows of the ledger).
    public init(ledger: Ledger, lateThresholdDays: Int = 15) {
        self.ledger = ledger
        self.lateThresholdDays = lateThresholdDays
        var histories: [String: ClientRiskHistory] = [:]
        for client in ledger.clients {
            histories[client.id] = ClientRiskHistory(client: client, lateThresholdDays: lateThresholdDays)
        }
        var clientOfInvoice: [String: String] = [:]
        for invoice in ledger.invoices {
            clientOfInvoice[invoice.id] = invoice.clientID
            histories[invoice.clientID, default: ClientRiskHistory(
                since: nil, autopay: false, lateThresholdDays: lateThresholdDays)]
                .recordIssued(invoiceID: invoice.id, issuedOn: invoice.issuedOn, dueOn: invoice.dueOn,
                              amount: invoice.amount)
        }
        for payment in ledger.payments {
            guard let id = payment.invoiceID, let client = clientOfInvoice[id] else { continue }
            histories[client]?.recordPayment(invoiceID: id, on: payment.receivedOn, amount: payment.amount)
        }
        for adjustment in ledger.adjustments {
            guard let client = clientOfInvoice[adjustment.invoiceID] else { continue }
            histories[client]?.recordAdjustment(invoiceID: adjustment.invoiceID, on: adjustment.on,
                                                amount: adjustment.amount, kind: adjustment.kind)
        }
        for dispute in ledger.disputes {
            guard let client = clientOfInvoice[dispute.invoiceID] else { continue }
            histories[client]?.recordDisputeOpened(invoiceID: dispute.invoiceID, on: dispute.openedOn)
        }
        self.histories = histories
    }

    /// The features of `ledger.invoices[index]` in `RiskFeature.allCases` order, as known at the
    /// start of its issue day (only invoices issued before it and events dated before it).
    /// - Precondition: `index` is a valid index of `ledger.invoices`.
    /// - Complexity: O(the client's invoices and their events).
    public func values(forInvoiceAt index: Int) -> [Double] {
        let invoice = ledger.invoices[index]
        let history = histories[invoice.clientID]
            ?? ClientRiskHistory(since: nil, autopay: false, lateThresholdDays: lateThresholdDays)
        return history.features(issuedOn: invoice.issuedOn, dueOn: invoice.dueOn, amount: invoice.amount)
    }

    /// The value of one feature of `ledger.invoices[index]`.
    public func value(_ feature: RiskFeature, forInvoiceAt index: Int) -> Double {
        let k = RiskFeature.allCases.firstIndex(of: feature) ?? 0
        return values(forInvoiceAt: index)[k]
    }

    /// The history of a client (as fed from the whole ledger), for incremental use.
    public func history(ofClient id: String) -> ClientRiskHistory? { histories[id] }
}
