import GRDB
import RecoupPolicy

extension LedgerStore {
    /// The tables with an `amount` column, as (table, the SQL of the row's key for messages).
    static let amountColumns: [(table: String, key: String)] = [
        ("invoices", "invoice_id"), ("payments", "payment_id"),
        ("adjustments", "(SELECT invoice_id FROM invoices WHERE invoices.id = adjustments.invoice)"),
        ("promises", "(SELECT invoice_id FROM invoices WHERE invoices.id = promises.invoice)"), ("deposits", "deposit_id"),
    ]

    /// Every day column, as (table, column).
    static let dayColumns: [(table: String, column: String)] = [
        ("clients", "since"), ("invoices", "issued_on"), ("invoices", "due_on"), ("payments", "received_on"),
        ("actions", "at"), ("promises", "made_on"), ("promises", "promised_on"), ("disputes", "opened_on"),
        ("disputes", "resolved_on"), ("adjustments", "on_day"), ("deposits", "received_on"), ("timesheet", "date"),
    ]

    /// Checks that the stored ledger lies within `LedgerLimits`, so every sum the reports, the
    /// features, the models and the simulator make over it fits in `Int64` and every loop over
    /// days is bounded: each amount at most `maxAmountMinorUnits` in absolute value, each
    /// table's total of absolute amounts at most `maxTableTotalMinorUnits`, each day in
    /// `supportedDays`. An import never stores anything else; a store written by an older build
    /// or edited by hand may.
    ///
    /// The totals are taken as SQLite `TOTAL` (a double, which never overflows); within the
    /// bound every partial sum is an exact integer in a double.
    ///
    /// - Throws: `LedgerStoreError.amountsTooLarge` or `.corrupt` (a day out of range), naming
    ///   the table and the row.
    /// - Complexity: one scan of each table.
    static func checkLimits(_ db: Database) throws {
        let maxAmount = LedgerLimits.maxAmountMinorUnits
        for (table, key) in amountColumns {
            if let row = try Row.fetchOne(db, sql: """
                SELECT \(key), amount FROM \(table) WHERE amount > ? OR amount < ? LIMIT 1
                """, arguments: [maxAmount, -maxAmount]) {
                let keyText = (row[0] as String?) ?? "?"
                let amount: Int64 = row[1]
                throw LedgerStoreError.amountsTooLarge(
                    what: "\(table) \(keyText): amount of \(amount) minor units is beyond \(LedgerLimits.maxAmountText)")
            }
            let total = try Double.fetchOne(db, sql: "SELECT TOTAL(ABS(CAST(amount AS REAL))) FROM \(table)") ?? 0
            if total > Double(LedgerLimits.maxTableTotalMinorUnits) {
                throw LedgerStoreError.amountsTooLarge(
                    what: "\(table): the amounts total \(String(format: "%.0f", total)) minor units, beyond 10^17")
            }
        }
        let low = LedgerLimits.earliestDay.ordinal, high = LedgerLimits.latestDay.ordinal
        for (table, column) in dayColumns {
            if let day = try Int64.fetchOne(db, sql: """
                SELECT \(column) FROM \(table) WHERE \(column) < ? OR \(column) > ? LIMIT 1
                """, arguments: [low, high]) {
                let shown = Int(exactly: day).flatMap { (Int(Int32.min)...Int(Int32.max)).contains($0) ? Day(ordinal: $0).iso : nil }
                    ?? "day ordinal \(day)"
                throw LedgerStoreError.corrupt(
                    table: table, reason: "\(column) \(shown) is outside \(LedgerLimits.supportedDaysText); "
                        + "no import accepts it; re-import the ledger into a new store")
            }
        }
    }
}
