import RecoupPolicy

/// The ledger's invoices and the credits against them (applied payments, credit notes,
/// write-offs) in compact columns, and every ledger-defined KPI of SPEC §3 over them.
///
/// Build one from a store (`LedgerStore.kpiCalculator()`, a column load without materialising
/// records) or from a `Ledger` value (the simulator, tests). Every balance is exact in minor
/// units; only the final ratios are `Double`.
///
/// Definitions where SPEC §3 leaves a choice (also in docs/import.md):
/// - `AR(d)`: per invoice issued on or before `d`, amount − applied payments received on or
///   before `d` − adjustments (credit notes and write-offs) on or before `d`, floored at 0.
/// - A period `P = [from, to]` has `N = to − from + 1` days; `end = to`; `AR(start)` is
///   `AR(from − 1)`, the balance when the period opens.
/// - Unapplied payments reduce no invoice's balance.
public struct KPICalculator: Sendable {
    /// Client id (natural key) per client index, sorted.
    let clientNames: [String]
    /// The client's name from clients.csv per client index (nil where none was imported), so
    /// reports show the names people know; empty when no names were loaded.
    let clientDisplayNames: [String?]
    // Invoices, one entry each.
    let invoiceClient: [Int32]
    let issued: [Int32]
    let due: [Int32]
    let amount: [Int64]
    // Credits grouped by invoice: invoice i's are creditStart[i]..<creditStart[i+1], by day.
    let creditStart: [Int32]
    let creditDay: [Int32]
    let creditAmount: [Int64]
    /// 0 payment, 1 credit note, 2 write-off, 3 a snapshot's balance (`snapshotKind`).
    let creditKind: [UInt8]
    /// Issue days in ascending order and the running total of the amounts in that order
    /// (`salesPrefix[k]` = the first k invoices' amounts), so `sales(from:to:)` is two binary
    /// searches.
    let sortedIssued: [Int32]
    let salesPrefix: [Int64]
    /// The invoice indices in that order (`sortedIssued[k]` is `issued[issueOrder[k]]`), so a
    /// cohort (the invoices issued in a window) is a contiguous range of it.
    let issueOrder: [Int32]
    /// The currency of the invoices (the most frequent one; KPIs assume one currency).
    public let currency: String
    /// The latest invoice issue or payment receipt day (or snapshot as-of day, when later),
    /// nil for an empty ledger.
    public let latestDay: Day?
    /// The as-of days of the snapshots of a ledger without payment dates, ascending; empty
    /// for a ledger with payments (or without snapshots). Balances are then known on these
    /// days only, and the figures that need payment dates are undefined.
    public let snapshotDays: [Day]

    /// Whether the ledger is a snapshot without payment dates.
    public var isSnapshotOnly: Bool { !snapshotDays.isEmpty }

    /// The credit kind of a snapshot's balance change (`creditKind`): neither a payment nor
    /// an adjustment, only the balance the export showed on its day.
    static let snapshotKind: UInt8 = 3

    /// The number of invoices.
    public var invoiceCount: Int { amount.count }

    struct Credit {
        var invoice: Int32
        var day: Int32
        var amount: Int64
        var kind: UInt8
    }

    init(clientNames: [String], clientDisplayNames: [String?] = [], invoiceClient: [Int32], issued: [Int32], due: [Int32],
         amount: [Int64], credits: [Credit], currency: String, latestDay: Day?, snapshotDays: [Day] = []) {
        self.snapshotDays = snapshotDays
        self.clientNames = clientNames
        self.clientDisplayNames = clientDisplayNames
        self.invoiceClient = invoiceClient
        self.issued = issued
        self.due = due
        self.amount = amount
        // Counting sort of the credits by invoice, then by day within each invoice.
        var start = [Int32](repeating: 0, count: amount.count + 1)
        for credit in credits { start[Int(credit.invoice) + 1] += 1 }
        for i in 0..<amount.count { start[i + 1] += start[i] }
        var next = start
        var day = [Int32](repeating: 0, count: credits.count)
        var value = [Int64](repeating: 0, count: credits.count)
        var kind = [UInt8](repeating: 0, count: credits.count)
        for credit in credits {
            let slot = Int(next[Int(credit.invoice)])
            next[Int(credit.invoice)] += 1
            day[slot] = credit.day; value[slot] = credit.amount; kind[slot] = credit.kind
        }
        for i in 0..<amount.count where start[i + 1] - start[i] > 1 {
            let range = Int(start[i])..<Int(start[i + 1])
            let sorted = range.sorted { (day[$0], kind[$0], value[$0]) < (day[$1], kind[$1], value[$1]) }
            let d = sorted.map { day[$0] }, v = sorted.map { value[$0] }, k = sorted.map { kind[$0] }
            for (offset, slot) in range.enumerated() { day[slot] = d[offset]; value[slot] = v[offset]; kind[slot] = k[offset] }
        }
        creditStart = start; creditDay = day; creditAmount = value; creditKind = kind
        // Invoices in issue-day order (a stable sort: O(n log n), whatever the span of days).
        let order = amount.indices.sorted { (issued[$0], $0) < (issued[$1], $1) }
        let sortedDays = order.map { issued[$0] }
        var prefix = [Int64](repeating: 0, count: amount.count + 1)
        for (k, i) in order.enumerated() { prefix[k + 1] = prefix[k] + amount[i] }
        sortedIssued = sortedDays
        salesPrefix = prefix
        issueOrder = order.map { Int32($0) }
        self.currency = currency
        self.latestDay = latestDay
    }

