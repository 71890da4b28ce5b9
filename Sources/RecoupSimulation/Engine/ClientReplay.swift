import Foundation
import RecoupPolicy

/// Replays one client's invoices of the cohort in one run, under one policy (`replay`) or under
/// a group of policies at once (`replayShared`), with one day loop for both (`replayDays`).
///
/// One replayer per thread: the invoices' simulated state lives in raw buffers reused from
/// client to client (`ReplayBuffers`, and `MemberBuffers` for a group's per-member state), so a
/// replay allocates only when a client has more invoices than any before.
struct ClientReplay {
    let cohort: ReplayCohort
    var behaviour: ReplayBehaviour
    /// The fixed part of each cohort invoice's logit (`ReplayBehaviour.base`).
    let base: [Double]
    let charges: ReplayCharges
    /// 0.5^(b / half-life) for b = 0…1023 business days.
    let decay: [Double]
    /// The current run's hazard coefficients (loaded by each replay).
    var hazard = PaymentHazardTerms()

    // Per-invoice (or per-variant) state, in raw buffers owned by `buffers`: the hot loop
    // writes them every simulated day, and an array write checks uniqueness (a call) and
    // bounds each time. `reserve` sizes them; a replayer belongs to one thread.
    var buffers = ReplayBuffers(capacity: 0)
    var open: UnsafeMutablePointer<Int64> { buffers.open }
    var closed: UnsafeMutablePointer<Bool> { buffers.closed }
    var state: UnsafeMutablePointer<InvoicePolicyState> { buffers.state }
    /// 7 stocks per invoice: channels (`Channel.allCases` order), firm, human.
    var stock: UnsafeMutablePointer<Double> { buffers.stock }
    var stockAt: UnsafeMutablePointer<Int> { buffers.stockAt }
    var contactCount: UnsafeMutablePointer<Int> { buffers.contactCount }
    var recent: UnsafeMutablePointer<SIMD8<Int32>> { buffers.recent }
    var todayContacts: UnsafeMutablePointer<Int> { buffers.todayContacts }
    var disputeOpen: UnsafeMutablePointer<Bool> { buffers.disputeOpen }
    var disputeEnds: UnsafeMutablePointer<Int> { buffers.disputeEnds }
    var disputeResolvedOn: UnsafeMutablePointer<Int> { buffers.disputeResolvedOn }
    var hadDispute: UnsafeMutablePointer<Bool> { buffers.hadDispute }
    var promiseMadeOn: UnsafeMutablePointer<Int> { buffers.promiseMadeOn }
    var promisedOn: UnsafeMutablePointer<Int> { buffers.promisedOn }
    var promisePayOn: UnsafeMutablePointer<Int> { buffers.promisePayOn }
    var promiseKept: UnsafeMutablePointer<Bool> { buffers.promiseKept }
    var autopayAttempt: UnsafeMutablePointer<Int> { buffers.autopayAttempt }
    var creditNext: UnsafeMutablePointer<Int> { buffers.creditNext }
    var disputeNext: UnsafeMutablePointer<Int> { buffers.disputeNext }
    var actionNext: UnsafeMutablePointer<Int> { buffers.actionNext }
    var prefix: UnsafeMutablePointer<UInt64> { buffers.prefix }
    /// Per invoice of the client just replayed: amount-weighted days and collected amount.
    var invoiceWeightedDays: UnsafeMutablePointer<Double> { buffers.invoiceWeightedDays }
    var invoiceCollected: UnsafeMutablePointer<Double> { buffers.invoiceCollected }
    var variantNext: UnsafeMutablePointer<Int> { buffers.variantNext }
    var variantDays: UnsafeMutablePointer<Int> { buffers.variantDays }
    var outcomes: UnsafeMutablePointer<ContactOutcome> { buffers.outcomes }
    var firstVariant: UnsafeMutablePointer<Int> { buffers.firstVariant }
    var lastVariant: UnsafeMutablePointer<Int> { buffers.lastVariant }
    /// The shared replay's per-member storage and lists (`replayShared`).
    var memberBuffers = MemberBuffers(capacity: 0)
    var lists = SharedReplayLists()
    /// The open invoices (local indices, issue order): the first `liveCount` entries.
    var live: UnsafeMutablePointer<Int> { buffers.live }
    var liveCount = 0
    /// The risk history's position of local invoice 0 (the client's earlier invoices come first).
    var historyBase = 0
    /// The risk features of the invoice being issued (reused).
    var riskFeatures: [Double] = []
    /// Skip `decide` on days it cannot act (same output, tested).
    var skipsQuietDays = true
    var dayContacts: [ClientDayContact] = []
    var decision = DayDecision()
    /// The last day any replay of this replayer reached.
    var lastDay = Int.min

