/// Monday-to-Friday business-day arithmetic (no holidays), used by the contact stocks'
/// half-lives.
public enum BusinessCalendar {
    /// The number of business days in the days with ordinal ≤ `day`, counted from the Monday
    /// 1970-01-05 (an offset that cancels in differences).
    @inlinable public static func index(_ day: Day) -> Int {
        let m = day.ordinal + 1 - 4  // days before day + 1, from Monday 1970-01-05 (ordinal 4)
        let weeks = m >= 0 ? m / 7 : (m - 6) / 7
        let r = m - weeks * 7
        return weeks * 5 + min(r, 5)
    }

    /// The number of business days in (`from`, `to`]; 0 when `to <= from`.
    ///
    /// A contact on a Friday is 1 business day old on the following Monday (and still 0 on the
    /// weekend in between).
    @inlinable public static func businessDays(from: Day, to: Day) -> Int {
        to > from ? index(to) - index(from) : 0
    }
}