    /// The KPI columns of an in-memory ledger.
    /// - Complexity: O(n log n) in the number of rows.
    public init(ledger: Ledger) {
        let names = Array(Set(ledger.clients.map(\.id) + ledger.invoices.map(\.clientID))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var clientIndex: [String: Int32] = [:]
        for (i, name) in names.enumerated() { clientIndex[name] = Int32(i) }
        var invoiceIndex: [String: Int32] = [:]
        for (i, invoice) in ledger.invoices.enumerated() { invoiceIndex[invoice.id] = Int32(i) }
        var credits: [Credit] = []
        for payment in ledger.payments {
            guard let id = payment.invoiceID, let i = invoiceIndex[id] else { continue }
            credits.append(Credit(invoice: i, day: Int32(payment.receivedOn.ordinal), amount: payment.amount.minorUnits, kind: 0))
        }
        for adjustment in ledger.adjustments {
            guard let i = invoiceIndex[adjustment.invoiceID] else { continue }
            credits.append(Credit(invoice: i, day: Int32(adjustment.on.ordinal), amount: adjustment.amount.minorUnits,
                                  kind: adjustment.kind == .creditNote ? 1 : 2))
        }
        var currencies: [String: Int] = [:]
        for invoice in ledger.invoices { currencies[invoice.currency, default: 0] += 1 }
        let latest = (ledger.invoices.map(\.issuedOn) + ledger.payments.map(\.receivedOn)).max()
        var displayNames = [String?](repeating: nil, count: names.count)
        for client in ledger.clients {
            if let i = clientIndex[client.id], let name = client.name, !name.isEmpty { displayNames[Int(i)] = name }
        }
        self.init(
            clientNames: names,
            clientDisplayNames: displayNames,
            invoiceClient: ledger.invoices.map { clientIndex[$0.clientID] ?? 0 },
            issued: ledger.invoices.map { Int32($0.issuedOn.ordinal) },
            due: ledger.invoices.map { Int32($0.dueOn.ordinal) },
            amount: ledger.invoices.map(\.amount.minorUnits),
            credits: credits,
            currency: KPICalculator.mostFrequent(currencies),
            latestDay: latest)
    }

    static func mostFrequent(_ counts: [String: Int]) -> String {
        counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "USD"
    }

    // MARK: Balances

    /// Invoice `i`'s open balance at the end of `day` (0 if not yet issued), floored at 0.
    @inline(__always) func openBalance(_ i: Int, on day: Int32) -> Int64 {
        guard issued[i] <= day else { return 0 }
        var balance = amount[i]
        var c = Int(creditStart[i])
        let end = Int(creditStart[i + 1])
        while c < end, creditDay[c] <= day {
            balance -= creditAmount[c]
            c += 1
        }
        return balance > 0 ? balance : 0
    }

    /// `AR(d)` and `currentAR(d)` (the part not yet due) in minor units.
    /// - Complexity: O(n + m) for n invoices and m credits.
    public func receivables(on day: Day) -> (ar: Money, current: Money) {
        let d = Int32(day.ordinal)
        var ar: Int64 = 0, current: Int64 = 0
        for i in 0..<amount.count {
            let balance = openBalance(i, on: d)
            ar += balance
            if d <= due[i] { current += balance }
        }
        return (Money(minorUnits: ar), Money(minorUnits: current))
    }

    /// `receivables(on:)` for each of `days` (in any order), from one sweep over the invoices'
    /// balance changes: an invoice adds its floored balance to `AR` on its issue day and on
    /// each day its credits change it, and leaves `currentAR` the day after its due date.
    /// - Complexity: O((n + m) log(n + m) + q log q) for q days.
    func receivables(on days: [Day]) -> [(ar: Money, current: Money)] {
        // (day, change in AR, change in currentAR), in minor units.
        var events: [(day: Int32, ar: Int64, current: Int64)] = []
        events.reserveCapacity(2 * amount.count + creditDay.count)
        for i in 0..<amount.count {
            var raw = amount[i]
            var shown = raw > 0 ? raw : 0
            var dueBalance = shown
            events.append((issued[i], shown, issued[i] <= due[i] ? shown : 0))
            var c = Int(creditStart[i])
            let end = Int(creditStart[i + 1])
            while c < end {
                let day = Swift.max(creditDay[c], issued[i])
                while c < end, Swift.max(creditDay[c], issued[i]) == day {
                    raw -= creditAmount[c]
                    c += 1
                }
                let floored = raw > 0 ? raw : 0
                if floored != shown {
                    events.append((day, floored - shown, day <= due[i] ? floored - shown : 0))
                    shown = floored
                }
                if day <= due[i] { dueBalance = shown }
            }
            if issued[i] <= due[i], dueBalance != 0, due[i] < Int32.max {
                events.append((due[i] + 1, 0, -dueBalance))
            }
        }
        events.sort { $0.day < $1.day }
        let queries = days.indices.sorted { days[$0] < days[$1] }
        var result = [(ar: Money, current: Money)](repeating: (.zero, .zero), count: days.count)
        var next = 0
        var ar: Int64 = 0, current: Int64 = 0
        for q in queries {
            let day = Int32(clamping: days[q].ordinal)
            while next < events.count, events[next].day <= day {
                ar += events[next].ar
                current += events[next].current
                next += 1
            }
            result[q] = (Money(minorUnits: ar), Money(minorUnits: current))
        }
        return result
    }

    /// Total invoiced with `issued_on` in `from...to`.
    /// - Complexity: O(log n).
    public func sales(from: Day, to: Day) -> Money {
        guard from <= to else { return .zero }
        let lower = firstIndex(issuedAtLeast: Int32(clamping: from.ordinal))
        let upper = firstIndex(issuedAtLeast: Int32(clamping: to.ordinal + 1))
        return Money(minorUnits: salesPrefix[upper] - salesPrefix[lower])
    }

    /// The first position in `sortedIssued` whose day is `>= day`.
    func firstIndex(issuedAtLeast day: Int32) -> Int {
        var low = 0, high = sortedIssued.count
        while low < high {
            let mid = (low + high) / 2
            if sortedIssued[mid] < day { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The aging report on `day`: open balances by days past due, per client and in total.
    /// - Complexity: O(n + m + c log c).
    public func aging(on day: Day) -> AgingReport {
        let d = Int32(day.ordinal)
        var total = AgingAmounts()
        var perClient = [AgingAmounts?](repeating: nil, count: clientNames.count)
        for i in 0..<amount.count {
            let balance = openBalance(i, on: d)
            guard balance > 0 else { continue }
            let dpd = Int(d - due[i])
            total.add(balance, daysPastDue: dpd)
            let c = Int(invoiceClient[i])
            var row = perClient[c] ?? AgingAmounts()
            row.add(balance, daysPastDue: dpd)
            perClient[c] = row
        }
        var byClient: [AgingReport.ClientRow] = []
        for (c, row) in perClient.enumerated() {
            if let row { byClient.append(.init(client: clientNames[c], name: displayName(c), amounts: row)) }
        }
        return AgingReport(asOf: day, currency: currency, total: total, byClient: byClient)
    }

    /// The invoices open on `day`, most overdue first (then the larger balance, then the
    /// earlier position in the store): the invoice-level aging of `report aging --invoices`.
    /// `ids` are the invoice ids in the calculator's invoice order (the store's id order).
    /// - Complexity: O(n log n).
    public func openInvoices(on day: Day, ids: [String]) -> [OpenInvoice] {
        let d = Int32(day.ordinal)
        var open: [(index: Int, balance: Int64)] = []
        for i in 0..<amount.count where issued[i] <= d {
            let balance = openBalance(i, on: d)
            if balance > 0 { open.append((i, balance)) }
        }
        open.sort { a, b in
            let (da, db) = (d - due[a.index], d - due[b.index])
            if da != db { return da > db }
            if a.balance != b.balance { return a.balance > b.balance }
            return a.index < b.index
        }
        return open.map { entry in
            let i = entry.index, c = Int(invoiceClient[i])
            return OpenInvoice(invoice: i < ids.count ? ids[i] : "#\(i + 1)", client: clientNames[c], clientName: displayName(c),
                               issuedOn: Day(ordinal: Int(issued[i])), dueOn: Day(ordinal: Int(due[i])),
                               amount: Money(minorUnits: amount[i]), open: Money(minorUnits: entry.balance),
                               daysPastDue: Int(d - due[i]))
        }
    }

    /// Client `c`'s imported name, nil when none.
    func displayName(_ c: Int) -> String? { c < clientDisplayNames.count ? clientDisplayNames[c] : nil }

    // MARK: Period KPIs

    /// Per-period KPIs of SPEC §3 for `P = [from, to]`, with payments known up to `asOf`.
    public func periodKPIs(from: Day, to: Day, asOf: Day, horizonDays: Int = 90) -> PeriodKPIs {
        periodKPIs(from: from, to: to, asOf: asOf, horizonDays: horizonDays,
                   end: receivables(on: to), start: receivables(on: from - 1))
    }

    /// `periodKPIs` with `AR(to)`, `currentAR(to)` and `AR(from − 1)` already known.
    func periodKPIs(from: Day, to: Day, asOf: Day, horizonDays: Int,
                    end: (ar: Money, current: Money), start: (ar: Money, current: Money)) -> PeriodKPIs {
        let days = to - from + 1
        let sales = self.sales(from: from, to: to).minorUnits
        let (arEnd, currentEnd) = end
        let arStart = start.ar.minorUnits
        let standard = KPIFormulas.dsoStandard(arEnd: arEnd.minorUnits, sales: sales, days: days)
        let best = KPIFormulas.bestPossibleDSO(currentAREnd: currentEnd.minorUnits, sales: sales, days: days)
        let countback = arEnd.minorUnits > 0 || sales > 0
            ? KPIFormulas.dsoCountback(arEnd: arEnd.minorUnits, months: countbackMonths(end: to)) : nil
        let cohort = cohortKPIs(from: from, to: to, asOf: asOf, horizonDays: horizonDays)
        return PeriodKPIs(
            from: from, to: to, asOf: asOf, sales: Money(minorUnits: sales),
            arStart: Money(minorUnits: arStart), arEnd: arEnd, currentAREnd: currentEnd,
            dsoStandard: standard, dsoCountback: countback, bestPossibleDSO: best,
            averageDaysDelinquent: KPIFormulas.averageDaysDelinquent(dsoStandard: standard, bestPossibleDSO: best),
            collectionEffectivenessIndex: KPIFormulas.collectionEffectivenessIndex(
                arStart: arStart, sales: sales, arEnd: arEnd.minorUnits, currentAREnd: currentEnd.minorUnits),
            percentCurrent: KPIFormulas.percentCurrent(currentAR: currentEnd.minorUnits, ar: arEnd.minorUnits),
            collectionRate: cohort.collectionRate, horizonDays: horizonDays, collectionRateComplete: cohort.complete,
            averageDaysToPay: cohort.daysToPay, averageDaysLate: cohort.daysLate,
            paidInvoices: cohort.paid, cohortDSO: cohort.cohortDSO)
    }

    /// The countback months from `end` back to the first invoice: the month holding `end`
    /// (its first day to `end`), then whole calendar months, newest first. A run of months
    /// without sales is one entry (no sales, their days summed), which `dsoCountback` treats
    /// exactly as the months one by one; so there are at most 2 entries per invoice plus one,
    /// however far `end` lies from the invoices.
    /// - Complexity: O(k log n) for k entries, at most 2n + 1.
    func countbackMonths(end: Day) -> [KPIFormulas.Month] {
        guard let first = sortedIssued.first else { return [] }
        var months: [KPIFormulas.Month] = []
        var monthEnd = end
        while monthEnd.ordinal >= Int(first) {
            let monthStart = monthEnd.startOfMonth
            let sales = sales(from: monthStart, to: monthEnd).minorUnits
            if sales > 0 {
                months.append(KPIFormulas.Month(sales: sales, days: monthEnd - monthStart + 1))
                monthEnd = monthStart - 1
                continue
            }
            // No sales here: jump to the month of the latest issue before this month.
            let before = firstIndex(issuedAtLeast: Int32(clamping: monthStart.ordinal))
            let next = before > 0 ? Day(ordinal: Int(sortedIssued[before - 1])).startOfMonth - 1 : monthStart - 1
            let gapEnd = before > 0 ? Day(ordinal: Int(sortedIssued[before - 1])) : monthStart
            let lastEmptyStart = before > 0 ? gapEnd.startOfMonth + gapEnd.daysInMonth : monthStart
            months.append(KPIFormulas.Month(sales: 0, days: monthEnd - lastEmptyStart + 1))
            monthEnd = before > 0 ? lastEmptyStart - 1 : next
        }
        return months
    }

    struct CohortResult {
        var collectionRate: Double?
        var daysToPay: Double?
        var daysLate: Double?
        var paid: Int
        var cohortDSO: Double?
        /// Every invoice of the cohort was `horizonDays` past due by `asOf`.
        var complete: Bool
    }

    /// Collection rate at H, days to pay / days late and cohort DSO over invoices issued in P.
    /// - Complexity: O(log n + the cohort's invoices and credits).
    func cohortKPIs(from: Day, to: Day, asOf: Day, horizonDays: Int) -> CohortResult {
        let a = Int32(from.ordinal), b = Int32(to.ordinal), known = Int32(asOf.ordinal)
        var rate = KPIFormulas.CollectionRate()
        var cohort = KPIFormulas.CohortDSO()
        var paid = 0, toPaySum = 0, lateSum = 0
        var latestDue = Int32.min
        for k in firstIndex(issuedAtLeast: a)..<firstIndex(issuedAtLeast: b &+ 1) {
            let i = Int(issueOrder[k])
            latestDue = max(latestDue, due[i])
            rate.addInvoiced(amount[i])
            cohort.addInvoiced(amount[i])
            var balance = amount[i]
            var lastPayment: Int32? = nil
            for c in Int(creditStart[i])..<Int(creditStart[i + 1]) where creditDay[c] <= known {
                let value = min(creditAmount[c], max(balance, 0))
                switch creditKind[c] {
                case 0:
                    rate.addReceived(value, daysAfterDue: Int(creditDay[c] - due[i]), horizonDays: horizonDays)
                    cohort.addOutstanding(value, days: Int(creditDay[c] - issued[i]))
                    lastPayment = creditDay[c]
                case 2:
                    cohort.addOutstanding(value, days: Int(creditDay[c] - issued[i]))
                default: break
                }
                balance -= creditAmount[c]
            }
            if balance > 0 {
                cohort.addOutstanding(balance, days: Int(known - issued[i]))
            } else if let lastPayment {
                paid += 1
                toPaySum += Int(lastPayment - issued[i])
                lateSum += Int(lastPayment - due[i])
            }
        }
        return CohortResult(
            collectionRate: rate.value,
            daysToPay: paid > 0 ? Double(toPaySum) / Double(paid) : nil,
            daysLate: paid > 0 ? Double(lateSum) / Double(paid) : nil,
            paid: paid, cohortDSO: cohort.value,
            complete: latestDue == .min || Int(latestDue) + horizonDays <= Int(known))
    }

    /// KPIs for each calendar month of `[from, to]` (the first and last clipped to the window).
    ///
    /// The balance-sheet figures (AR, DSO, CEI, % current) are each month's own, at its end; the
    /// cohort figures of the invoices issued in the month (collection rate, days to pay, cohort
    /// DSO) use every payment known by `asOf` (default: `to`), as an analyst reading the trend
    /// today would expect — measured at the month's own end they would only show the payments
    /// of its first weeks.
    ///
    /// The balances at every month's start and end come from one sweep over the ledger's
    /// events (`receivables(on days:)`) and each month's cohort is its own invoices, so the
    /// work is O((n + m) log(n + m)) plus O(log n) per month, not months × invoices.
    public func monthlyTrend(from: Day, to: Day, asOf: Day? = nil, horizonDays: Int = 90) -> [PeriodKPIs] {
        var windows: [(start: Day, end: Day)] = []
        var start = from
        let known = asOf ?? to
        while start <= to {
            let monthEnd = start.startOfMonth + (start.daysInMonth - 1)
            let end = min(monthEnd, to)
            windows.append((start, end))
            start = end + 1
        }
        let balances = receivables(on: windows.flatMap { [$0.start - 1, $0.end] })
        return windows.enumerated().map { k, window in
            periodKPIs(from: window.start, to: window.end, asOf: max(window.end, known), horizonDays: horizonDays,
                       end: balances[2 * k + 1], start: balances[2 * k])
        }
    }
}
