/// The fixed vocabularies of the ledger bundle (SPEC §2) and the policy file (SPEC §4).
///
/// Each is a `String` raw-value enum whose raw values are exactly the lower-case words of the
/// spec, so parsing a CSV cell or a JSON string is `Channel(rawValue:)` and an unknown word is
/// `nil`, never a silent default.

/// How a collections contact is made.
public enum Channel: String, CaseIterable, Codable, Sendable, Hashable {
    case email, sms
    /// An AI voice agent's call (costed per minute, SPEC §5).
    case voiceAgent = "voice_agent"
    /// A call made by a person.
    case call
    case letter

    /// 0…4: the position in `Channel.allCases` (email, sms, voice agent, call, letter), without
    /// a search; arrays of per-channel figures are in this order.
    @inlinable public var index: Int {
        switch self {
        case .email: return 0
        case .sms: return 1
        case .voiceAgent: return 2
        case .call: return 3
        case .letter: return 4
        }
    }
}

/// Who makes a contact.
public enum ActorKind: String, CaseIterable, Codable, Sendable, Hashable {
    case agent, human
}

/// The tone of a contact, from gentlest to firmest; `Comparable` in that order, so the
/// firmest of several merged contacts is `max()` (SPEC §4 consolidation).
public enum Tone: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case soft, standard, firm, final

    /// 0 (soft) … 3 (final).
    public var firmness: Int {
        switch self {
        case .soft: return 0
        case .standard: return 1
        case .firm: return 2
        case .final: return 3
        }
    }

    public static func < (lhs: Tone, rhs: Tone) -> Bool { lhs.firmness < rhs.firmness }
}

/// What came of a contact.
public enum ActionOutcome: String, CaseIterable, Codable, Sendable, Hashable {
    case none
    case noAnswer = "no_answer"
    case promise, dispute, paid, bounced
}

/// How a payment was made.
public enum PaymentMethod: String, CaseIterable, Codable, Sendable, Hashable {
    case ach, card, check, wire, other
}

/// Kinds of balance adjustment.
public enum AdjustmentKind: String, CaseIterable, Codable, Sendable, Hashable {
    case creditNote = "credit_note"
    case writeOff = "write_off"
}

/// What a timesheet row's minutes were spent on.
public enum TimesheetTask: String, CaseIterable, Codable, Sendable, Hashable {
    case reminders, calls, disputes, reconciliation
    case dataEntry = "data_entry"
    case reporting, other
}
