import RecoupPolicy

/// The reconciliation of one deposit: what it pays, how that was found and how sure it is.
///
/// A deposit is *matched automatically* when its confidence is high or medium; otherwise
/// (low confidence, a suggestion, or unmatched) it is an exception with a `reason`.
public struct DepositMatch: Sendable, Hashable, Codable {
    public var deposit: Deposit
    public var method: MatchMethod
    /// nil when unmatched.
    public var confidence: MatchConfidence?
    /// The invoices the deposit pays (or, for a low-confidence result, would pay), by id, sorted.
    public var invoiceIDs: [String]
    /// The recorded payments the deposit is, by id, sorted; empty when it matched open invoices
    /// with no payment recorded yet.
    public var paymentIDs: [String]
    /// The client the deposit comes from, when known.
    public var clientID: String?
    /// Whether the deposit pays less than the matched invoices' open balance (a partial payment).
    public var isPartial: Bool
    /// Why a person must look at it; nil for an automatic match.
    public var reason: ExceptionReason?

    public init(deposit: Deposit, method: MatchMethod, confidence: MatchConfidence?, invoiceIDs: [String] = [],
                paymentIDs: [String] = [], clientID: String? = nil, isPartial: Bool = false, reason: ExceptionReason? = nil) {
        self.deposit = deposit
        self.method = method
        self.confidence = confidence
        self.invoiceIDs = invoiceIDs.sorted()
        self.paymentIDs = paymentIDs.sorted()
        self.clientID = clientID
        self.isPartial = isPartial
        self.reason = reason
    }

    /// Whether the deposit was matched automatically (confidence high or medium).
    public var isAutomatic: Bool { confidence?.isAutomatic ?? false }

    /// An exception: no automatic match.
    static func exception(_ deposit: Deposit, _ reason: ExceptionReason, method: MatchMethod = .unmatched,
                          invoiceIDs: [String] = [], paymentIDs: [String] = [], clientID: String? = nil) -> DepositMatch {
        let suggested = !invoiceIDs.isEmpty || !paymentIDs.isEmpty
        return DepositMatch(deposit: deposit, method: suggested ? method : .unmatched, confidence: suggested ? .low : nil,
                            invoiceIDs: invoiceIDs, paymentIDs: paymentIDs, clientID: clientID, reason: reason)
    }
}
