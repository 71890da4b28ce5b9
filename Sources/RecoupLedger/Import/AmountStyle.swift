/// How a mapped export writes its amounts, beyond the bundle's plain `1234.50`: thousands
/// separators (`3,477.84`), currency signs (`$3,477.84`, `3 477,84 €`), negatives in
/// parentheses (`(120.00)`), and whole minor units (Stripe's cents, `347784`).
///
/// `canonical(_:)` turns such a text into the bundle's form (`-120.00`), exactly, on integers
/// only: the row checker then applies the bundle's rules (greater than 0, within the limits)
/// to it. The bundle path never uses this type; only `--map` and the presets do.
struct AmountStyle: Sendable, Equatable {
    /// `.` or `,`.
    var decimalSeparator: UInt8 = UInt8(ascii: ".")
    /// The grouping character (`,`, `.`, space or `'`), nil when the export writes none.
    var thousandsSeparator: UInt8?
    /// Strip one currency sign (`$ € £ ¥`, or a three-letter code such as `USD`) before or
    /// after the number.
    var currencySymbols = false
    /// `(120.00)` is -120.00.
    var negativeParentheses = false
    /// The text is a whole number of minor units (cents): `347784` is 3,477.84.
    var minorUnits = false

    /// Whether the text needs no conversion at all (the bundle's own form).
    var isPlain: Bool {
        decimalSeparator == UInt8(ascii: ".") && thousandsSeparator == nil && !currencySymbols
            && !negativeParentheses && !minorUnits
    }

    /// Why a text is not an amount in this style.
    enum Failure: Error, Equatable {
        case malformed(String)
        case tooLarge
    }

    private static let signs: [String] = ["US$", "$", "€", "£", "¥"]

    /// The amount in minor units that `text` spells in this style.
    func minorUnits(_ text: String) -> Result<Int64, Failure> {
        var body = Substring(text).trimming(" \u{A0}\t")
        var negative = false
        if negativeParentheses, body.hasPrefix("("), body.hasSuffix(")"), body.count >= 2 {
            negative = true
            body = body.dropFirst().dropLast().trimming(" \u{A0}")
        }
        func takeSign() {
            if body.hasPrefix("-") { negative.toggle(); body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        }
        takeSign()
        if currencySymbols {
            var stripped = false
            for sign in Self.signs {
                if body.hasPrefix(sign) { body = body.dropFirst(sign.count); stripped = true; break }
                if body.hasSuffix(sign) { body = body.dropLast(sign.count); stripped = true; break }
            }
            if !stripped, body.count > 4 {
                // A code: "USD 12.00" or "12.00 USD".
                let head = body.prefix(3), tail = body.suffix(3)
                if head.allSatisfy(\.isLetter), body.dropFirst(3).first == " " { body = body.dropFirst(4) }
                else if tail.allSatisfy(\.isLetter), body.dropLast(3).last == " " { body = body.dropLast(4) }
            }
            body = body.trimming(" \u{A0}")
            if !negative { takeSign() }
        }
        guard !body.isEmpty else { return .failure(.malformed("no digits")) }
        var bytes = Array(body.utf8)
        if let separator = thousandsSeparator {
            let integerEnd = minorUnits ? bytes.count : (bytes.firstIndex(of: decimalSeparator) ?? bytes.count)
            let groups = bytes[..<integerEnd].split(separator: separator, omittingEmptySubsequences: false)
            if groups.count > 1 {
                guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                    return .failure(.malformed("the thousands separator \"\(Character(Unicode.Scalar(separator)))\" must group three digits"))
                }
                bytes = Array(groups.joined()) + Array(bytes[integerEnd...])
            }
        }
        if minorUnits {
            guard bytes.count <= 18, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                return bytes.count > 18 ? .failure(.tooLarge) : .failure(.malformed("amounts are whole minor units (cents), such as 347784"))
            }
            let value = bytes.reduce(Int64(0)) { $0 * 10 + Int64($1 - 48) }
            return .success(negative ? -value : value)
        }
        guard bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == decimalSeparator }) else {
            return .failure(.malformed("only digits\(thousandsSeparator == nil ? "" : ", thousands separators") and one decimal \(decimalSeparator == UInt8(ascii: ",") ? "comma" : "point")\(currencySymbols ? " with a currency sign" : "") are allowed"))
        }
        switch MoneyBytes.parse(bytes, 0..<bytes.count, decimalSeparator: decimalSeparator) {
        case .success(let money): return .success(negative ? -money.minorUnits : money.minorUnits)
        case .failure(.outOfRange): return .failure(.tooLarge)
        case .failure(let error): return .failure(.malformed(error.description))
        }
    }

    /// `minorUnits` in the bundle's form: `-120.00`, `3477.84`.
    static func canonical(_ minorUnits: Int64) -> [UInt8] {
        let magnitude = minorUnits.magnitude
        let whole = String(magnitude / 100), cents = magnitude % 100
        return Array(((minorUnits < 0 ? "-" : "") + whole + "." + (cents < 10 ? "0" : "") + String(cents)).utf8)
    }

    /// What the style accepts, for messages.
    var described: String {
        var parts: [String] = []
        if minorUnits { parts.append("whole minor units (cents)") } else {
            parts.append("decimal \(decimalSeparator == UInt8(ascii: ",") ? "comma" : "point")")
        }
        if let t = thousandsSeparator { parts.append("thousands separator \"\(Character(Unicode.Scalar(t)))\"") }
        if currencySymbols { parts.append("currency signs") }
        if negativeParentheses { parts.append("(negatives) in parentheses") }
        return parts.joined(separator: ", ")
    }
}

extension Substring {
    /// Without the leading and trailing characters of `set`.
    func trimming(_ set: String) -> Substring {
        var slice = self
        while let f = slice.first, set.contains(f) { slice = slice.dropFirst() }
        while let l = slice.last, set.contains(l) { slice = slice.dropLast() }
        return slice
    }
}
