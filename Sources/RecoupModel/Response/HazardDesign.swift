import Foundation
import RecoupPolicy

/// The invoice-day rows of the payment-response model: a dense row-major design, labels and
/// row keys (invoice, client, day), built from a `Ledger` only.
///
/// Which days are rows (documented in docs/models.md): every business day `d` from the
/// invoice's issue day while the invoice is open at the start of `d`, up to `until`, except
/// - weekends (no payment is ever booked on one: a payment received on a Saturday or Sunday is
///   the next Monday's event),
/// - days with a dispute open (no payment while disputed; see the dispute models),
/// - for an autopay client, the days up to its autopay attempt (the due date, or the next
///   business day); after a failed attempt the invoice behaves as any other (`autopay` = 1),
/// - the promised day of a promise made earlier (that day belongs to P(promise kept)),
/// - the day of and the days after a write-off,
/// - days more than `HazardDesignBuilder.maxDaysPastDue` (3,650) past due, and days more than
///   `HazardDesignBuilder.maxDaysBeforeDue` (3,650) before it: an invoice's rows are bounded by
///   its own dates, so one invoice dated far in the future (which moves `until`) cannot make
///   every open invoice a row for each day until then.
/// The label is 1 when a payment applied to the invoice (full or partial) falls on `d`; after
/// a partial payment the invoice stays open and its rows continue.
public struct HazardDesign: Sendable {
    /// The column layout (segments, amount centring, half-life, reach weight).
    public var layout: HazardFeatureLayout
    /// Rows `n`.
    public var rows: Int
    /// `n × layout.columnCount`, row-major.
    public var x: [Double]
    /// 1 if a payment was made on the row's day.
    public var y: [Double]
    /// Index into `clientIDs` per row.
    public var clientIndex: [Int32]
    /// Index into the ledger's invoices per row.
    public var invoiceIndex: [Int32]
    /// The row's day (`Day.ordinal`).
    public var day: [Int32]
    /// Days past due of the row.
    public var dpd: [Int32]
    /// Every client id of the ledger, sorted (the client-effect index).
    public var clientIDs: [String]

    /// The columns.
    public var columns: Int { layout.columnCount }
}

/// Builds `HazardDesign`s from a ledger (pure: no store, no clock), for training, export and
/// the simulator's reuse.
public enum HazardDesignBuilder {
    /// What to build.
    public struct Options: Sendable {
        /// The last day whose rows (and payments) are known. Default: the ledger's last event day.
        public var until: Day?
        /// Contact half-life in business days. Default 5 (`HazardFeatureLayout.defaultHalfLife`).
        public var halfLife: Double = HazardFeatureLayout.defaultHalfLife
        /// Weight of a contact that did not reach the client. Default 0.3
        /// (`HazardFeatureLayout.defaultUnreachedWeight`).
        public var unreachedWeight: Double = HazardFeatureLayout.defaultUnreachedWeight
        /// Build rows only for these invoice indices (default: all issued by `until`).
        public var invoices: [Int]?
        /// A fixed segment layout (e.g. the training one for test rows); default: computed from
        /// the invoices built.
        public var segments: (names: [String], meanLogAmount: [Double])?

        public init(until: Day? = nil, halfLife: Double = HazardFeatureLayout.defaultHalfLife,
                    unreachedWeight: Double = HazardFeatureLayout.defaultUnreachedWeight, invoices: [Int]? = nil) {
            self.until = until; self.halfLife = halfLife; self.unreachedWeight = unreachedWeight
            self.invoices = invoices
        }
    }

    /// The most days past due an invoice has rows for: the largest `writeOffAfterDays` a policy
    /// may set (`Policy.Bounds.writeOffAfterDays`), so the simulator never needs the hazard of a
    /// later day; the days-past-due baseline's last bin (91 and over) holds these rows.
    public static let maxDaysPastDue = Policy.Bounds.writeOffAfterDays.upperBound
    /// The most days before its due date an invoice has rows for (the `dpd_le_-8` bin holds
    /// them): terms longer than this start their rows that many days before the due date.
    public static let maxDaysBeforeDue = Policy.Bounds.writeOffAfterDays.upperBound

    /// The last day any row of `ledger` is dated.
    public static func lastDay(of ledger: Ledger) -> Day? {
        var last: Day? = nil
        func see(_ d: Day) { if last.map({ d > $0 }) ?? true { last = d } }
        for i in ledger.invoices { see(i.issuedOn) }
        for p in ledger.payments { see(p.receivedOn) }
        for a in ledger.actions { see(a.at) }
        for a in ledger.adjustments { see(a.on) }
        for p in ledger.promises { see(p.madeOn) }
        for d in ledger.disputes { see(d.openedOn); if let r = d.resolvedOn { see(r) } }
        return last
    }

