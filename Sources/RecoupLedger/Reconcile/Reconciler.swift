import RecoupPolicy

/// Matches bank deposits to open invoices and recorded payments (docs/reconcile.md).
///
/// ```swift
/// let result = try Reconciler.reconcile(ledger, options: ReconcileOptions(from: start, to: end))
/// print(result.summary.shareMatched ?? 0)
/// ```
///
/// Every deposit of the ledger is matched, in two passes, each in order of (received day,
/// deposit id), so that what one deposit claims another cannot claim too:
/// 1. deposits whose memo names invoice numbers (or invoice ids): first the payments recorded
///    against those invoices near the day, then the invoices' open balances (full, within the
///    tolerance, or partial);
/// 2. the rest, by the client the memo names: one recorded payment or one open invoice of the
///    deposit's amount, then one combination of several payments or open invoices (a bounded
///    subset-sum search), then near amounts as suggestions.
/// A match claims its payments and, when it matched open balances, reduces them for later
/// deposits. Only the deposits in the window are returned, but all are matched, so the result
/// for a deposit does not depend on where the window starts. Same ledger and options, same
/// result.
public enum Reconciler {
    /// Reconciles the deposits of `ledger` in `options`' window.
    /// - Throws: `ReconcileError.emptyWindow` when `from` is after `to`, `.invalidOption` for a
    ///   negative tolerance or window or a search bound below 1.
    /// - Complexity: O(deposits × (memo tokens + the client's invoices and payments)) plus the
    ///   bounded subset searches.
    public static func reconcile(_ ledger: Ledger, options: ReconcileOptions = ReconcileOptions())
        throws(ReconcileError) -> Reconciliation {
        if let from = options.from, let to = options.to, from > to { throw .emptyWindow(from: from, to: to) }
        if options.amountTolerance < .zero {
            throw .invalidOption(name: "amount tolerance", reason: "is negative (\(options.amountTolerance.decimalString))")
        }
        if options.paymentWindowDays < 0 {
            throw .invalidOption(name: "payment window", reason: "is negative (\(options.paymentWindowDays) days)")
        }
        if options.maxCombinationInvoices < 1 || options.maxCombinationSize < 1 || options.maxCombinationSteps < 1 {
            throw .invalidOption(name: "combination search bounds", reason: "must be at least 1")
        }
        var matcher = DepositMatcher(lookup: LedgerLookup(ledger: ledger, options: options), options: options)
        let deposits = ledger.deposits.sorted { ($0.receivedOn, $0.id) < ($1.receivedOn, $1.id) }
        let references = deposits.map { matcher.references(of: $0) }
        var matches = [DepositMatch?](repeating: nil, count: deposits.count)
        for (index, deposit) in deposits.enumerated() where !references[index].invoices.isEmpty {
            matches[index] = matcher.matchNamedInvoices(deposit, references[index])
        }
        for (index, deposit) in deposits.enumerated() where matches[index] == nil {
            matches[index] = matcher.matchByClient(deposit, references[index])
        }
        let inWindow = zip(deposits, matches).compactMap { deposit, match in
            options.contains(deposit.receivedOn) ? match : nil
        }
        let currency = ledger.invoices.first?.currency ?? "USD"
        return Reconciliation(summary: ReconciliationSummary(matches: inWindow, from: options.from, to: options.to),
                              matches: inWindow, currency: currency)
    }

    /// The summary alone (`reconcile(_:options:).summary`): the share of deposits matched
    /// automatically with its counts, for the time audit's reconciliation hours.
    /// - Throws: as `reconcile(_:options:)`.
    public static func summary(_ ledger: Ledger, options: ReconcileOptions = ReconcileOptions())
        throws(ReconcileError) -> ReconciliationSummary {
        try reconcile(ledger, options: options).summary
    }
}
