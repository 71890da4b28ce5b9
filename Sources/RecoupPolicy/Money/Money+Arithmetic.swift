extension Money {
    @inlinable public static func + (lhs: Money, rhs: Money) -> Money {
        Money(minorUnits: lhs.minorUnits + rhs.minorUnits)
    }
    @inlinable public static func - (lhs: Money, rhs: Money) -> Money {
        Money(minorUnits: lhs.minorUnits - rhs.minorUnits)
    }
    @inlinable public static func += (lhs: inout Money, rhs: Money) { lhs.minorUnits += rhs.minorUnits }
    @inlinable public static func -= (lhs: inout Money, rhs: Money) { lhs.minorUnits -= rhs.minorUnits }
    @inlinable public static prefix func - (value: Money) -> Money { Money(minorUnits: -value.minorUnits) }

    /// This amount, or zero when it is negative (open balances are floored at 0, SPEC §3).
    @inlinable public var flooredAtZero: Money { minorUnits < 0 ? .zero : self }

    /// How an exact division of minor units is rounded.
    public enum RoundingRule: Sendable {
        /// Towards negative infinity.
        case down
        /// Towards positive infinity.
        case up
        /// To the nearest, halves away from zero (commercial rounding).
        case toNearestOrAwayFromZero
    }

    /// `self × numerator / denominator` in exact integer arithmetic, rounded by `rule`.
    /// Used for fees and partial payments (e.g. 2.9% is `scaled(by: 29, over: 1000, …)`).
    /// - Precondition: `denominator > 0`.
    public func scaled(by numerator: Int64, over denominator: Int64, rounding rule: RoundingRule) -> Money {
        precondition(denominator > 0, "Money.scaled: denominator must be positive")
        let product = minorUnits.multipliedFullWidth(by: numerator)
        let (q, r) = denominator.dividingFullWidth(product)
        var quotient = q
        switch rule {
        case .down: if r < 0 { quotient -= 1 }
        case .up: if r > 0 { quotient += 1 }
        case .toNearestOrAwayFromZero:
            if r.magnitude * 2 >= denominator.magnitude { quotient += r < 0 ? -1 : 1 }
        }
        return Money(minorUnits: quotient)
    }
}

extension Sequence where Element == Money {
    /// The exact sum.
    public func sum() -> Money { reduce(.zero, +) }
}
