/// The policy's memory of one invoice, owned by the caller and updated by `PolicyEngine`:
/// its tier and risk, whether it is escalated, the decision days of its recent contacts (for
/// the 7-day limit), contacts since its last payment (for `afterContacts`), steps carried over
/// (weekend, limit) and contacts waiting for copilot approval.
///
/// A fixed-size value (no heap storage), so an array of states for every open invoice is one
/// contiguous allocation. Make one with `PolicyEngine.makeState(risk:)` on the issue day.
public struct InvoicePolicyState: Sendable, Equatable {
    /// Index into the policy's `tiers`.
    public internal(set) var tier: Int
    /// The risk scored on the issue day.
    public internal(set) var risk: Double
    /// An escalation condition has held (the invoice is in the human queue).
    public internal(set) var isEscalated = false
    /// Contacts made since the last payment (or since issue).
    public internal(set) var contactsSincePayment = 0
    /// The escalation call is decided but not yet made (blocked by the 7-day limit).
    public internal(set) var isEscalationCallPending = false
    /// Steps (bit i = cadence step i) carried over by the weekend or the limit.
    @usableFromInline var carried: UInt32 = 0
    /// Decision days of recent contacts; `Int32.min` marks an empty slot.
    @usableFromInline var recent = SIMD8<Int32>(repeating: .min)
    /// Contacts waiting for approval, packed (`PackedContact`).
    @usableFromInline var pending = SIMD16<UInt64>()
    @usableFromInline var pendingCount = 0

    public init(tier: Int, risk: Double) { self.tier = tier; self.risk = risk }

    /// The number of contacts decided in the 7 days ending on day ordinal `day`.
    @inline(__always) func contactsInWindow(endingAt day: Int) -> Int {
        let threshold = Int32(truncatingIfNeeded: day - 7)
        var count = 0
        for i in 0..<8 where recent[i] > threshold { count += 1 }
        return count
    }

    /// Records a contact decided on day ordinal `day` (replacing the oldest slot).
    @inline(__always) mutating func recordDecision(on day: Int) {
        var oldest = 0
        for i in 1..<8 where recent[i] < recent[oldest] { oldest = i }
        recent[oldest] = Int32(truncatingIfNeeded: day)
    }

    /// Steps carried over, as cadence indices in order.
    public var carriedSteps: [Int] { (0..<32).filter { carried & (1 << UInt32($0)) != 0 } }

    /// Contacts decided but waiting for approval.
    public var pendingApprovals: [PolicyContact] { (0..<pendingCount).map { PackedContact.unpack(pending[$0]) } }

    /// Days (ascending) on which contacts were decided in the last 8 slots.
    public var recentContactDays: [Day] {
        (0..<8).compactMap { recent[$0] == .min ? nil : Day(ordinal: Int(recent[$0])) }.sorted()
    }
}
