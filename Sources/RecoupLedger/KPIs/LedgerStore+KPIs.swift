import GRDB
import RecoupPolicy

extension LedgerStore {
    /// Loads the KPI columns straight from the tables (integers only, no records), so a
    /// 1,000,000-invoice store is read in well under a second.
    ///
    /// The store is checked against `LedgerLimits` first (`checkLimits`): within them every sum
    /// the calculator makes (a subset of one table, or the difference of two) fits in `Int64`.
    /// - Throws: `LedgerStoreError.amountsTooLarge` or `.corrupt` for a store beyond the limits.
    /// - Complexity: O(n + m) rows read, O(m) memory for m credits.
    public func kpiCalculator() throws(LedgerStoreError) -> KPICalculator {
        do {
            return try queue.read { db -> KPICalculator in
                try LedgerStore.checkLimits(db)
                var names: [String] = [], displayNames: [String?] = []
                let maxClient = try Int.fetchOne(db, sql: "SELECT IFNULL(MAX(id), 0) FROM clients") ?? 0
                var clientIndex = [Int32](repeating: 0, count: maxClient + 1)  // by client id
                let clients = try RawStatement(db, sql: "SELECT id, client_id, name FROM clients ORDER BY client_id")
                while try clients.step() {
                    clientIndex[Int(clients.int64(0))] = Int32(names.count)
                    names.append(clients.text(1) ?? "")
                    let name = clients.text(2)
                    displayNames.append(name?.isEmpty == false ? name : nil)
                }
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") ?? 0
                let maxID = try Int.fetchOne(db, sql: "SELECT IFNULL(MAX(id), 0) FROM invoices") ?? 0
                var position = [Int32](repeating: -1, count: maxID + 1)
                var client = [Int32](), issued = [Int32](), due = [Int32](), amount = [Int64]()
                client.reserveCapacity(count); issued.reserveCapacity(count)
                due.reserveCapacity(count); amount.reserveCapacity(count)
                let invoices = try RawStatement(db, sql: "SELECT id, client, issued_on, due_on, amount FROM invoices ORDER BY id")
                while try invoices.step() {
                    position[Int(invoices.int64(0))] = Int32(amount.count)
                    let c = Int(invoices.int64(1))
                    client.append(c >= 0 && c < clientIndex.count ? clientIndex[c] : 0)
                    issued.append(Int32(truncatingIfNeeded: invoices.int64(2)))
                    due.append(Int32(truncatingIfNeeded: invoices.int64(3)))
                    amount.append(invoices.int64(4))
                }
                // The latest issue or receipt day (no index gives it: found on the way).
                var latest = issued.max().map(Int64.init)
                var credits: [KPICalculator.Credit] = []
                let payments = try RawStatement(db, sql: """
                    SELECT IFNULL(invoice, 0), received_on, amount, 0 FROM payments
                    UNION ALL SELECT invoice, on_day, amount, CASE kind WHEN 'credit_note' THEN 1 ELSE 2 END FROM adjustments
                    """)
                while try payments.step() {
                    if payments.int64(3) == 0 { latest = max(latest ?? .min, payments.int64(1)) }
                    // Unapplied payments (invoice 0: ids start at 1) count only for the latest day.
                    let target = Int(payments.int64(0))
                    guard target >= 0, target < position.count else { continue }
                    let p = position[target]
                    guard p >= 0 else { continue }
                    credits.append(KPICalculator.Credit(
                        invoice: p, day: Int32(truncatingIfNeeded: payments.int64(1)),
                        amount: payments.int64(2), kind: UInt8(truncatingIfNeeded: payments.int64(3))))
                }
                // A snapshot-only ledger (no payments): each invoice's balance falls to its
                // snapshot's open balance on the snapshot's day (kind 3), so AR on that day is
                // the export's open total. With payments, the payments give the balances.
                // The latest snapshot's day is the export date: the default report day when
                // later than every invoice and payment, with or without payments.
                var snapshotDays: [Day] = []
                if let last = try LedgerStore.snapshots(db).map(\.asOf).max() { latest = max(latest ?? .min, Int64(last.ordinal)) }
                if case .missing(let snapshots) = try LedgerStore.paymentDates(db) {
                    snapshotDays = Array(Set(snapshots.map(\.asOf))).sorted()
                    let balances = try RawStatement(db, sql: """
                        SELECT b.invoice, s.as_of, b.open_amount, i.amount FROM invoice_balances b
                        JOIN snapshots s ON s.id = b.snapshot JOIN invoices i ON i.id = b.invoice
                        ORDER BY b.invoice, s.as_of, s.id
                        """)
                    var previous: (invoice: Int64, open: Int64) = (-1, 0)
                    while try balances.step() {
                        let target = Int(balances.int64(0))
                        guard target >= 0, target < position.count, position[target] >= 0 else { continue }
                        let before = previous.invoice == balances.int64(0) ? previous.open : balances.int64(3)
                        let open = balances.int64(2)
                        previous = (balances.int64(0), open)
                        guard before != open else { continue }
                        credits.append(KPICalculator.Credit(
                            invoice: position[target], day: Int32(truncatingIfNeeded: balances.int64(1)),
                            amount: before - open, kind: KPICalculator.snapshotKind))
                    }
                }
                let currency = try String.fetchOne(db, sql: """
                    SELECT currency FROM invoices GROUP BY currency ORDER BY COUNT(*) DESC, currency LIMIT 1
                    """) ?? "USD"
                return KPICalculator(clientNames: names, clientDisplayNames: displayNames, invoiceClient: client, issued: issued, due: due,
                                     amount: amount, credits: credits, currency: currency,
                                     latestDay: latest.map { Day(ordinal: Int($0)) }, snapshotDays: snapshotDays)
            }
        } catch let error as LedgerStoreError { throw error } catch {
            throw .database(LedgerStore.reason(error))
        }
    }

    /// The invoices open on `asOf` (default: the latest invoice or payment day, or the latest
    /// snapshot's as-of day when that is later), most overdue
    /// first, with the aging day used: `report aging --invoices`.
    /// - Throws: `KPIError.emptyLedger` for a ledger without invoices, `LedgerStoreError` for
    ///   a store that cannot be read.
    public func openInvoices(asOf: Day? = nil) throws -> (asOf: Day, currency: String, invoices: [OpenInvoice]) {
        let calculator = try kpiCalculator()
        guard let latest = calculator.latestDay, calculator.invoiceCount > 0 else { throw KPIError.emptyLedger }
        let day = asOf ?? latest
        try calculator.checkSnapshotDay(day)
        let ids: [String]
        do {
            ids = try queue.read { db in try String.fetchAll(db, sql: "SELECT invoice_id FROM invoices ORDER BY id") }
        } catch {
            throw LedgerStoreError.database(LedgerStore.reason(error))
        }
        return (day, calculator.currency, calculator.openInvoices(on: day, ids: ids))
    }
}
