import RecoupPolicy

extension LedgerStore {
    /// Reconciles the store's deposits with its invoices and payments (`Reconciler.reconcile`).
    ///
    /// ```swift
    /// let store = try LedgerStore(path: "recoup.db", access: .readOnly)
    /// let result = try store.reconcile(ReconcileOptions(from: start, to: end))
    /// ```
    /// - Throws: `ReconcileError.store` when the ledger cannot be read, or what `Reconciler`
    ///   throws for the options.
    public func reconcile(_ options: ReconcileOptions = ReconcileOptions()) throws(ReconcileError) -> Reconciliation {
        let ledger: Ledger
        do { ledger = try loadLedger() } catch { throw .store(error) }
        return try Reconciler.reconcile(ledger, options: options)
    }

    /// The measured share of deposits matched automatically, with its counts and amounts, for
    /// the time audit and the leadership report (which project reconciliation hours from it).
    /// - Throws: as `reconcile(_:)`.
    public func reconciliationSummary(_ options: ReconcileOptions = ReconcileOptions())
        throws(ReconcileError) -> ReconciliationSummary {
        try reconcile(options).summary
    }
}
