import RecoupPolicy

/// Why a simulation cannot run, each with what to do about it.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No invoice was issued in the window.
    case emptyWindow(from: Day?, to: Day?)
    /// `from` is after `to`.
    case badWindow(from: Day, to: Day)
    /// `--runs` outside 1…10000.
    case badRuns(Int)
    /// No policy to simulate.
    case noPolicies
    /// The behaviour (fitted models) is unusable.
    case badBehaviour([String])
    /// A costs file is malformed.
    case badCosts(path: String, reason: String)
    /// A policy file could not be used.
    case badPolicy(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptyWindow(let from, let to):
            return "no invoice was issued in the window \(from?.iso ?? "start")…\(to?.iso ?? "end"); widen --from/--to or import invoices"
        case .badWindow(let from, let to):
            return "--from \(from.iso) is after --to \(to.iso); swap them"
        case .badRuns(let runs):
            return "--runs \(runs) is out of range; use 1…10000"
        case .noPolicies:
            return "no policy given; pass --policy history, --policy none or a policy file"
        case .badBehaviour(let problems):
            return "the payment-response model is unusable: \(problems.joined(separator: "; ")); run recoup train again"
        case .badCosts(let path, let reason):
            return "\(path): \(reason)"
        case .badPolicy(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
