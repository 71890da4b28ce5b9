/// Monday-to-Friday business-day arithmetic (no holidays): the clock of the contact stocks'
/// half-lives, shared by the payment-response model, the replay and the synthetic world so that
/// all three age a contact the same way.
public enum BusinessCalendar {
    /// The number of business days among the days with ordinal ≤ `ordinal`, counted from the
    /// Monday 1970-01-05 (ordinal 4; an offset that cancels in differences). A Saturday and a
    /// Sunday have the index of the Friday before.
    @inlinable public static func index(ordinal: Int) -> Int {
        let m = ordinal + 1 - 4
        let weeks = m >= 0 ? m / 7 : (m - 6) / 7
        let r = m - weeks * 7
        return weeks * 5 + min(r, 5)
    }

    /// `index(ordinal:)` of a day.
    @inlinable public static func index(_ day: Day) -> Int { index(ordinal: day.ordinal) }

    /// The number of business days in (`from`, `to`]; 0 when `to <= from`.
    ///
    /// A contact on a Friday is 1 business day old on the following Monday (and still 0 on the
    /// weekend in between).
    @inlinable public static func businessDays(from: Day, to: Day) -> Int {
        to > from ? index(to) - index(from) : 0
    }
}
