/// Monday-to-Friday arithmetic for the contact stocks' half-lives (no holidays), matching the
/// payment-response model's business calendar.
enum BusinessDays {
    /// Business days among ordinals ≤ `ordinal`, counted from Monday 1970-01-05 (ordinal 4);
    /// only differences matter. A Saturday and Sunday have the index of the Friday before.
    @inline(__always) static func index(_ ordinal: Int) -> Int {
        let m = ordinal + 1 - 4
        let weeks = m >= 0 ? m / 7 : (m - 6) / 7
        let r = m - weeks * 7
        return weeks * 5 + min(r, 5)
    }
}
