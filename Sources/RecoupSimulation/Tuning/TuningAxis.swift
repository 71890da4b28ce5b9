import RecoupPolicy

/// One `--vary FIELD=LO..HI/STEP` of `recoup tune`: a policy field and the values it takes,
/// `LO, LO + STEP, LO + 2·STEP, …` up to and including `HI` when a step lands on it (never
/// past it).
///
/// Values are computed in exact decimal arithmetic (`LO + k·STEP` on scaled integers), so
/// `0.1..0.3/0.1` gives exactly `0.1, 0.2, 0.3`. When LO, HI and STEP are whole numbers the
/// values are written as JSON integers; otherwise with as many decimals as the most precise of
/// the three (at most 6).
///
/// ```swift
/// let axis = try TuningAxis(parsing: "escalation.daysPastDue=30..60/10")
/// axis.values.map(\.text)   // ["30", "40", "50", "60"]
/// ```
public struct TuningAxis: Sendable, Equatable {
    /// The `--vary` text as given.
    public let spec: String
    public let path: PolicyFieldPath
    /// The values, increasing.
    public let values: [JSONNumber]

    /// The hint appended to shape errors.
    static let form = "; write FIELD=LO..HI/STEP, e.g. escalation.daysPastDue=30..60/5"

    /// Values per axis, at most.
    public static let maxValues = 1000
    /// Decimals of LO, HI and STEP, at most.
    public static let maxDecimals = 6

    /// Parses `FIELD=LO..HI/STEP`.
    /// - Throws: `TuningError.badVary` (shape, numbers, LO > HI, STEP ≤ 0, too many values) or
    ///   `TuningError.badPath` for the field.
    /// - Complexity: O(values).
    public init(parsing spec: String) throws(TuningError) {
        self.spec = spec
        guard let equals = spec.firstIndex(of: "=") else {
            throw .badVary(spec: spec, reason: "there is no \"=\" between the field and its range" + Self.form)
        }
        let field = String(spec[..<equals]).trimmingCharacters(in: .whitespaces)
        let range = String(spec[spec.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !field.isEmpty else { throw .badVary(spec: spec, reason: "the field before \"=\" is empty" + Self.form) }
        path = try PolicyFieldPath(parsing: field)
        guard let slash = range.lastIndex(of: "/") else {
            throw .badVary(spec: spec, reason: "the range \"\(range)\" has no \"/STEP\"" + Self.form)
        }
        let bounds = String(range[..<slash])
        let stepText = String(range[range.index(after: slash)...])
        guard let dots = bounds.range(of: "..") else {
            throw .badVary(spec: spec, reason: "the range \"\(bounds)\" has no \"..\" between LO and HI" + Self.form)
        }
        let loText = String(bounds[..<dots.lowerBound]), hiText = String(bounds[dots.upperBound...])
        let lo = try Self.decimal(loText, role: "LO", spec: spec)
        let hi = try Self.decimal(hiText, role: "HI", spec: spec)
        let step = try Self.decimal(stepText, role: "STEP", spec: spec)
        let scale = max(lo.decimals, hi.decimals, step.decimals)
        let loUnits = lo.units(scale: scale), hiUnits = hi.units(scale: scale), stepUnits = step.units(scale: scale)
        guard loUnits <= hiUnits else {
            throw .badVary(spec: spec, reason: "LO \(loText) is greater than HI \(hiText); write the smaller bound first")
        }
        guard stepUnits > 0 else {
            throw .badVary(spec: spec, reason: "STEP \(stepText) is not positive; give a step greater than 0")
        }
        let count = (hiUnits - loUnits) / stepUnits + 1
        guard count <= Int64(Self.maxValues) else {
            throw .badVary(spec: spec, reason: "the range has \(count) values; at most \(Self.maxValues) per field")
        }
        values = (0..<Int(count)).map { k in Self.number(units: loUnits + Int64(k) * stepUnits, scale: scale) }
    }

    /// An exact decimal: `digits` × 10^(−decimals).
    struct Decimal {
        var digits: Int64
        var decimals: Int
        func units(scale: Int) -> Int64 {
            var u = digits
            for _ in decimals..<scale { u *= 10 }
            return u
        }
    }

    /// Reads `-?digits(.digits)?`.
    static func decimal(_ text: String, role: String, spec: String) throws(TuningError) -> Decimal {
        let t = text.trimmingCharacters(in: .whitespaces)
        var body = Substring(t)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (parts.count == 1 && isDigits(parts[0])) || (parts.count == 2 && isDigits(parts[0]) && isDigits(parts[1])) else {
            throw .badVary(spec: spec, reason: "\(role) \"\(t)\" is not a plain decimal number such as 30, -5 or 0.25")
        }
        let decimals = parts.count == 2 ? parts[1].count : 0
        guard decimals <= maxDecimals else {
            throw .badVary(spec: spec, reason: "\(role) \(t) has \(decimals) decimals; at most \(maxDecimals)")
        }
        guard parts[0].count + decimals <= 15, let magnitude = Int64(parts[0] + (parts.count == 2 ? parts[1] : "")) else {
            throw .badVary(spec: spec, reason: "\(role) \(t) is too large")
        }
        return Decimal(digits: negative ? -magnitude : magnitude, decimals: decimals)
    }

    /// The JSON number `units × 10^(−scale)`, written exactly: an integer when `scale` is 0,
    /// otherwise with `scale` decimals, trailing zeros removed (`0.50` → `0.5`).
    static func number(units: Int64, scale: Int) -> JSONNumber {
        guard scale > 0 else { return JSONNumber(Int(units)) }
        let negative = units < 0
        var digits = String(units.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        var whole = String(digits.dropLast(scale)), fraction = String(digits.suffix(scale))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        let text = (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
        return JSONNumber(text: text, value: Double(text) ?? 0)
    }
}