    static let none = Int.min
    /// Stands in for the engine when the history drives the contacts (never called then); a
    /// new one on each use, so that no two threads share its tables.
    static var placeholderEngine: PolicyEngine {
        guard case .rules(let engine) = ReplayPolicy.none.kind else { preconditionFailure("the none policy has rules") }
        return engine
    }

    /// A replayer for one worker thread. It keeps its own copies of the cohort's flat arrays
    /// and of `base`: the hot loop retains them, and two threads retaining one shared buffer
    /// contend for its reference count (measured: a quarter of the replay's time).
    init(cohort: ReplayCohort, behaviour: ReplayBehaviour, base: [Double], costs: CostModel) {
        self.cohort = cohort.threadCopy()
        self.behaviour = behaviour
        self.base = base.withUnsafeBufferPointer { Array($0) }
        charges = ReplayCharges(costs: costs)
        let h = behaviour.halfLife
        decay = (0..<1024).map { pow(0.5, Double($0) / h) }
    }

    mutating func reserve(_ n: Int) {
        guard buffers.capacity < n else { return }
        buffers = ReplayBuffers(capacity: max(n, 2 * buffers.capacity))
    }

    /// Adds client `c`'s sums for this run under `policy` to `tally` (which the caller zeroes).
    ///
    /// `engine` is `policy`'s engine (any engine for the history, whose branches never call
    /// it), passed in so that the replay borrows it instead of copying it out of the policy:
    /// a copy retains every table it holds.
    mutating func replay(client c: Int, policy: ReplayPolicy, engine: PolicyEngine, rng: ReplayRandom,
                         clientEffect u: Double, tally: inout [Double]) {
        reserve(cohort.clients[c].invoices.count)
        let prior: ClientRiskHistory? = policy.usesRisk ? cohort.clients[c].priorHistory : nil
        var sole = SolePolicy(policy: policy, engine: engine, history: prior, buffers: buffers,
                              writeOffAfter: cohort.historyWriteOffAfterDays, costs: charges.costs)
        swap(&sole.account.tally, &tally)
        replayDays(client: c, members: &sole, rng: rng, clientEffect: u)
        swap(&sole.account.tally, &tally)
    }

    /// Replays client `c`'s invoices under every policy of `group` in one pass, with exactly the
    /// tallies `replay(client:…)` gives each policy on its own (a test compares them bit for bit).
    ///
    /// With common random numbers an invoice's simulated course (balance, contact stocks,
    /// promises, disputes, payments) is the same under two policies until they make different
    /// contacts on it. So each invoice starts as one *variant* shared by every member; on a day
    /// when members' contacts on it differ, the variant is copied and the members split by what
    /// they did, and each copy goes on alone (`PolicyGroupMembers`). The costly part of a replay,
    /// the daily payment hazard and its draws, runs once per variant instead of once per policy;
    /// what is each policy's own (its engine's state and decisions, its risk history, its tally)
    /// is kept per member, and every member's tally receives the same additions in the same
    /// order as in its own replay.
    ///
    /// `tallies[i]` receives member `i`'s sums (the caller zeroes them). Needs the engine's
    /// calling protocol (`skipsQuietDays`).
    /// - Complexity: the payment draws O(variant-days) instead of O(policies × invoice-days);
    ///   each member's own bookkeeping O(its decisions and events), plus one check per member
    ///   and open invoice on the days some member may decide.
    mutating func replayShared(client c: Int, group: ReplayGroup, rng: ReplayRandom, clientEffect u: Double,
                               tallies: inout [[Double]]) {
        let n = cohort.clients[c].invoices.count
        let count = group.members.count
        if buffers.capacity < max(4 * n, 64) { buffers = ReplayBuffers(capacity: max(4 * n, 64)) }
        if memberBuffers.capacity < count * n {
            memberBuffers = MemberBuffers(capacity: max(count * n, 2 * memberBuffers.capacity))
        }
        memberBuffers.reset(members: count, invoices: n)
        for k in 0..<n {
            firstVariant[k] = -1
            lastVariant[k] = -1
        }
        lists.reset(members: count)
        let prior: ClientRiskHistory? = group.usesRisk ? cohort.clients[c].priorHistory : nil
        var members = PolicyGroupMembers(group: group, memberBuffers: memberBuffers)
        swap(&members.accounts, &lists.accounts)
        while members.accounts.count < count { members.accounts.append(ReplayAccount(tally: [], history: nil)) }
        for i in 0..<count {
            swap(&members.accounts[i].tally, &tallies[i])
            members.accounts[i].history = prior
        }
        replayDays(client: c, members: &members, rng: rng, clientEffect: u)
        for i in 0..<count {
            swap(&members.accounts[i].tally, &tallies[i])
            members.accounts[i].history = nil
        }
        swap(&members.accounts, &lists.accounts)
    }
}
