import RecoupPolicy

/// How dates are written in an imported file.
///
/// `.iso` is the bundle format (`YYYY-MM-DD`; `at` columns also take ISO date-times, whose time
/// is ignored). A pattern such as `M/d/yyyy` or `d.M.yyyy` is for other exports: `d` and `M`
/// take one or two digits, `dd` and `MM` exactly two, `yyyy` four, and every other character
/// must appear as written. A pattern may go on with a time of day (`yyyy-MM-dd HH:mm`,
/// `M/d/yyyy H:mm:ss`): `H`/`HH` (or `h`/`hh`) hours, `mm` minutes, `ss` seconds are read and
/// checked, and the calendar day is kept as written (no time-zone shift). `.unixSeconds`
/// (`"unix"` in a mapping) is a count of seconds since 1970-01-01T00:00:00Z, kept as its UTC day.
///
/// Day-first and month-first dates are never guessed: `dd/MM/yyyy` and `MM/dd/yyyy` read
/// `01/02/2026` as 1 February and 2 January respectively.
public enum DateFormat: Sendable, Equatable, CustomStringConvertible {
    case iso
    case pattern(String)
    /// Seconds since the Unix epoch (Stripe's API and some exports), kept as the UTC day.
    case unixSeconds

    /// Parses a pattern; `YYYY-MM-DD` or `yyyy-MM-dd` give `.iso`.
    /// - Throws: `LedgerImportError.invalidMapping` when the pattern has no `yyyy`, `M` or `d`.
    public init(pattern: String) throws(LedgerImportError) {
        if pattern == "yyyy-MM-dd" || pattern == "YYYY-MM-DD" {
            self = .iso
            return
        }
        if pattern == "unix" {
            self = .unixSeconds
            return
        }
        let tokens = DateFormat.tokens(pattern)
        let names = tokens.compactMap { if case .field(let f) = $0 { return f.kind } else { return nil } }
        guard names.filter({ $0 == .year }).count == 1, names.filter({ $0 == .month }).count == 1,
            names.filter({ $0 == .day }).count == 1
        else {
            throw .invalidMapping(path: "dateFormat",
                reason: "\"\(pattern)\" is not a date pattern with one each of yyyy, M (or MM) and d (or dd), such as M/d/yyyy (or \"unix\" for seconds since 1970)")
        }
        self = .pattern(pattern)
    }

    public var description: String {
        switch self {
        case .iso: return "YYYY-MM-DD"
        case .pattern(let p): return p
        case .unixSeconds: return "unix seconds"
        }
    }

    enum FieldKind { case year, month, day, hour, minute, second }
    struct Field { var kind: FieldKind; var minDigits: Int; var maxDigits: Int }
    enum Token { case field(Field), literal(UInt8) }

    static func tokens(_ pattern: String) -> [Token] {
        var result: [Token] = []
        let bytes = Array(pattern.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            var run = 1
            while i + run < bytes.count, bytes[i + run] == b { run += 1 }
            switch b {
            case UInt8(ascii: "y"), UInt8(ascii: "Y"):
                result.append(.field(Field(kind: .year, minDigits: 4, maxDigits: 4)))
            case UInt8(ascii: "M"):
                result.append(.field(Field(kind: .month, minDigits: run >= 2 ? 2 : 1, maxDigits: 2)))
            case UInt8(ascii: "d"), UInt8(ascii: "D"):
                result.append(.field(Field(kind: .day, minDigits: run >= 2 ? 2 : 1, maxDigits: 2)))
            case UInt8(ascii: "H"), UInt8(ascii: "h"):
                result.append(.field(Field(kind: .hour, minDigits: run >= 2 ? 2 : 1, maxDigits: 2)))
            case UInt8(ascii: "m"):
                result.append(.field(Field(kind: .minute, minDigits: 2, maxDigits: 2)))
            case UInt8(ascii: "s"):
                result.append(.field(Field(kind: .second, minDigits: 2, maxDigits: 2)))
            default:
                for _ in 0..<run { result.append(.literal(b)) }
            }
            i += run
        }
        return result
    }
}

/// Parsing a day straight from a field's bytes.
enum DayBytes {
    enum Failure: Error { case malformed, nonexistent }

