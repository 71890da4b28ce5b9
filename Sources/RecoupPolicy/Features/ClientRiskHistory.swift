import Foundation

/// One client's ledger history as the risk features of SPEC §4 see it, updated event by event.
///
/// Feed it the client's events (invoices issued, payments received, credit notes and write-offs,
/// disputes opened) as they happen — the simulator does this inside a replay, and
/// `RiskFeatureCalculator` does it for a whole ledger — and ask for the feature vector of a new
/// invoice on its issue day:
///
/// ```swift
/// var history = ClientRiskHistory(client: client)
/// history.recordIssued(invoiceID: "A", issuedOn: jan1, dueOn: jan31, amount: Money(minorUnits: 50_000))
/// history.recordPayment(invoiceID: "A", on: feb20, amount: Money(minorUnits: 50_000))
/// let x = history.features(issuedOn: mar1, dueOn: mar31, amount: Money(minorUnits: 20_000))
/// ```
///
/// Point in time by construction: a query for day `d` reads only invoices issued before `d` and
/// events dated before `d` (the start of the day), whatever else has been recorded, so feeding
/// events ahead of time can never leak them into an earlier score.
///
/// Definitions (SPEC §4, with `T` = `lateThresholdDays` and `dpd = d − due_on`):
/// - an earlier invoice is *written off* once a write-off adjustment dated before `d` exists;
///   its open balance is amount − payments − adjustments dated before `d`, floored at 0;
///   *open* means balance > 0 and not written off; *fully paid* means balance 0, not written
///   off and at least one payment (an invoice closed by credit notes alone is neither paid nor
///   open, and counts in no late/paid feature).
/// - days late of a fully paid invoice = its last payment date − `due_on` (may be negative).
/// - known late: fully paid more than `T` days late, written off, or open with `dpd > T`;
///   resolved: known late plus fully paid within `T` days.
/// - `max_open_dpd` is the largest `dpd` among open earlier invoices, floored at 0 (an invoice
///   that is not yet due is 0 days past due); 0 if none.
/// - `tenure_days` counts from the client's `since`, or, when unknown, from the first issue day
///   of the client's recorded invoices (so a client's first invoice has tenure 0); floored at 0.
/// - `prior_writeoffs` counts earlier invoices written off; `prior_disputes` counts disputes
///   opened before `d` on earlier invoices.
public struct ClientRiskHistory: Sendable, Equatable {
    /// One earlier invoice and what happened to it, each event with its day.
    struct Tracked: Sendable, Equatable {
        var issuedOn: Day
        var dueOn: Day
        var amount: Int64
        var payments: [(day: Day, minor: Int64)] = []
        var adjustments: [(day: Day, minor: Int64, isWriteOff: Bool)] = []
        var disputesOpened: [Day] = []

        static func == (a: Tracked, b: Tracked) -> Bool {
            a.issuedOn == b.issuedOn && a.dueOn == b.dueOn && a.amount == b.amount
                && a.payments.elementsEqual(b.payments, by: { $0.day == $1.day && $0.minor == $1.minor })
                && a.adjustments.elementsEqual(b.adjustments, by: {
                    $0.day == $1.day && $0.minor == $1.minor && $0.isWriteOff == $1.isWriteOff
                })
                && a.disputesOpened == b.disputesOpened
        }
    }

    /// The day the relationship began, if known.
    public var since: Day?
    /// Whether the client is on autopay.
    public var autopay: Bool
    /// `T`: days after due beyond which a payment counts as late.
    public var lateThresholdDays: Int
    var tracked: [Tracked] = []
    var indexByID: [String: Int] = [:]

    /// An empty history for a client.
    public init(since: Day?, autopay: Bool, lateThresholdDays: Int = 15) {
        self.since = since
        self.autopay = autopay
        self.lateThresholdDays = lateThresholdDays
    }

    /// An empty history for `client` (its `since` and `autopay`).
    public init(client: Client, lateThresholdDays: Int = 15) {
        self.init(since: client.since, autopay: client.autopay, lateThresholdDays: lateThresholdDays)
    }

    /// The number of invoices recorded.
    public var invoiceCount: Int { tracked.count }

    /// Records an invoice issued to the client. Re-recording an id replaces nothing and is ignored.
    public mutating func recordIssued(invoiceID: String, issuedOn: Day, dueOn: Day, amount: Money) {
        guard indexByID[invoiceID] == nil else { return }
        indexByID[invoiceID] = recordIssued(issuedOn: issuedOn, dueOn: dueOn, amount: amount)
    }

