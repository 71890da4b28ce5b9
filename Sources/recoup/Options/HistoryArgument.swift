import ArgumentParser
import Foundation
import RecoupPolicy
import RecoupSynthetic

/// `recoup generate --history KIND|FILE.json`: a built-in history kind (`HistoryCadence.builtIn`)
/// or a recoup.policy/v1 file to run as the history.
///
/// A value that names no kind is a file when it ends in `.json` or holds a `/`; anything else is
/// a usage error listing the kinds, so a misspelt kind is not read as a missing file.
enum HistoryArgument: Equatable {
    case kind(String)
    case file(String)

    /// The kinds, in the order the help and errors list them.
    static let kindNames = ["randomised", "fixed", "manual", "tiered"]

    /// Parses `--history`'s value.
    /// - Throws: a message naming the value and the kinds when it is neither.
    static func parse(_ text: String) throws -> HistoryArgument {
        if HistoryCadence.builtIn[text] != nil { return .kind(text) }
        if text.hasSuffix(".json") || text.contains("/") { return .file(text) }
        throw ValidationError(unknownMessage(text))
    }

    /// The message for a value that names neither a kind nor a file.
    static func unknownMessage(_ value: String) -> String {
        "unknown --history '\(value)': use one of \(kindNames.joined(separator: ", ")) or a recoup.policy/v1 FILE.json"
    }

    /// The history to generate: a built-in kind, or the file loaded under `trust` (signed by a
    /// trusted key, or `--unverified`) and validated by making its decision engine.
    /// - Returns: the history and whether its policy is verified (true for a built-in kind).
    func cadence(trust: PolicyTrust) throws -> (HistoryCadence, isVerified: Bool) {
        switch self {
        case .kind(let name):
            guard let cadence = HistoryCadence.builtIn[name] else { throw UserFacingError(HistoryArgument.unknownMessage(name)) }
            return (cadence, true)
        case .file(let path):
            let document = try trust.load(path)
            do {
                return (.policy(try PolicyEngine(document.policy)), document.signatureStatus.isVerified)
            } catch {
                throw UserFacingError("\(path): \(error)")
            }
        }
    }
}
