import RecoupPolicy

/// How a deposit was matched (docs/reconcile.md).
///
/// The method says what found the match; `MatchConfidence` says how far to trust it.
public enum MatchMethod: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable {
    /// The memo names the invoice number(s) (or invoice id(s)) the deposit pays.
    case memoInvoiceNumber = "memo_invoice_number"
    /// The memo names the client, and one of its recorded payments or open invoices has the
    /// deposit's amount.
    case amountAndClient = "amount_and_client"
    /// The memo names the client, and exactly one combination of several of its open invoices
    /// (or recorded payments) adds up to the deposit's amount (a bounded subset-sum search).
    case combination
    /// Nothing in the ledger fits well enough to say.
    case unmatched

    /// The method in words, for tables.
    public var label: String {
        switch self {
        case .memoInvoiceNumber: return "memo invoice number"
        case .amountAndClient: return "amount + client"
        case .combination: return "combination"
        case .unmatched: return "unmatched"
        }
    }
}