    /// The day written in `bytes[range]` in `format`; `allowTime` accepts an ISO date-time.
    static func parse(_ bytes: [UInt8], _ range: Range<Int>, format: DateFormat, tokens: [DateFormat.Token],
                      allowTime: Bool) -> Result<Day, Failure> {
        switch format {
        case .iso:
            let n = range.count
            let s = range.lowerBound
            guard n >= 10, bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-") else {
                return .failure(.malformed)
            }
            if n > 10 {
                let t = bytes[s + 10]
                guard allowTime, t == UInt8(ascii: "T") || t == UInt8(ascii: " "), n >= 13 else {
                    return .failure(.malformed)
                }
            }
            func number(_ a: Int, _ b: Int) -> Int? {
                var v = 0
                for i in (s + a)..<(s + b) {
                    let d = bytes[i]
                    guard d >= 48, d <= 57 else { return nil }
                    v = v * 10 + Int(d - 48)
                }
                return v
            }
            guard let y = number(0, 4), let m = number(5, 7), let d = number(8, 10) else {
                return .failure(.malformed)
            }
            guard let day = Day(year: y, month: m, day: d) else { return .failure(.nonexistent) }
            return .success(day)
        case .unixSeconds:
            var seconds: Int64 = 0
            guard !range.isEmpty, range.count <= 12 else { return .failure(.malformed) }
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return .failure(.malformed) }
                seconds = seconds * 10 + Int64(b - 48)
            }
            return .success(Day(ordinal: Int(seconds / 86_400)))
        case .pattern:
            var i = range.lowerBound
            var y = -1, m = -1, d = -1
            var timeOK = true
            for token in tokens {
                switch token {
                case .literal(let l):
                    guard i < range.upperBound, bytes[i] == l else { return .failure(.malformed) }
                    i += 1
                case .field(let f):
                    var v = 0, digits = 0
                    while digits < f.maxDigits, i < range.upperBound, bytes[i] >= 48, bytes[i] <= 57 {
                        v = v * 10 + Int(bytes[i] - 48)
                        digits += 1
                        i += 1
                    }
                    guard digits >= f.minDigits else { return .failure(.malformed) }
                    switch f.kind {
                    case .year: y = v
                    case .month: m = v
                    case .day: d = v
                    case .hour: timeOK = timeOK && v <= 23
                    case .minute: timeOK = timeOK && v <= 59
                    case .second: timeOK = timeOK && v <= 60
                    }
                }
            }
            guard i == range.upperBound, timeOK else { return .failure(.malformed) }
            guard let day = Day(year: y, month: m, day: d) else { return .failure(.nonexistent) }
            return .success(day)
        }
    }
}

/// Parsing an amount straight from a field's bytes, exactly, without floating point.
enum MoneyBytes {
    /// The amount in `bytes[range]`, or the `MoneyParseError` that `Money(decimal:)` gives.
    static func parse(_ bytes: [UInt8], _ range: Range<Int>, decimalSeparator: UInt8) -> Result<Money, MoneyParseError> {
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = 0
        var negative = false, sawDigit = false, sawSeparator = false, ok = true
        var i = range.lowerBound
        if i < range.upperBound, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        while i < range.upperBound {
            let b = bytes[i]
            i += 1
            if b == decimalSeparator {
                if sawSeparator { ok = false; break }
                sawSeparator = true
                continue
            }
            guard b >= 48, b <= 57 else { ok = false; break }
            sawDigit = true
            if sawSeparator {
                fractionDigits += 1
                if fractionDigits > 2 { ok = false; break }
                fraction = fraction * 10 + Int64(b - 48)
            } else {
                if whole > 90_000_000_000_000_000 / 100 { ok = false; break }
                whole = whole * 10 + Int64(b - 48)
            }
        }
        if ok, sawDigit, whole <= 90_000_000_000_000_000 / 100 {
            if fractionDigits == 1 { fraction *= 10 }
            let total = whole * 100 + fraction
            return .success(Money(minorUnits: negative ? -total : total))
        }
        // The slow path gives the exact error (and the rare huge-but-valid amounts).
        let text = String(decoding: bytes[range], as: UTF8.self)
        do { return .success(try Money(decimal: text, decimalSeparator: decimalSeparator)) } catch {
            return .failure(error)
        }
    }
}
