/// Why a text is not a calendar day.
public enum DayParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not of the form `YYYY-MM-DD` (optionally followed by a time for date-times).
    case malformed(String)
    /// Well-formed but not a real day, such as `2026-02-30`.
    case nonexistent(String)

    public var description: String {
        switch self {
        case .malformed(let text): return "\"\(text)\" is not a date of the form YYYY-MM-DD"
        case .nonexistent(let text): return "\"\(text)\" is not a day of the calendar"
        }
    }
}

extension Day {
    /// Parses an ISO `YYYY-MM-DD` date.
    ///
    /// With `allowTime`, an ISO date-time (`2026-03-01T14:05:00Z`, `2026-03-01 14:05`) is also
    /// accepted and its calendar date kept as written: the time and any offset are ignored, so
    /// the day a person saw on the record is the day Recoup uses.
    /// - Throws: `DayParseError`.
    public init(iso text: String, allowTime: Bool = false) throws(DayParseError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
        else { throw .malformed(text) }
        if bytes.count > 10 {
            guard allowTime, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
                bytes.count >= 13
            else { throw .malformed(text) }
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else {
            throw .malformed(text)
        }
        guard let day = Day(year: y, month: m, day: d) else { throw .nonexistent(text) }
        self = day
    }
}
