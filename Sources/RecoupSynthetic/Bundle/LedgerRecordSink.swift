import RecoupPolicy
import RecoupSimulation

/// Receives the rows of a ledger bundle as they are generated, file by file in any
/// interleaving: the CSV bundle writer streams them to disk, `LedgerCollector` keeps them.
public protocol LedgerRecordSink {
    mutating func add(_ client: Client) throws
    mutating func add(_ invoice: Invoice) throws
    mutating func add(_ payment: Payment) throws
    mutating func add(_ action: CollectionAction) throws
    mutating func add(_ promise: PaymentPromise) throws
    mutating func add(_ dispute: Dispute) throws
    mutating func add(_ adjustment: Adjustment) throws
    mutating func add(_ deposit: Deposit) throws
    mutating func add(_ entry: TimesheetEntry) throws
}

/// Collects rows into an in-memory `Ledger` (tests, small worlds, direct import).
public struct LedgerCollector: LedgerRecordSink {
    public var ledger = Ledger()
    public init() {}
    public mutating func add(_ client: Client) { ledger.clients.append(client) }
    public mutating func add(_ invoice: Invoice) { ledger.invoices.append(invoice) }
    public mutating func add(_ payment: Payment) { ledger.payments.append(payment) }
    public mutating func add(_ action: CollectionAction) { ledger.actions.append(action) }
    public mutating func add(_ promise: PaymentPromise) { ledger.promises.append(promise) }
    public mutating func add(_ dispute: Dispute) { ledger.disputes.append(dispute) }
    public mutating func add(_ adjustment: Adjustment) { ledger.adjustments.append(adjustment) }
    public mutating func add(_ deposit: Deposit) { ledger.deposits.append(deposit) }
    public mutating func add(_ entry: TimesheetEntry) { ledger.timesheet.append(entry) }
}
