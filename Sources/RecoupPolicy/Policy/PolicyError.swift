/// Why a policy file (or key file) was refused. Every message quotes the bad value, says where
/// it is (line and column, or JSON path) and what to do.
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is larger than a policy can be.
    case tooLarge(bytes: Int, limit: Int)
    /// Not well-formed JSON (or refused by the strict parser: duplicate member, NaN, depth, …).
    case syntax(line: Int, column: Int, path: String, reason: String)
    /// Well-formed JSON that is not a `recoup.policy/v1` document: unknown field, wrong type,
    /// unknown vocabulary, missing required field.
    case field(path: String, reason: String)
    /// Decoded but invalid: every problem found, in document order.
    case invalid([PolicyProblem])
    /// The signature is missing, malformed, from an untrusted key, or does not verify.
    case signature(String)
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// The policy has no `signature` member (never signed, or its signature was removed) and
    /// a signature is required.
    case unsigned
    /// The policy is signed by a key that is not among the trusted keys (their ids listed), so
    /// its signature cannot be checked.
    case untrustedKey(keyId: String, trusted: [String])
    /// A key file (or trust-store entry) was refused: wrong kind, malformed, unreadable.
    case keyFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            return "the file is \(bytes) bytes; a policy file is at most \(limit) bytes. Is this the right file?"
        case .syntax(let line, let column, let path, let reason):
            return "line \(line), column \(column) (at \(path)): \(reason)"
        case .field(let path, let reason):
            return "\(path): \(reason)"
        case .invalid(let problems):
            let list = problems.map { "  \($0)" }.joined(separator: "\n")
            return "the policy is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n" + list
        case .signature(let reason):
            return "signature: \(reason)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .unsigned:
            return "the policy is not signed (or its signature was removed); only a policy signed by a trusted key is used: sign it with `recoup policy sign --key KEY`"
        case .untrustedKey(let keyId, let trusted):
            let known = trusted.isEmpty ? "none given" : trusted.joined(separator: ", ")
            return "the policy is signed by key \(keyId), which is not a trusted key (trusted: \(known)), so its signature cannot be checked; give that key's public key file"
        case .keyFile(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}

/// One validation problem: where (JSON path) and what is wrong, with the bad value quoted.
public struct PolicyProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}
