/// A whole AR ledger in memory: every row of a bundle (SPEC §2) as plain values.
///
/// The store loads one (`LedgerStore.loadLedger()`), the synthetic world makes one, and the
/// feature builders and the simulator read one. Rows keep the order they were loaded in; the
/// store returns them sorted by natural key so the same store always gives the same `Ledger`.
public struct Ledger: Sendable, Equatable {
    public var clients: [Client]
    public var invoices: [Invoice]
    public var payments: [Payment]
    public var actions: [CollectionAction]
    public var promises: [PaymentPromise]
    public var disputes: [Dispute]
    public var adjustments: [Adjustment]
    public var deposits: [Deposit]
    public var timesheet: [TimesheetEntry]

    public init(clients: [Client] = [], invoices: [Invoice] = [], payments: [Payment] = [],
                actions: [CollectionAction] = [], promises: [PaymentPromise] = [],
                disputes: [Dispute] = [], adjustments: [Adjustment] = [], deposits: [Deposit] = [],
                timesheet: [TimesheetEntry] = []) {
        self.clients = clients; self.invoices = invoices; self.payments = payments
        self.actions = actions; self.promises = promises; self.disputes = disputes
        self.adjustments = adjustments; self.deposits = deposits; self.timesheet = timesheet
    }
}