    /// Records a payment applied to one of the client's invoices. Unknown invoices are ignored
    /// (a payment for an invoice this history has not seen cannot change its features).
    public mutating func recordPayment(invoiceID: String, on day: Day, amount: Money) {
        guard let i = indexByID[invoiceID] else { return }
        recordPayment(position: i, on: day, amount: amount)
    }

    /// Records a credit note or write-off of one of the client's invoices.
    public mutating func recordAdjustment(invoiceID: String, on day: Day, amount: Money, kind: AdjustmentKind) {
        guard let i = indexByID[invoiceID] else { return }
        recordAdjustment(position: i, on: day, amount: amount, kind: kind)
    }

    /// Records a write-off of the open balance `amount` of one of the client's invoices.
    public mutating func recordWriteOff(invoiceID: String, on day: Day, amount: Money) {
        recordAdjustment(invoiceID: invoiceID, on: day, amount: amount, kind: .writeOff)
    }

    /// Records a dispute opened on one of the client's invoices.
    public mutating func recordDisputeOpened(invoiceID: String, on day: Day) {
        guard let i = indexByID[invoiceID] else { return }
        recordDisputeOpened(position: i, on: day)
    }

    // MARK: By position

    // For a caller that knows its invoices by the order it recorded them (the simulator, which
    // records a client's invoices as it issues them): no id to hash per event, and a history
    // copied from a shared one keeps sharing its id index.

    /// Records an invoice issued to the client without an id and returns its position (the
    /// number of invoices recorded before it), for the `position:` methods.
    @discardableResult
    public mutating func recordIssued(issuedOn: Day, dueOn: Day, amount: Money) -> Int {
        tracked.append(Tracked(issuedOn: issuedOn, dueOn: dueOn, amount: amount.minorUnits))
        return tracked.count - 1
    }

    /// Records a payment for the invoice at `position`.
    /// - Precondition: `position < invoiceCount`.
    public mutating func recordPayment(position: Int, on day: Day, amount: Money) {
        tracked[position].payments.append((day, amount.minorUnits))
    }

    /// Records a credit note or write-off of the invoice at `position`.
    /// - Precondition: `position < invoiceCount`.
    public mutating func recordAdjustment(position: Int, on day: Day, amount: Money, kind: AdjustmentKind) {
        tracked[position].adjustments.append((day, amount.minorUnits, kind == .writeOff))
    }

    /// Records a dispute opened on the invoice at `position`.
    /// - Precondition: `position < invoiceCount`.
    public mutating func recordDisputeOpened(position: Int, on day: Day) {
        tracked[position].disputesOpened.append(day)
    }

    /// The same history in storage of its own (no buffer shared with `self`), for a worker
    /// thread that copies it often: copies retain the buffers they share, and threads retaining
    /// one shared buffer contend for its reference count.
    public func unshared() -> ClientRiskHistory {
        func own<T>(_ a: [T]) -> [T] { a.withUnsafeBufferPointer { Array($0) } }
        var copy = self
        copy.tracked = tracked.map { t in
            var t = t
            t.payments = own(t.payments); t.adjustments = own(t.adjustments); t.disputesOpened = own(t.disputesOpened)
            return t
        }
        copy.indexByID = Dictionary(uniqueKeysWithValues: indexByID.map { ($0.key, $0.value) })
        return copy
    }

    /// The feature vector, in `RiskFeature.allCases` order, of a new invoice issued on `issuedOn`,
    /// as known at the start of that day.
    ///
    /// - Parameters:
    ///   - issuedOn: the scoring day `d`; only invoices issued before it and events dated before
    ///     it are read.
    ///   - dueOn: the new invoice's due date.
    ///   - amount: the new invoice's amount (> 0).
    /// - Complexity: O(n + e) for n earlier invoices with e events.
    public func features(issuedOn d: Day, dueOn: Day, amount: Money) -> [Double] {
        var out: [Double] = []
        features(issuedOn: d, dueOn: dueOn, amount: amount, into: &out)
        return out
    }

