import RecoupPolicy

/// A policy as the replay runs it: the rules of a policy file through `PolicyEngine`, or the
/// history's own actions replayed as they were logged (the back-test).
public struct ReplayPolicy: Sendable {
    /// What drives the contacts.
    public enum Kind: Sendable {
        /// The logged actions, on their days, in their channels, tones and actors: the history
        /// "as logged" (`Simulation.project` replaces it by `estimatedHistory` for the `history`
        /// row and keeps it for the second line of the back-test).
        case history
        /// The firm's policy estimated from its actions (`HistoryPolicy`), replayed as a
        /// stochastic policy: the history "as a policy".
        case estimatedHistory(HistoryPolicy)
        /// A policy's rules (SPEC §4).
        case rules(PolicyEngine)
    }

    /// The name shown in tables and the `policy` field of SPEC §6.
    public var name: String
    /// Whether the policy file's signature was verified against a trusted key. The built-in
    /// `history` and `none` have no file and count as verified; a policy file loaded with
    /// `SignatureRequirement.unverifiedForAnalysis` (`--unverified`) sets it false, and every
    /// output then marks the policy (`SimulationReport.Projection.isVerified`).
    public var isVerified = true
    public var kind: Kind {
        didSet { usesRisk = ReplayPolicy.usesRisk(kind) }
    }
    /// Whether tiers depend on the risk features (so the replay keeps each client's history).
    /// Stored: the replay asks once per client and run, and deriving it copies the engine.
    private(set) var usesRisk: Bool

    /// The built-in `history` policy.
    public static let history = ReplayPolicy(name: "history", kind: .history)

    /// The built-in `none` policy: no reminders at all (autonomous, one tier, no steps, no
    /// escalation, write-off after 120 days past due).
    public static var none: ReplayPolicy {
        let policy = Policy(name: "none", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": []])
        // A one-tier policy with an empty cadence and the defaults is valid by construction.
        guard let engine = try? PolicyEngine(policy) else { preconditionFailure("the built-in none policy failed validation") }
        return ReplayPolicy(name: "none", kind: .rules(engine))
    }

    /// A policy's rules.
    /// - Throws: `PolicyError.invalid` when the policy fails validation.
    public init(policy: Policy) throws(PolicyError) {
        name = policy.name
        kind = .rules(try PolicyEngine(policy))
        usesRisk = ReplayPolicy.usesRisk(kind)
    }

    init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
        usesRisk = ReplayPolicy.usesRisk(kind)
    }

    /// The same policy with its engine's tables in storage of its own, for one worker thread:
    /// every copy of an engine retains its tables, and two threads retaining one shared buffer
    /// contend for its reference count.
    func threadCopy() -> ReplayPolicy {
        if case .estimatedHistory(let estimated) = kind {
            var threadPolicy = ReplayPolicy(name: name, kind: .estimatedHistory(estimated.threadCopy()))
            threadPolicy.isVerified = isVerified
            return threadPolicy
        }
        guard case .rules(let engine) = kind, let copy = try? PolicyEngine(engine.policy) else { return self }
        var threadPolicy = ReplayPolicy(name: name, kind: .rules(copy))
        threadPolicy.isVerified = isVerified
        return threadPolicy
    }

    /// `autonomous`, `copilot`, `manual`, or `history`.
    public var mode: String {
        switch kind {
        case .history, .estimatedHistory: return "history"
        case .rules(let engine): return engine.policy.mode.rawValue
        }
    }

    /// Whether this is the firm's own history, as logged or as an estimated policy.
    public var isHistory: Bool {
        switch kind {
        case .history, .estimatedHistory: return true
        case .rules: return false
        }
    }

    /// Whether the logged actions are replayed as they happened.
    public var isLoggedHistory: Bool {
        if case .history = kind { return true }
        return false
    }

    /// The same history replayed as the policy estimated from `ledger` (`HistoryPolicy`); any
    /// other policy unchanged.
    public func estimated(from policy: HistoryPolicy) -> ReplayPolicy {
        guard isLoggedHistory else { return self }
        var copy = ReplayPolicy(name: name, kind: .estimatedHistory(policy))
        copy.isVerified = isVerified
        return copy
    }

    /// The engine, when rules drive the contacts.
    var engine: PolicyEngine? {
        if case .rules(let e) = kind { return e }
        return nil
    }

    private static func usesRisk(_ kind: Kind) -> Bool {
        guard case .rules(let e) = kind, let model = e.policy.riskModel else { return false }
        return e.policy.tiers.count > 1 && !model.features.isEmpty
    }
}
