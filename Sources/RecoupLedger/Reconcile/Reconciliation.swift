import RecoupPolicy

/// The result of `Reconciler.reconcile`: every deposit of the window with its match, sorted by
/// received day then deposit id, and their summary.
public struct Reconciliation: Sendable, Hashable, Codable {
    public var summary: ReconciliationSummary
    /// One per deposit in the window, sorted by (received day, deposit id).
    public var matches: [DepositMatch]
    /// The currency amounts are in (the invoices'; `USD` when the ledger has none).
    public var currency: String

    /// The deposits a person must look at (not matched automatically), in the same order.
    public var exceptions: [DepositMatch] { matches.filter { !$0.isAutomatic } }
}
