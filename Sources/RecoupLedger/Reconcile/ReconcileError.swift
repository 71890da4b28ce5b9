import RecoupPolicy

/// Why a reconciliation could not be made; each message says what to do.
public enum ReconcileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `from` is after `to`.
    case emptyWindow(from: Day, to: Day)
    /// An option is out of its range (a negative tolerance or window, a zero search bound).
    case invalidOption(name: String, reason: String)
    /// The store could not be read.
    case store(LedgerStoreError)

    public var description: String {
        switch self {
        case .emptyWindow(let from, let to):
            return "--from \(from.iso) is after --to \(to.iso); give a window whose first day is on or before its last"
        case .invalidOption(let name, let reason):
            return "reconcile: \(name) \(reason)"
        case .store(let error):
            return error.description
        }
    }
}
