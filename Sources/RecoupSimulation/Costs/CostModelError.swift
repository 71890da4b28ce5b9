/// Why a cost file (`--costs`) was refused.
public enum CostModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not JSON.
    case malformedJSON(file: String, reason: String)
    /// A key the cost model does not know (a typo would otherwise be ignored silently).
    case unknownKey(file: String, path: String)
    /// A value of the wrong type or out of range.
    case invalidValue(file: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read the cost file: \(reason)"
        case .malformedJSON(let file, let reason): return "\(file): not valid JSON: \(reason)"
        case .unknownKey(let file, let path):
            return "\(file): unknown key \"\(path)\"; see docs/costs.md for the keys a cost file may set"
        case .invalidValue(let file, let path, let reason): return "\(file): \(path): \(reason)"
        }
    }

    /// The same error attributed to `file`.
    func inFile(_ file: String) -> CostModelError {
        switch self {
        case .unreadable(_, let r): return .unreadable(file: file, reason: r)
        case .malformedJSON(_, let r): return .malformedJSON(file: file, reason: r)
        case .unknownKey(_, let p): return .unknownKey(file: file, path: p)
        case .invalidValue(_, let p, let r): return .invalidValue(file: file, path: p, reason: r)
        }
    }
}
