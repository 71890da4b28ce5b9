import RecoupPolicy

/// Shared number formats for report tables.
public enum ReportFormatting {
    /// Money with two decimals, thousands separated by commas, and the currency code:
    /// `1,234.50 USD`, `-12.00 EUR`; without the code when `currency` is nil (for columns whose
    /// header names it).
    public static func money(_ value: Money, currency: String?) -> String {
        value.groupedDecimalString + (currency.map { " " + $0 } ?? "")
    }

    /// Money rounded to whole units (half away from zero), thousands separated by commas:
    /// `1,234` for 1,234.50 → `1,235`; for tables that must fit a terminal, whose title says so.
    public static func wholeMoney(_ value: Money) -> String {
        let perUnit = Int64(Money.minorUnitsPerUnit)
        let magnitude = value.minorUnits.magnitude
        let units = (magnitude + UInt64(perUnit / 2)) / UInt64(perUnit)
        let text = money(Money(minorUnits: Int64(units) * perUnit), currency: nil)
        return (value.minorUnits < 0 && units > 0 ? "-" : "") + String(text.dropLast(3))
    }

    /// A value with `decimals` decimals (half away from zero), or `—` when nil (undefined).
    public static func number(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled) - whole * Int64(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let f = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - f.count) + f
    }

    /// Days with one decimal (`41.2 days` is written `41.2`), `—` when undefined.
    public static func days(_ value: Double?) -> String { number(value, decimals: 1) }

    /// A share in [0, 1] as a percentage with one decimal: `96.3%`.
    public static func percent(share value: Double?) -> String {
        guard let value else { return "—" }
        return number(value * 100, decimals: 1) + "%"
    }
}
