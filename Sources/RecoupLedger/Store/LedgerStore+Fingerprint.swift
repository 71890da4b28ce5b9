import GRDB

extension LedgerStore {
    /// A stable fingerprint of the ledger's content: `"fnv1a64:"` and 16 lower-case hex digits.
    ///
    /// It is the 64-bit FNV-1a hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of a
    /// canonical dump: each ledger table in `tableNames` order, its rows sorted by natural key,
    /// references written as natural keys (never internal ids), money as minor units, days as
    /// ISO dates, fields separated by 0x1F and rows ended by 0x1E, tables by their name and 0x1D.
    /// So it does not depend on import order or on stored artifacts. It detects changes; it is
    /// not a cryptographic hash and must not be used to prove integrity against an adversary.
    ///
    /// - Complexity: O(n log n) in the number of rows, streamed (constant memory).
    public func ledgerFingerprint() throws(LedgerStoreError) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        func mix(_ text: String) { for b in text.utf8 { mix(b) } }
        try read { db in
            for (table, sql) in LedgerStore.canonicalQueries {
                mix(table)
                mix(0x1D)
                let cursor = try Row.fetchCursor(db, sql: sql)
                while let row = try cursor.next() {
                    for index in 0..<row.count {
                        if index > 0 { mix(0x1F) }
                        mix(LedgerStore.canonicalText(row[index] as DatabaseValue))
                    }
                    mix(0x1E)
                }
            }
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A text dump of every table (ledger and artifacts), rows in id order with every column
    /// including ids: two equal dumps mean two byte-identical logical stores. For tests and
    /// debugging. - Complexity: O(n); the whole dump is held in memory.
    public func dumpTables() throws(LedgerStoreError) -> String {
        try read { db in
            var text = ""
            let snapshotTables = try db.tableExists("snapshots") ? ["snapshots", "invoice_balances"] : []
            for table in LedgerStore.tableNames + snapshotTables + ["artifacts"] {
                text += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id") {
                    text += row.columnNames.map { name in "\(name)=\(LedgerStore.canonicalText(row[name] as DatabaseValue))" }
                        .joined(separator: "|") + "\n"
                }
            }
            return text
        }
    }

    static func canonicalText(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "\u{0}"
        case .int64(let v): return String(v)
        case .double(let v): return String(v)
        case .string(let s): return s
        case .blob(let d): return d.map { String($0, radix: 16) }.joined()
        }
    }

    /// One query per ledger table giving its rows in canonical form and order.
    static let canonicalQueries: [(String, String)] = [
        ("clients", "SELECT client_id, name, segment, since, terms_days, autopay, preferred_channel FROM clients ORDER BY client_id"),
        ("invoices", "SELECT i.invoice_id, c.client_id, i.issued_on, i.due_on, i.amount, i.currency, i.number FROM invoices i JOIN clients c ON c.id = i.client ORDER BY i.invoice_id"),
        ("payments", "SELECT p.payment_id, c.client_id, p.received_on, p.amount, i.invoice_id, p.method FROM payments p JOIN clients c ON c.id = p.client LEFT JOIN invoices i ON i.id = p.invoice ORDER BY p.payment_id"),
        ("actions", "SELECT a.action_id, i.invoice_id, a.at, a.channel, a.actor, a.tone, a.outcome, a.minutes, a.propensity FROM actions a JOIN invoices i ON i.id = a.invoice ORDER BY a.action_id"),
        ("promises", "SELECT i.invoice_id, p.made_on, p.promised_on, p.amount FROM promises p JOIN invoices i ON i.id = p.invoice ORDER BY i.invoice_id, p.made_on"),
        ("disputes", "SELECT i.invoice_id, d.opened_on, d.resolved_on, d.reason FROM disputes d JOIN invoices i ON i.id = d.invoice ORDER BY i.invoice_id, d.opened_on"),
        ("adjustments", "SELECT i.invoice_id, a.on_day, a.amount, a.kind FROM adjustments a JOIN invoices i ON i.id = a.invoice ORDER BY i.invoice_id, a.on_day, a.kind"),
        ("deposits", "SELECT deposit_id, received_on, amount, reference FROM deposits ORDER BY deposit_id"),
        ("timesheet", "SELECT date, person, task, minutes FROM timesheet ORDER BY date, person, task"),
    ]
}
