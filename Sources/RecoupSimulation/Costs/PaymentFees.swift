import RecoupPolicy

/// A payment-processing fee: a percentage (in basis points) plus a fixed amount, optionally capped.
public struct FeeRule: Sendable, Hashable {
    /// Hundredths of a percent: 290 = 2.9%.
    public var basisPoints: Int64
    public var fixed: Money
    /// The most one payment is charged, if capped.
    public var cap: Money?

    public init(basisPoints: Int64, fixed: Money = .zero, cap: Money? = nil) {
        self.basisPoints = basisPoints; self.fixed = fixed; self.cap = cap
    }

    /// `amount × basisPoints / 10 000` (to the nearest cent) + fixed, at most `cap`.
    public func fee(on amount: Money) -> Money {
        let fee = amount.scaled(by: basisPoints, over: 10_000, rounding: .toNearestOrAwayFromZero) + fixed
        if let cap, fee > cap { return cap }
        return fee
    }
}

/// Fees by payment method (SPEC §5): card 2.9% + $0.30, ACH 0.8% capped at $5, check and wire free.
public struct PaymentFees: Sendable, Hashable {
    public var card = FeeRule(basisPoints: 290, fixed: Money(minorUnits: 30))
    public var ach = FeeRule(basisPoints: 80, cap: Money(minorUnits: 500))
    public var check = FeeRule(basisPoints: 0)
    public var wire = FeeRule(basisPoints: 0)
    public var other = FeeRule(basisPoints: 0)

    public init() {}

    public func fee(amount: Money, method: PaymentMethod) -> Money {
        switch method {
        case .card: return card.fee(on: amount)
        case .ach: return ach.fee(on: amount)
        case .check: return check.fee(on: amount)
        case .wire: return wire.fee(on: amount)
        case .other: return other.fee(on: amount)
        }
    }
}
