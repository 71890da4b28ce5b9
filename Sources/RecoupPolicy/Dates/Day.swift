/// A calendar day with no time of day and no time zone: the unit every date in Recoup is in.
///
/// Stored as the number of days since 1970-01-01 in the proleptic Gregorian calendar, so
/// differences are exact day counts (`dueOn - issuedOn` is the invoice's terms) and no
/// time-zone conversion can ever move a date.
///
/// ```swift
/// let due = try Day(iso: "2026-03-31")
/// let dpd = try Day(iso: "2026-04-15") - due   // 15 days past due
/// ```
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var ordinal: Int

    /// The day `ordinal` days after 1970-01-01.
    @inlinable public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day with the given civil year, month (1–12) and day of month, or `nil` when it does
    /// not exist (2026-02-30, month 13, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month)
        else { return nil }
        self.ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    @inlinable public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }
    /// The number of days from `rhs` to `lhs`.
    @inlinable public static func - (lhs: Day, rhs: Day) -> Int { lhs.ordinal - rhs.ordinal }
    /// The day `rhs` days after `lhs`.
    @inlinable public static func + (lhs: Day, rhs: Int) -> Day { Day(ordinal: lhs.ordinal + rhs) }
    /// The day `rhs` days before `lhs`.
    @inlinable public static func - (lhs: Day, rhs: Int) -> Day { Day(ordinal: lhs.ordinal - rhs) }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1–12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a valid civil date (era-based day count over 400-year cycles).
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9  // March = 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil year, month (1–12) and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday.
    @inlinable public var isoWeekday: Int {
        let r = (ordinal + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// Saturday or Sunday.
    @inlinable public var isWeekend: Bool { isoWeekday >= 6 }

    /// This day if it is Monday–Friday, else the next Monday.
    @inlinable public var nextBusinessDay: Day {
        switch isoWeekday {
        case 6: return self + 2
        case 7: return self + 1
        default: return self
        }
    }

    /// The first day of this day's month.
    public var startOfMonth: Day {
        let c = components
        return Day(ordinal: Day.ordinal(year: c.year, month: c.month, day: 1))
    }

    /// The number of days in this day's month.
    public var daysInMonth: Int {
        let c = components
        return Day.daysInMonth(year: c.year, month: c.month)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public var description: String { iso }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try Day(iso: text) } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date YYYY-MM-DD, got \"\(text)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
