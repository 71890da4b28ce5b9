/// One contact the policy decided: what, by whom, in which tone, when it was decided and when
/// it happens.
///
/// - In `autonomous` and `manual` mode `decidedOn == executesOn`.
/// - In `copilot` mode a contact that needs approval is listed twice: on the day it is decided
///   (a person reviews it: `copilot.reviewMinutes` that day) and again on `executesOn`, when it
///   happens (unless the invoice is closed or held by then, in which case it is dropped).
///   With `approvalDelayDays` 0 both are the same entry.
public struct PolicyContact: Sendable, Hashable, CustomStringConvertible {
    public var channel: Channel
    /// Who makes it: a `call` is always `human`; in `manual` mode everything is.
    public var actor: ActorKind
    public var tone: Tone
    /// The escalation call (SPEC §4 step 5): a human firm call, never waiting for approval.
    public var isEscalation: Bool
    /// Waits for a person's approval (`copilot` mode).
    public var needsApproval: Bool
    /// The day the policy decided it (the day it counts against the 7-day limit).
    public var decidedOn: Day
    /// The day it is made.
    public var executesOn: Day
    /// Its step's index in the tier's cadence; `nil` for the escalation call (and for a
    /// consolidated contact merging different steps).
    public var stepIndex: Int?

    public init(channel: Channel, actor: ActorKind, tone: Tone, isEscalation: Bool = false,
                needsApproval: Bool = false, decidedOn: Day, executesOn: Day, stepIndex: Int?) {
        self.channel = channel; self.actor = actor; self.tone = tone; self.isEscalation = isEscalation
        self.needsApproval = needsApproval; self.decidedOn = decidedOn; self.executesOn = executesOn
        self.stepIndex = stepIndex
    }

    /// Whether the contact is made on `day`.
    public func executes(on day: Day) -> Bool { executesOn == day }

    /// Whether a person reviews it on `day` (copilot approval, charged on the decision day).
    public func isReviewed(on day: Day) -> Bool { needsApproval && decidedOn == day }

    public var description: String {
        var s = "\(channel.rawValue) by \(actor.rawValue), \(tone.rawValue)"
        if isEscalation { s += ", escalation" }
        if needsApproval { s += ", needs approval" }
        if decidedOn != executesOn { s += ", decided \(decidedOn), made \(executesOn)" }
        return s
    }
}

/// The packed form of a `PolicyContact` in the engine's fixed inline storage (one `UInt64`).
///
/// bits 0–31 `executesOn` ordinal; 32–39 days from decision to execution; 40–47 step index
/// (255: escalation call); 48–50 channel; 51 human actor; 52–53 tone; 54 escalation;
/// 55 needs approval.
@usableFromInline struct PackedContact {
    static let escalationStep: UInt64 = 0xFF

    static func make(channel: Channel, actor: ActorKind, tone: Tone, stepIndex: Int?, needsApproval: Bool) -> UInt64 {
        let channelIndex = UInt64(channel.index)
        var code = (stepIndex.map { UInt64($0) } ?? escalationStep) << 40
        code |= channelIndex << 48
        if actor == .human { code |= 1 << 51 }
        code |= UInt64(tone.firmness) << 52
        if stepIndex == nil { code |= 1 << 54 }
        if needsApproval { code |= 1 << 55 }
        return code
    }

    /// `code` (without day bits) scheduled: decided on `decided`, made on `executes`.
    @inline(__always) static func scheduled(_ code: UInt64, decided: Int, executes: Int) -> UInt64 {
        (code & ~0xFF_FFFF_FFFF) | UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: executes)))
            | UInt64(UInt8(truncatingIfNeeded: executes - decided)) << 32
    }

    @inline(__always) static func executesOn(_ code: UInt64) -> Int {
        Int(Int32(bitPattern: UInt32(truncatingIfNeeded: code)))
    }

    @inline(__always) static func needsApproval(_ code: UInt64) -> Bool { code & (1 << 55) != 0 }

    static func unpack(_ code: UInt64) -> PolicyContact {
        let executes = executesOn(code)
        let delay = Int((code >> 32) & 0xFF)
        let step = (code >> 40) & 0xFF
        let toneIndex = Int((code >> 52) & 0x3)
        return PolicyContact(
            channel: Channel.allCases[Int((code >> 48) & 0x7)],
            actor: code & (1 << 51) != 0 ? .human : .agent,
            tone: Tone.allCases[toneIndex],
            isEscalation: code & (1 << 54) != 0,
            needsApproval: needsApproval(code),
            decidedOn: Day(ordinal: executes - delay),
            executesOn: Day(ordinal: executes),
            stepIndex: step == escalationStep ? nil : Int(step))
    }
}
