/// The bounds every ledger value and argument lies within, so that every report can sum,
/// subtract and multiply what the store holds without overflow, and every computation's time
/// grows with the number of rows, not with a calendar span someone mistyped
/// (docs/security.md states them for users).
///
/// The figures are policy, chosen once here and quoted in the messages that enforce them:
/// - an amount (invoice, payment, adjustment, deposit, promise) is at most
///   `maxAmount` = 1,000,000,000.00 in absolute value (10^11 minor units): no small firm's
///   invoice comes near it, and 10^6 such rows still sum to 10^17, far inside `Int64`;
/// - the total of one table's amounts stays at most `maxTableTotal` (10^17 minor units), so any
///   sum over a subset of a table, and the difference of two such sums, fits in `Int64` with a
///   factor 90 to spare;
/// - a day (ledger dates and day arguments) lies in `supportedDays`, 1900-01-01 through
///   2199-12-31.
public enum LedgerLimits {
    /// The largest absolute amount of one ledger row, in minor units (1,000,000,000.00).
    public static let maxAmountMinorUnits: Int64 = 100_000_000_000
    /// The largest total of one table's amounts, in minor units (1,000,000,000,000,000.00).
    public static let maxTableTotalMinorUnits: Int64 = 100_000_000_000_000_000
    /// The first day a ledger date or a day argument may be.
    public static let earliestDay = Day.constant(year: 1900, month: 1, day: 1)
    /// The last day a ledger date or a day argument may be.
    public static let latestDay = Day.constant(year: 2199, month: 12, day: 31)
    /// `earliestDay ... latestDay`.
    public static var supportedDays: ClosedRange<Day> { earliestDay ... latestDay }

    /// The largest amount as text, for messages ("1,000,000,000.00").
    public static let maxAmountText = "1,000,000,000.00"
    /// The supported days as text, for messages ("1900-01-01 to 2199-12-31").
    public static var supportedDaysText: String { "\(earliestDay.iso) to \(latestDay.iso)" }
}

extension Day {
    /// A day written in the source as a constant; a nonexistent date there is a programming
    /// error, not a user's.
    static func constant(year: Int, month: Int, day: Int) -> Day {
        guard let value = Day(year: year, month: month, day: day) else {
            preconditionFailure("\(year)-\(month)-\(day) is not a calendar day")
        }
        return value
    }
}
