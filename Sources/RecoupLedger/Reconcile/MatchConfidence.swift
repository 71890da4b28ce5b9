import RecoupPolicy

/// How far an automatic match can be trusted (docs/reconcile.md, "Confidence").
///
/// `high` and `medium` are matched automatically; `low` is a suggestion a person must check,
/// so a low-confidence result is an exception.
public enum MatchConfidence: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    /// The memo names the invoice(s) and the amount agrees to the cent with their open balance
    /// or with the payment(s) recorded against them.
    case high
    /// One soft point: the amount is off by at most the tolerance (cents), or the memo names
    /// the client but no invoice and exactly one invoice, payment or combination fits (a
    /// recorded payment counts only when its invoice is also the one open invoice of that
    /// amount: its application was a person's decision), or the
    /// memo names an invoice that the deposit pays only in part with no recorded payment to
    /// confirm it.
    case medium
    /// A candidate exists but something does not fit (several equal candidates, an amount only
    /// near, an overpayment, an invoice already paid, no memo): a person decides.
    case low

    /// Whether a match of this confidence counts as matched automatically.
    public var isAutomatic: Bool { self != .low }

    public static func < (lhs: MatchConfidence, rhs: MatchConfidence) -> Bool {
        lhs.rank < rhs.rank
    }

    /// 0 for low, 1 for medium, 2 for high.
    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        }
    }
}
