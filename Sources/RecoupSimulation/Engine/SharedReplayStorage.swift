import RecoupPolicy

/// Per invoice and member (index `k * members + m`: one invoice's members side by side) of a
/// shared replay (`ClientReplay.replayShared`): the member's policy state, next decision day and
/// variant, and the contacts it made on the invoice today (their count, the day they were
/// counted, and their keys, `contactsPerDay` each); and per invoice (index `k`) a lower bound of
/// its members' next decision days and the last day some member contacted it. Raw buffers for
/// the same reason as `ReplayBuffers`; contents are not kept when it is replaced by a larger
/// one (each client's replay sets them as it goes).
final class MemberBuffers {
    let capacity: Int
    let state: UnsafeMutablePointer<InvoicePolicyState>
    let next: UnsafeMutablePointer<Int>
    let variant: UnsafeMutablePointer<Int>
    let execDay: UnsafeMutablePointer<Int>
    let execCount: UnsafeMutablePointer<Int>
    let execKeys: UnsafeMutablePointer<UInt8>
    let minNext: UnsafeMutablePointer<Int>
    let touchedDay: UnsafeMutablePointer<Int>

    init(capacity: Int) {
        self.capacity = capacity
        let c = max(1, capacity)
        state = .allocate(capacity: c); state.initialize(repeating: InvoicePolicyState(tier: 0, risk: 0), count: c)
        next = .allocate(capacity: c); next.initialize(repeating: 0, count: c)
        variant = .allocate(capacity: c); variant.initialize(repeating: 0, count: c)
        execDay = .allocate(capacity: c); execDay.initialize(repeating: .min, count: c)
        execCount = .allocate(capacity: c); execCount.initialize(repeating: 0, count: c)
        execKeys = .allocate(capacity: c * ReplayBuffers.contactsPerDay)
        execKeys.initialize(repeating: 0, count: c * ReplayBuffers.contactsPerDay)
        minNext = .allocate(capacity: c); minNext.initialize(repeating: 0, count: c)
        touchedDay = .allocate(capacity: c); touchedDay.initialize(repeating: .min, count: c)
    }

    /// Readies the storage for a client of `n` invoices replayed by `m` members.
    /// - Precondition: `m * n <= capacity` (so `n <= capacity`).
    func reset(members m: Int, invoices n: Int) {
        for i in 0..<(m * n) { execDay[i] = .min }
        for k in 0..<n { touchedDay[k] = .min }
    }

    deinit {
        state.deallocate(); next.deallocate(); variant.deallocate()
        execDay.deallocate(); execCount.deallocate(); execKeys.deallocate()
        minNext.deallocate(); touchedDay.deallocate()
    }

    /// The key of what a contact does to an invoice's simulated state: channel, actor, tone.
    static func key(_ contact: PolicyContact) -> UInt8 {
        let channel = UInt8(contact.channel.index)
        return channel | (contact.actor == .human ? 8 : 0) | UInt8(contact.tone.firmness) << 4
    }

    static func channel(_ key: UInt8) -> Channel { Channel.allCases[Int(key & 7)] }
    static func actor(_ key: UInt8) -> ActorKind { key & 8 != 0 ? .human : .agent }
    static func tone(_ key: UInt8) -> Tone { Tone.allCases[Int(key >> 4)] }
}

/// One contact a member's policy decided today, in the order its own replay would charge it:
/// a review, a contact made, or both.
struct PlannedContact {
    /// The invoice (local index); -1 for a consolidated contact's review.
    var invoice: Int
    var contact: PolicyContact
    var reviewed: Bool
    var executes: Bool
    /// Charged to this invoice (the first of a consolidated message's invoices).
    var countsOnce: Bool
    /// Its position among the member's contacts made on `invoice` today.
    var index = 0
}

/// The per-member lists of a shared replay, and its counts.
struct SharedReplayLists {
    var members = 0
    var variantCount = 0
    var plans: [[PlannedContact]] = []
    var dayContacts: [[ClientDayContact]] = []
    /// Open invoice-days counted for each member on the variants it has left.
    var memberDays: [Int] = []
    /// The invoices some member contacts today.
    var touched: [Int] = []
    /// Splitting one variant: a representative member of each group and the group's variant.
    var representatives: [Int] = []
    var targets: [Int] = []
    /// The members' accounts, kept from client to client so that their storage is reused.
    var accounts: [ReplayAccount] = []

    mutating func reset(members m: Int) {
        members = m
        variantCount = 0
        if plans.count < m {
            plans = Array(repeating: [], count: m)
            dayContacts = Array(repeating: [], count: m)
            memberDays = Array(repeating: 0, count: m)
        }
        for i in 0..<m { memberDays[i] = 0 }
    }
}
