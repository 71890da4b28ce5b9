/// An amount of money as an exact integer count of minor units (cents for USD, EUR, GBP, …).
///
/// Recoup never holds money in floating point: amounts are parsed from decimal text straight
/// into minor units, sums are exact, and a division names its rounding rule. Floating point is
/// used for rates (DSO, shares) only, after the exact sums are taken.
///
/// ```swift
/// let fee = try Money(decimal: "1234.50")   // 123_450 minor units
/// ```
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in minor units (1/100 of the currency unit).
    public var minorUnits: Int64

    /// Minor units per currency unit. The ledger format (SPEC §2) allows at most 2 decimals.
    public static let minorUnitsPerUnit: Int64 = 100

    @inlinable public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    /// Nothing.
    public static let zero = Money(minorUnits: 0)

    @inlinable public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// The amount in currency units as a `Double`, for rates and charts only.
    @inlinable public var units: Double { Double(minorUnits) / Double(Money.minorUnitsPerUnit) }

    /// Exact decimal text with two decimals and a leading `-` when negative: `1234.50`.
    public var decimalString: String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let whole = magnitude / UInt64(Money.minorUnitsPerUnit)
        let cents = magnitude % UInt64(Money.minorUnitsPerUnit)
        return (negative ? "-" : "") + "\(whole)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    public var description: String { decimalString }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        minorUnits = try container.decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(minorUnits)
    }
}
