import RecoupPolicy

/// The measured figures of a reconciliation: how many deposits were matched automatically and
/// how much money that is. The time audit projects reconciliation hours from `shareMatched`.
public struct ReconciliationSummary: Sendable, Hashable, Codable {
    /// The window's first and last day (the options', or the deposits' own when open); nil when
    /// there are no deposits and no window was given.
    public var from: Day?
    public var to: Day?
    /// Deposits received in the window.
    public var deposits: Int
    /// Of them, matched automatically (confidence high or medium).
    public var matchedAutomatically: Int
    /// Deposits that need a person (low confidence or unmatched): `deposits − matchedAutomatically`.
    public var exceptions: Int
    /// Automatic matches by method, and by confidence (every method and level present, 0 if none).
    public var byMethod: [MatchMethod: Int]
    public var byConfidence: [MatchConfidence: Int]
    /// The total of the deposits in the window, and of those matched automatically.
    public var depositAmount: Money
    public var matchedAmount: Money

    /// `matchedAutomatically / deposits`, nil when there are no deposits (a rate, so a
    /// `Double`; the counts beside it are exact).
    public var shareMatched: Double?

    /// The summary of `matches`.
    public init(matches: [DepositMatch], from: Day?, to: Day?) {
        self.from = from ?? matches.first?.deposit.receivedOn
        self.to = to ?? matches.last?.deposit.receivedOn
        deposits = matches.count
        var methods = Dictionary(uniqueKeysWithValues: MatchMethod.allCases.map { ($0, 0) })
        var levels = Dictionary(uniqueKeysWithValues: MatchConfidence.allCases.map { ($0, 0) })
        var automatic = 0
        var total = Money.zero, matched = Money.zero
        for match in matches {
            total += match.deposit.amount
            if let confidence = match.confidence { levels[confidence, default: 0] += 1 }
            guard match.isAutomatic else { continue }
            automatic += 1
            matched += match.deposit.amount
            methods[match.method, default: 0] += 1
        }
        matchedAutomatically = automatic
        shareMatched = matches.isEmpty ? nil : Double(automatic) / Double(matches.count)
        exceptions = matches.count - automatic
        byMethod = methods
        byConfidence = levels
        depositAmount = total
        matchedAmount = matched
    }
}
