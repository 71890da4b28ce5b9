/// Business-day arithmetic on `Day` ordinals (Monday–Friday; no holidays).
public enum BusinessDays {
    /// Weekdays among the days with ordinal < `ordinal` counted from a fixed Monday (an offset
    /// that cancels in differences).
    @inlinable static func weekdaysBefore(_ ordinal: Int) -> Int {
        let m = ordinal - 4  // 1970-01-05 (ordinal 4) was a Monday
        let weeks = m >= 0 ? m / 7 : (m - 6) / 7
        let r = m - weeks * 7
        return weeks * 5 + min(r, 5)
    }

    /// The number of business days in (`from`, `to`]; 0 when `to <= from`.
    @inlinable public static func between(_ from: Day, _ to: Day) -> Int {
        guard to > from else { return 0 }
        return weekdaysBefore(to.ordinal + 1) - weekdaysBefore(from.ordinal + 1)
    }
}
