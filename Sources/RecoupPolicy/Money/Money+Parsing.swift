/// Why a text is not an amount of money.
public enum MoneyParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a decimal number (letters, two signs, thousands separators, an empty field, …).
    case malformed(String)
    /// More than two decimals: the ledger holds minor units exactly and will not round silently.
    case tooManyDecimals(String)
    /// Too large to hold in 64-bit minor units (beyond ±92 233 720 368 547 758.07).
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let t): return "\"\(Money.excerpt(t))\" is not a decimal amount such as 1234.50"
        case .tooManyDecimals(let t): return "\"\(Money.excerpt(t))\" has more than 2 decimals"
        case .outOfRange(let t): return "\"\(Money.excerpt(t))\" is too large an amount"
        }
    }
}

extension Money {
    /// Parses decimal text such as `1234.50`, `-12`, `0.5` or `+3.07` into exact minor units,
    /// without passing through floating point.
    ///
    /// - Parameter decimalSeparator: `.` (default) or `,` for exports that write `1234,50`.
    /// - Throws: `MoneyParseError` for anything but an optional sign, digits and at most one
    ///   separator followed by at most two digits.
    public init(decimal text: String, decimalSeparator: UInt8 = UInt8(ascii: ".")) throws(MoneyParseError) {
        var negative = false
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDigit = false
        var sawSeparator = false
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            if index == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                negative = byte == UInt8(ascii: "-")
                continue
            }
            if byte == decimalSeparator {
                guard !sawSeparator else { throw .malformed(text) }
                sawSeparator = true
                continue
            }
            guard byte >= 48, byte <= 57 else { throw .malformed(text) }
            sawDigit = true
            let digit = Int64(byte - 48)
            if sawSeparator {
                fractionDigits += 1
                guard fractionDigits <= 2 else { throw .tooManyDecimals(text) }
                fraction = fraction * 10 + digit
            } else {
                let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times10.addingReportingOverflow(digit)
                guard !o1, !o2 else { throw .outOfRange(text) }
                whole = plus
            }
        }
        guard sawDigit else { throw .malformed(text) }
        if fractionDigits == 1 { fraction *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: Money.minorUnitsPerUnit)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        guard !o1, !o2 else { throw .outOfRange(text) }
        minorUnits = negative ? -total : total
    }

    /// At most 40 characters of `text`, so an error about a huge field stays one readable line.
    static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(37)) + "…"
    }
}
