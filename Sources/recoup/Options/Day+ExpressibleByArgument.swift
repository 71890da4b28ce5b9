import ArgumentParser
import RecoupPolicy

/// Day options (`--as-of`, `--from`, `--to`, `--date`) are ISO `YYYY-MM-DD`; anything else is a
/// usage error (exit 2) naming the option.
extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        guard let day = try? Day(iso: argument) else { return nil }
        self = day
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}
