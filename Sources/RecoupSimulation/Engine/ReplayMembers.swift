import RecoupPolicy

/// The policies one run of the replay's day loop (`ClientReplay.replayDays`) replays together,
/// and what is theirs alone: their accounts, each invoice's policy state and next decision day,
/// and how they choose their contacts (step 3 of a day).
///
/// Two kinds: `SolePolicy`, one policy of any kind (rules, the estimated history, the logged
/// actions) whose invoices are never split; and `PolicyGroupMembers`, the members of a
/// `ReplayGroup`, whose invoices split into variants where their contacts differ. The loop is
/// generic over this protocol, so each kind gets its own specialised loop, with no dynamic
/// dispatch per invoice-day.
protocol ReplayMembers {
    /// Whether an invoice may have several variants (`ClientReplay.newVariant`). When false,
    /// invoice `k`'s one variant is `k` itself.
    static var sharesVariants: Bool { get }
    /// The number of members.
    var count: Int { get }
    /// Whether the members' tiers use the risk history (every member's, as they agree).
    var usesRisk: Bool { get }
    /// Days past due at which an open balance is written off.
    var writeOffAfter: Int { get }
    /// Member `m`'s account.
    subscript(account m: Int) -> ReplayAccount { get set }
    /// The variant of invoice `k` that member `m` is in.
    func variant(invoice k: Int, member m: Int) -> Int
    /// Invoice `k` (global `g`) has just been issued into variant `v`: each member's policy
    /// state and first decision day, and the issue charged.
    mutating func issue(invoice k: Int, global g: Int, variant v: Int, replay: inout ClientReplay)
    /// A fact of invoice `k` changed on day `d` (a dispute resolved, a credit note): member `m`
    /// decides again that day.
    mutating func setNextDecision(invoice k: Int, member m: Int, day d: Int)
    /// Member `m` decides on invoice `k` no later than day `d`.
    mutating func lowerNextDecision(invoice k: Int, member m: Int, day d: Int)
    /// Step 3 of day `day`: the members' contacts made, their outcomes drawn and charged.
    mutating func contact(on day: Day, first: Int, autopay: Bool, replay: inout ClientReplay)
    /// Invoice `k` received a payment on day `d`: member `m`'s policy state records it.
    mutating func recordPayment(invoice k: Int, member m: Int, day d: Int)
    /// The replay of `n` invoices ended: each member's open invoice-days (`invoiceDays` counted
    /// by the loop when variants are not shared).
    mutating func finish(invoices n: Int, invoiceDays: Int, replay: inout ClientReplay)
}
