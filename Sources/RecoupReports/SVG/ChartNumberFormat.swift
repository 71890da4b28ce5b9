/// Locale-free, deterministic number text for charts: coordinates in the SVG and tick labels.
///
/// Foundation's formatters depend on the locale and platform; these do not, so the same chart
/// input gives the same bytes everywhere.
public enum ChartNumberFormat {
    /// `value` rounded half away from zero to `decimals` places, trailing zeros kept
    /// (`fixed(2.5, decimals: 2)` is `2.50`); `-0` is written `0`. Non-finite values are `0`.
    /// Values beyond ±9.2e18 × 10^-decimals are clamped.
    public static func fixed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
        guard value.isFinite else { return "0" }
        let places = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let magnitude = scaled >= 9.2e18 ? Int64.max : Int64(scaled)
        let divisor = Int64(scale)
        let whole = magnitude / divisor
        let fraction = magnitude % divisor
        var wholeText = String(whole)
        if grouping { wholeText = grouped(wholeText) }
        let sign = value < 0 && magnitude != 0 ? "-" : ""
        guard places > 0 else { return sign + wholeText }
        let fractionText = String(fraction)
        return sign + wholeText + "." + String(repeating: "0", count: places - fractionText.count) + fractionText
    }

    /// A coordinate: at most two decimals, trailing zeros and a trailing point removed
    /// (`12.5`, `3`, `-0.25`).
    public static func coordinate(_ value: Double) -> String {
        var text = fixed(value, decimals: 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Digits grouped by threes with commas: `1234567` → `1,234,567`.
    static func grouped(_ digits: String) -> String {
        let characters = Array(digits)
        var out = ""
        for (index, character) in characters.enumerated() {
            if index > 0 && (characters.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