    /// `features(issuedOn:dueOn:amount:)` written into `out` (resized to the feature count), so
    /// a caller scoring many invoices reuses one buffer.
    public func features(issuedOn d: Day, dueOn: Day, amount: Money, into out: inout [Double]) {
        let stats = summary(at: d)
        let count = RiskFeature.allCases.count
        if out.count != count { out = [Double](repeating: 0, count: count) }
        let units = amount.units
        for (k, feature) in RiskFeature.allCases.enumerated() {
            let v: Double
            switch feature {
            case .amount: v = units
            case .logAmount: v = log(max(units, 0.01))
            case .termsDays: v = Double(dueOn - d)
            case .autopay: v = autopay ? 1 : 0
            case .tenureDays: v = Double(stats.tenure)
            case .logTenure: v = log1p(Double(stats.tenure))
            case .priorInvoices: v = Double(stats.prior)
            case .priorPaid: v = Double(stats.paid)
            case .lateShare: v = stats.resolved > 0 ? Double(stats.late) / Double(stats.resolved) : 0
            case .avgDaysLate: v = stats.paid > 0 ? Double(stats.sumDaysLate) / Double(stats.paid) : 0
            case .lastDaysLate: v = Double(stats.lastDaysLate)
            case .maxDaysLate: v = Double(stats.maxDaysLate)
            case .openInvoices: v = Double(stats.open)
            case .openOverdue: v = Double(stats.openOverdue)
            case .openOverdueAmount: v = Money(minorUnits: stats.openOverdueMinor).units
            case .maxOpenDpd: v = Double(stats.maxOpenDpd)
            case .priorDisputes: v = Double(stats.disputes)
            case .priorWriteoffs: v = Double(stats.writeOffs)
            case .hasHistory: v = stats.paid > 0 ? 1 : 0
            }
            out[k] = v
        }
    }

    /// Counts behind the features at the start of day `d`.
    struct Summary {
        var prior = 0, paid = 0, late = 0, resolved = 0
        var sumDaysLate = 0, lastDaysLate = 0, maxDaysLate = 0
        var lastPaidDay: Day? = nil
        var open = 0, openOverdue = 0, openOverdueMinor: Int64 = 0, maxOpenDpd = 0
        var disputes = 0, writeOffs = 0, tenure = 0
    }

    /// `a + b`, or the nearest `Int64` bound when that overflows. Within `LedgerLimits` (every
    /// table's amounts total at most 10^17) no sum here comes near the bounds; this keeps a
    /// caller's out-of-bound history (the runtime is fed by the live agent, not only by the
    /// store, which checks the limits) from trapping: a saturated paid total still floors the
    /// balance at 0, and a saturated open amount is a feature value, not a reported sum.
    @inline(__always) func saturating(_ a: Int64, plus b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    func summary(at d: Day) -> Summary {
        var s = Summary()
        let t = lateThresholdDays
        var firstIssue: Day? = nil
        for inv in tracked {
            if firstIssue.map({ inv.issuedOn < $0 }) ?? true { firstIssue = inv.issuedOn }
            guard inv.issuedOn < d else { continue }
            s.prior += 1
            var paidMinor: Int64 = 0
            var lastPay: Day? = nil
            for p in inv.payments where p.day < d {
                paidMinor = saturating(paidMinor, plus: p.minor)
                if lastPay.map({ p.day > $0 }) ?? true { lastPay = p.day }
            }
            var adjusted: Int64 = 0
            var writtenOff = false
            for a in inv.adjustments where a.day < d {
                adjusted = saturating(adjusted, plus: a.minor)
                if a.isWriteOff { writtenOff = true }
            }
            s.disputes += inv.disputesOpened.lazy.filter { $0 < d }.count
            let balance = max(0, saturating(saturating(inv.amount, plus: -max(paidMinor, -Int64.max)), plus: -max(adjusted, -Int64.max)))
            let dpd = d - inv.dueOn
            if writtenOff {
                s.writeOffs += 1
                s.late += 1
                s.resolved += 1
            } else if balance > 0 {
                s.open += 1
                if dpd > 0 {
                    s.openOverdue += 1
                    s.openOverdueMinor = saturating(s.openOverdueMinor, plus: balance)
                }
                s.maxOpenDpd = max(s.maxOpenDpd, dpd)
                if dpd > t {
                    s.late += 1
                    s.resolved += 1
                }
            } else if let last = lastPay {
                let daysLate = last - inv.dueOn
                if s.paid == 0 {
                    s.maxDaysLate = daysLate
                } else {
                    s.maxDaysLate = max(s.maxDaysLate, daysLate)
                }
                s.paid += 1
                s.sumDaysLate += daysLate
                if let previous = s.lastPaidDay {
                    if last > previous || (last == previous && daysLate > s.lastDaysLate) {
                        s.lastPaidDay = last
                        s.lastDaysLate = daysLate
                    }
                } else {
                    s.lastPaidDay = last
                    s.lastDaysLate = daysLate
                }
                s.resolved += 1
                if daysLate > t { s.late += 1 }
            }
        }
        let start = since ?? firstIssue ?? d
        s.tenure = max(0, d - start)
        return s
    }
}