    /// Per-invoice event lists of a ledger, indexed by invoice position.
    public struct LedgerIndex: Sendable {
        public var clientIDs: [String]
        public var clientOfInvoice: [Int32]
        public var clients: [Client?]
        public var payments: [[Int]]
        public var actions: [[Int]]
        public var promises: [[Int]]
        public var disputes: [[Int]]
        public var adjustments: [[Int]]

        public init(_ ledger: Ledger) {
            var ids = Set(ledger.clients.map(\.id))
            for inv in ledger.invoices { ids.insert(inv.clientID) }
            clientIDs = ids.sorted()
            let clientPos = Dictionary(uniqueKeysWithValues: clientIDs.enumerated().map { ($1, $0) })
            var clientRows = [Client?](repeating: nil, count: clientIDs.count)
            for c in ledger.clients { if let k = clientPos[c.id] { clientRows[k] = c } }
            clients = clientRows
            var invoicePos: [String: Int] = [:]
            invoicePos.reserveCapacity(ledger.invoices.count)
            for (i, inv) in ledger.invoices.enumerated() { invoicePos[inv.id] = i }
            clientOfInvoice = ledger.invoices.map { Int32(clientPos[$0.clientID] ?? 0) }
            let n = ledger.invoices.count
            payments = Array(repeating: [], count: n)
            actions = Array(repeating: [], count: n)
            promises = Array(repeating: [], count: n)
            disputes = Array(repeating: [], count: n)
            adjustments = Array(repeating: [], count: n)
            for (k, p) in ledger.payments.enumerated() {
                if let id = p.invoiceID, let i = invoicePos[id] { payments[i].append(k) }
            }
            for (k, a) in ledger.actions.enumerated() { if let i = invoicePos[a.invoiceID] { actions[i].append(k) } }
            for (k, p) in ledger.promises.enumerated() { if let i = invoicePos[p.invoiceID] { promises[i].append(k) } }
            for (k, d) in ledger.disputes.enumerated() { if let i = invoicePos[d.invoiceID] { disputes[i].append(k) } }
            for (k, a) in ledger.adjustments.enumerated() { if let i = invoicePos[a.invoiceID] { adjustments[i].append(k) } }
            for i in 0..<n {
                payments[i].sort { (ledger.payments[$0].receivedOn, $0) < (ledger.payments[$1].receivedOn, $1) }
                actions[i].sort { (ledger.actions[$0].at, $0) < (ledger.actions[$1].at, $1) }
            }
        }
    }

    /// Segment names (sorted) and each one's mean ln(amount in units) over `invoices`.
    public static func segmentLayout(ledger: Ledger, index: LedgerIndex, invoices: [Int]) -> (names: [String], meanLogAmount: [Double]) {
        var sums: [String: (Double, Int)] = [:]
        for i in invoices {
            let inv = ledger.invoices[i]
            let name = HazardFeatureLayout.segmentName(index.clients[Int(index.clientOfInvoice[i])]?.segment)
            let v = log(max(inv.amount.units, 0.01))
            let s = sums[name] ?? (0, 0)
            sums[name] = (s.0 + v, s.1 + 1)
        }
        let names = sums.keys.sorted()
        return (names, names.map { let s = sums[$0] ?? (0, 1); return s.0 / Double(max(1, s.1)) })
    }

