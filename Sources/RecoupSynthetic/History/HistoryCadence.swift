import RecoupSimulation
import RecoupPolicy

/// Who chased the synthetic firm's invoices in its past: the policy the history (actions.csv,
/// timesheet.csv) is written under (`recoup generate --history`, docs/synthetic-world.md).
///
/// ```swift
/// let ledger = world.makeHistoryLedger(history: .manual)
/// ```
///
/// `randomised` is the default and the truth tests' history: its random channel, tone and
/// timing are what let the models separate a contact's effect from the kind of client who gets
/// one, and its bytes never change. The others are histories real firms have: a bookkeeper
/// chasing by hand, an agent's fixed or risk-tiered cadence, or any policy file.
public enum HistoryCadence: Sendable {
    /// `LoggingCadence`: a randomised cadence, mostly made by the agent, with propensities.
    case randomised
    /// `FixedCadence`: an agent's fixed email cadence (0, 7, 14, 30 days past due).
    case fixed
    /// `ManualChasing`: a bookkeeper emailing at about 5 and 20 days past due and calling at
    /// about 35, with the irregularity of a busy week.
    case manual
    /// `TieredCadence`: a deterministic cadence whose steps follow the client's past lateness.
    case tiered
    /// A recoup.policy/v1 policy run by the decision engine (`PolicyDecider`); making the engine
    /// validates the policy, so the caller sees a bad policy before anything is written.
    case policy(PolicyEngine)

    /// The name `recoup generate --history` takes (the policy's own name for `.policy`).
    public var name: String {
        switch self {
        case .randomised: return "randomised"
        case .fixed: return "fixed"
        case .manual: return "manual"
        case .tiered: return "tiered"
        case .policy(let engine): return engine.policy.name
        }
    }

    /// The built-in kinds, by the name `--history` takes.
    public static let builtIn: [String: HistoryCadence] = [
        "randomised": .randomised, "fixed": .fixed, "manual": .manual, "tiered": .tiered,
    ]

    /// Whether the firm matches every deposit to its invoice by hand, booking
    /// `WorldParameters.depositMatchingMinutes` of reconciliation per deposit besides the
    /// exceptions' minutes. True for every history but `randomised`, whose timesheet stays as it
    /// always was: a reminder cadence (a bookkeeper's, or a dunning tool's) does not reconcile
    /// the bank, so a firm with such a past still ticks deposits off by hand.
    public var matchesDepositsByHand: Bool {
        if case .randomised = self { return false }
        return true
    }
}
