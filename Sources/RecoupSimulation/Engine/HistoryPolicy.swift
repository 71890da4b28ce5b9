import RecoupPolicy

/// The firm's own collections behaviour, estimated from actions.csv as a stochastic policy: on
/// every day an invoice is open, the probability that the firm contacted it given what the firm
/// could see that day, and, when it did, which action (channel, actor, tone) it took.
///
/// The `history` row replays this policy (`ReplayPolicy.Kind.estimatedHistory`), so a replayed
/// invoice that stays open longer than the real one is chased as the firm chased such invoices,
/// and one that pays earlier is not chased further. Replaying the logged actions as they
/// happened (`ReplayPolicy.Kind.history`) instead loses every logged contact that falls after
/// the replay's payment and adds none after the real one: on generated worlds it lost 40–57% of
/// the contacts and sat days late.
///
/// What the firm could see on day `d` (the cell of a day):
/// - days past due `dpd = d − due_on`, by the day from −30 to +150 (clamped at both ends);
/// - contacts so far: 0, 1, 2, 3 or more;
/// - days since the last contact: none yet, 1–2, 3–6, 7–13, 14–29, 30 or more (0: a second
///   contact the same day, counted by `secondContact`);
/// - weekend or not (a firm that works Monday to Friday shows no weekend contacts, and its
///   weekend steps on Monday);
/// - a hold: a dispute open, or a promise made and not yet `promiseGraceDays` past its day.
///
/// The contact probability of a cell is a smoothed frequency (`HistoryPolicy+Estimation`):
/// (contacted days + α × the parent cell's probability) / (open days + α), α = `smoothing`,
/// where the parent drops the weekday and the days-since-last bucket and bands days past due
/// (`dpdBands`), its parent keeps only the hold, and the root is the overall frequency. A cell
/// with little data falls back to its parent; one with much data keeps its own frequency. The
/// action of a contact is drawn from the smoothed action frequencies of its (hold, dpd band,
/// contacts so far) cell, smoothed likewise towards the hold's and then the overall ones.
///
/// Immutable after estimation; every table is a flat array read by index in the replay's inner
/// loop (no allocation per day).
public struct HistoryPolicy: Sendable {
    /// One kind of action the history shows.
    public struct Action: Sendable, Equatable {
        public var channel: Channel
        public var actor: ActorKind
        public var tone: Tone
        /// Mean logged human minutes of such actions (nil when none logged: the cost model's).
        public var minutes: Double?
    }

    /// The lowest and highest days past due with cells of their own (clamped beyond).
    static let dpdLow = -30, dpdHigh = 150
    static let dpdCount = dpdHigh - dpdLow + 1
    /// Lower bounds of the days-past-due bands of the coarse cells and of the fit.
    public static let dpdBands = [Int.min, 0, 7, 14, 30, 45, 60, 90]
    /// Labels of `dpdBands`, for tables.
    public static let dpdBandLabels = ["< 0", "0–6", "7–13", "14–29", "30–44", "45–59", "60–89", "≥ 90"]
    static let contactBuckets = 4
    static let sinceBuckets = 6
    /// Pseudo-observations of the parent in every cell's estimate (additive smoothing).
    public static let smoothing = 2.0
    /// Grace days after a promised day during which the firm is taken not to chase (SPEC §4's default).
    public static let promiseGraceDays = 3

    /// The actions seen, in a fixed order (first seen in day order, ties by channel, actor, tone).
    public internal(set) var actions: [Action]
    /// P(contact) per fine cell (`cell(…)`).
    var hazard: [Double]
    /// Per coarse action cell (`actionCell(…)`): the cumulative action probabilities, `actions.count` each.
    var actionCumulative: [Double]
    /// P(a second contact on a contacted day).
    public internal(set) var secondContact: Double
    /// The share of invoices the firm contacted at least once while they were open.
    public internal(set) var contactedShare: Double
    /// How the firm used each (channel, actor), for the policy in words (`HistoryPolicy+Description`).
    public internal(set) var habits: [Habit]
    /// What the estimate rests on.
    public internal(set) var invoices: Int
    public internal(set) var openDays: Int
    public internal(set) var contactDays: Int

    /// The band of `dpd` in `dpdBands`.
    @inline(__always) public static func band(dpd: Int) -> Int {
        var b = 0
        for i in 1..<dpdBands.count where dpd >= dpdBands[i] { b = i }
        return b
    }

    @inline(__always) static func contactBucket(_ contacts: Int) -> Int { min(contacts, contactBuckets - 1) }

    /// The bucket of the days since the last contact (`lastContact == nil`: none yet).
    @inline(__always) static func sinceBucket(day d: Int, lastContact: Int?) -> Int {
        guard let last = lastContact else { return 0 }
        let gap = d - last
        if gap <= 2 { return 1 }
        if gap <= 6 { return 2 }
        if gap <= 13 { return 3 }
        if gap <= 29 { return 4 }
        return 5
    }

    /// The fine cell of a day.
    @inline(__always) static func cell(dpd: Int, contacts: Int, since: Int, isWeekend: Bool, isHeld: Bool) -> Int {
        let dpdIndex = min(max(dpd, dpdLow), dpdHigh) - dpdLow
        var index = isHeld ? 1 : 0
        index = index * 2 + (isWeekend ? 1 : 0)
        index = index * sinceBuckets + since
        index = index * contactBuckets + contactBucket(contacts)
        return index * dpdCount + dpdIndex
    }

    static let cellCount = 2 * 2 * sinceBuckets * contactBuckets * dpdCount

    /// The coarse cell of an action draw: (hold, dpd band, contacts so far).
    @inline(__always) static func actionCell(dpd: Int, contacts: Int, isHeld: Bool) -> Int {
        ((isHeld ? 1 : 0) * dpdBands.count + band(dpd: dpd)) * contactBuckets + contactBucket(contacts)
    }

    static let actionCellCount = 2 * dpdBands.count * contactBuckets

    /// P(contact) on a day in the given state.
    @inline(__always) func contactProbability(dpd: Int, contacts: Int, day d: Int, lastContact: Int?,
                                              isWeekend: Bool, isHeld: Bool) -> Double {
        hazard[HistoryPolicy.cell(dpd: dpd, contacts: contacts, since: HistoryPolicy.sinceBucket(day: d, lastContact: lastContact),
                                  isWeekend: isWeekend, isHeld: isHeld)]
    }

    /// The action for a uniform draw `u` in [0, 1) in the given state (an index into `actions`).
    @inline(__always) func action(dpd: Int, contacts: Int, isHeld: Bool, uniform u: Double) -> Int {
        let n = actions.count
        let start = HistoryPolicy.actionCell(dpd: dpd, contacts: contacts, isHeld: isHeld) * n
        for i in 0..<(n - 1) where u < actionCumulative[start + i] { return i }
        return n - 1
    }

    /// Whether the history shows any action to replay.
    public var isEmpty: Bool { actions.isEmpty }

    /// The same policy with its tables in storage of its own, for one worker thread.
    func threadCopy() -> HistoryPolicy {
        var copy = self
        copy.hazard = hazard.withUnsafeBufferPointer { Array($0) }
        copy.actionCumulative = actionCumulative.withUnsafeBufferPointer { Array($0) }
        copy.actions = actions.withUnsafeBufferPointer { Array($0) }
        return copy
    }
}