    /// Builds the rows of `ledger` for `options`.
    /// - Complexity: O(rows × columns + ledger rows).
    public static func build(ledger: Ledger, options: Options, index: LedgerIndex? = nil) -> HazardDesign {
        let index = index ?? LedgerIndex(ledger)
        let until = options.until ?? lastDay(of: ledger) ?? Day(ordinal: 0)
        let chosen = (options.invoices ?? Array(ledger.invoices.indices)).filter { ledger.invoices[$0].issuedOn <= until }
        let seg = options.segments ?? segmentLayout(ledger: ledger, index: index, invoices: chosen)
        let layout = HazardFeatureLayout(segments: seg.names.isEmpty ? ["unknown"] : seg.names,
                                         segmentMeanLogAmount: seg.meanLogAmount.isEmpty ? [0] : seg.meanLogAmount,
                                         halfLife: options.halfLife, unreachedWeight: options.unreachedWeight)
        let p = layout.columnCount
        var estimate = 0
        for i in chosen {
            let inv = ledger.invoices[i]
            let lastPay = index.payments[i].last.map { ledger.payments[$0].receivedOn } ?? until
            let first = max(inv.issuedOn, inv.dueOn - maxDaysBeforeDue)
            estimate += max(0, min(until, lastPay, inv.dueOn + maxDaysPastDue) - first + 1) * 5 / 7 + 2
        }
        var design = HazardDesign(layout: layout, rows: 0, x: [], y: [], clientIndex: [], invoiceIndex: [], day: [],
                                  dpd: [], clientIDs: index.clientIDs)
        design.x.reserveCapacity(estimate * p)
        design.y.reserveCapacity(estimate)
        design.clientIndex.reserveCapacity(estimate)
        design.invoiceIndex.reserveCapacity(estimate)
        design.day.reserveCapacity(estimate)
        design.dpd.reserveCapacity(estimate)
        var row = [Double](repeating: 0, count: p)
        for i in chosen {
            let inv = ledger.invoices[i]
            let clientK = index.clientOfInvoice[i]
            let client = index.clients[Int(clientK)]
            let segmentIndex = layout.segmentIndex(HazardFeatureLayout.segmentName(client?.segment))
            let autopay = client?.autopay ?? false
            let attemptDay = inv.dueOn.nextBusinessDay
            let terms = inv.dueOn - inv.issuedOn
            var balance = inv.amount.minorUnits
            var writeOff: Day? = nil
            var credits: [(Day, Int64)] = []
            for k in index.adjustments[i] {
                let a = ledger.adjustments[k]
                if a.kind == .writeOff { writeOff = min(writeOff ?? a.on, a.on) } else { credits.append((a.on, a.amount.minorUnits)) }
            }
            let pays = index.payments[i]
            var payPtr = 0
            let acts = index.actions[i]
            var actPtr = 0
            let promises = index.promises[i].map { ledger.promises[$0] }
            let disputes = index.disputes[i].map { ledger.disputes[$0] }
            var stock = ContactStock(halfLife: layout.halfLife, unreachedWeight: layout.unreachedWeight)
            // Rows run from the issue day (or maxDaysBeforeDue before due) to `until`, and no
            // later than maxDaysPastDue past due; payments, credits and contacts before the
            // first row day still count (the loop books them on its first day).
            let lastRowDay = min(until, inv.dueOn + maxDaysPastDue)
            var d = max(inv.issuedOn, inv.dueOn - maxDaysBeforeDue)
            if d > inv.issuedOn {
                for (cd, amount) in credits where cd.nextBusinessDay < d { balance -= amount }
                credits.removeAll { $0.0.nextBusinessDay < d }
                while payPtr < pays.count, ledger.payments[pays[payPtr]].receivedOn.nextBusinessDay < d {
                    balance -= ledger.payments[pays[payPtr]].amount.minorUnits
                    payPtr += 1
                }
                if balance <= 0 { continue }
            }
            while d <= lastRowDay {
                if let w = writeOff, d >= w { break }
                // Contacts made up to and including d count from their day.
                while actPtr < acts.count, ledger.actions[acts[actPtr]].at <= d {
                    let a = ledger.actions[acts[actPtr]]
                    stock.record(on: a.at, channel: a.channel, tone: a.tone, actor: a.actor,
                                 reached: ContactStock.isReached(a.outcome))
                    actPtr += 1
                }
                stock.advance(to: d)
                if d.isWeekend { d = d + 1; continue }
                // Payments booked on d: those received on d or on the weekend just before it.
                var paidToday: Int64 = 0
                var paymentToday = false
                while payPtr < pays.count, ledger.payments[pays[payPtr]].receivedOn.nextBusinessDay <= d {
                    paidToday += ledger.payments[pays[payPtr]].amount.minorUnits
                    paymentToday = true
                    payPtr += 1
                }
                var creditToday: Int64 = 0
                for (cd, amount) in credits where cd.nextBusinessDay == d { creditToday += amount }
                let disputed = disputes.contains { $0.isOpen(on: d) }
                let autopayPending = autopay && d <= attemptDay
                let promiseDay = promises.contains { $0.madeOn <= d && $0.promisedOn.nextBusinessDay == d }
                if !disputed && !autopayPending && !promiseDay {
                    let waiting = promises.contains { $0.madeOn <= d && d < $0.promisedOn }
                    let resolvedRecently = disputes.contains { r in
                        guard let resolved = r.resolvedOn else { return false }
                        return resolved <= d && d - resolved < 14
                    }
                    row.withUnsafeMutableBufferPointer { buffer in
                        layout.fill(row: buffer.baseAddress!, day: d, dueOn: inv.dueOn, amount: inv.amount,
                                    termsDays: terms, autopay: autopay, segment: segmentIndex,
                                    promiseWaiting: waiting, disputeResolvedRecently: resolvedRecently, stock: stock)
                    }
                    design.x.append(contentsOf: row)
                    design.y.append(paymentToday ? 1 : 0)
                    design.clientIndex.append(clientK)
                    design.invoiceIndex.append(Int32(i))
                    design.day.append(Int32(d.ordinal))
                    design.dpd.append(Int32(d - inv.dueOn))
                    design.rows += 1
                }
                balance -= paidToday + creditToday
                if balance <= 0 { break }
                d = d + 1
            }
        }
        return design
    }
}
