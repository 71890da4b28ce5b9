import ArgumentParser

/// Parsing of `--seed`, shared by every command that has one.
///
/// Seeds are `UInt64`; with `parsing: .unconditional` a negative value reaches this parser
/// (instead of ArgumentParser's "Missing value", as `-1` looks like a flag), which names the
/// accepted range: "The value '-1' is invalid for '--seed <seed>': a seed is a whole number
/// from 0 to 18446744073709551615".
enum SeedArgument {
    /// The seed `text` spells, or an error giving the range.
    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else { throw ValidationError("a seed is a whole number from 0 to \(UInt64.max)") }
        return seed
    }
}
