/// What the policy does about one invoice on one day: the output of `PolicyEngine.decide`.
///
/// A fixed-capacity value with inline storage (no heap allocation), meant to be reused: pass
/// the same `inout` instance to `decide` for every invoice-day. Iterate it as a collection of
/// `PolicyContact`s: every contact made today (`executes(on: day)`) and every contact decided
/// today that waits for approval (`isReviewed(on: day)`).
public struct DayDecision: RandomAccessCollection, Sendable {
    /// The most entries one invoice-day can produce: 16 approvals falling due, 7 new steps,
    /// 1 escalation call (bounded by `Policy.Bounds`).
    public static let capacity = 32

    /// The day decided.
    public internal(set) var day: Day = Day(ordinal: 0)
    /// The open balance is written off today (SPEC §4 step 1); the invoice is closed.
    public internal(set) var writeOff = false
    /// A dispute opened today: one human dispute-handling task (SPEC §4 step 2).
    public internal(set) var opensDisputeTask = false
    /// An escalation condition held today for the first time: the invoice goes to the human
    /// queue (its call is among the contacts today, or later if the 7-day limit blocks it).
    public internal(set) var escalatedToday = false
    /// Today is held (open dispute, active promise, autopay skip): no contact.
    public internal(set) var isHeld = false

    @usableFromInline var storage = SIMD32<UInt64>()
    @usableFromInline var entries = 0

    public init() {}

    @inline(__always) mutating func reset(day: Day) {
        self.day = day
        writeOff = false; opensDisputeTask = false; escalatedToday = false; isHeld = false
        entries = 0
    }

    @inline(__always) mutating func append(_ code: UInt64) {
        precondition(entries < DayDecision.capacity, "DayDecision capacity exceeded: Policy.Bounds no longer bound the entries per day")
        storage[entries] = code
        entries += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries }

    public subscript(position: Int) -> PolicyContact {
        precondition(position >= 0 && position < entries, "DayDecision index \(position) out of range 0..<\(entries)")
        return PackedContact.unpack(storage[position])
    }

    /// Nothing to do today: no contact, no review, no task, no write-off, no escalation.
    public var isQuiet: Bool { entries == 0 && !writeOff && !opensDisputeTask && !escalatedToday }
}
