import ArgumentParser
import RecoupPolicy

/// Day options (`--as-of`, `--from`, `--to`, `--date`, `--until`, `--end`) are ISO
/// `YYYY-MM-DD` days in `LedgerLimits.supportedDays` (1900-01-01 to 2199-12-31), so no command
/// loops over an implausible span; anything else is a usage error (exit 2) naming the option.
extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        guard let day = try? Day.argument(argument) else { return nil }
        self = day
    }

    public static var defaultCompletionKind: CompletionKind { .default }

    /// Parses a day option's value (`@Option(transform: Day.argument)`): ArgumentParser then
    /// says "The value '…' is invalid for '--to <to>': " followed by this error's reason.
    /// - Throws: `DayArgumentError` for a malformed day or one outside the supported days.
    static func argument(_ text: String) throws -> Day {
        let day: Day
        do { day = try Day(iso: text) } catch { throw DayArgumentError(reason: "\(error)") }
        guard LedgerLimits.supportedDays.contains(day) else {
            throw DayArgumentError(reason: "\(text) is outside the supported days, \(LedgerLimits.supportedDaysText)")
        }
        return day
    }
}

/// Why a day option's value was refused.
struct DayArgumentError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
