import GRDB
import RecoupPolicy

/// One imported snapshot: the open balances an invoice export showed on its as-of day
/// (docs/import.md, "Snapshots").
public struct LedgerSnapshot: Sendable, Equatable {
    /// Where the as-of day came from.
    public enum AsOfBasis: String, Sendable, Equatable {
        /// `recoup import --as-of D`.
        case option
        /// The export's own date (a report-date title or date-stamp footer).
        case export
        /// The latest invoice date in the file (the export does not say when it was made).
        case latest
    }

    /// The day the balances are as of.
    public var asOf: Day
    /// The exported file's name.
    public var source: String
    /// The preset that read it (`qbo-invoices`).
    public var preset: String
    public var basis: AsOfBasis
    /// Invoices with a balance in the snapshot.
    public var invoices: Int
    /// Their open balances' total.
    public var open: Money

    /// Which export would give this snapshot's ledger its payment dates.
    public var paymentsExport: String {
        switch preset {
        case "qbo-invoices": return "QuickBooks Online's Transaction List by Customer (--preset qbo-transactions)"
        case "stripe-invoices": return "Stripe's payments export (--preset stripe-payments)"
        default: return "a payments export mapped with --map (\"target\": \"payments\")"
        }
    }
}

/// Whether the ledger knows when invoices were paid.
///
/// A ledger has payment dates unless it holds a snapshot (open balances as of a day, from an
/// invoice export) and no payment at all. Once any payment is imported the payments are the
/// ledger: balances come from them, the snapshots' balances are only compared with them (an
/// import warns about every invoice where they disagree), and every report works.
public enum PaymentDates: Sendable, Equatable {
    /// Payments are recorded (or there is no snapshot: every balance comes from the ledger).
    case recorded
    /// Only snapshots: balances on their as-of days are known, payment dates are not.
    case missing(snapshots: [LedgerSnapshot])

    public var areRecorded: Bool { self == .recorded }
}

/// A command that needs payment dates met a ledger that has none (a snapshot only).
public struct PaymentDatesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What needed them (`train`, `report time-audit`).
    public var need: String
    public var snapshots: [LedgerSnapshot]

    public init(need: String, snapshots: [LedgerSnapshot]) {
        self.need = need
        self.snapshots = snapshots
    }

    public var description: String {
        let shown = snapshots.map { "\($0.asOf.iso) (\($0.source), --preset \($0.preset))" }
        var exports: [String] = []
        for snapshot in snapshots where !exports.contains(snapshot.paymentsExport) { exports.append(snapshot.paymentsExport) }
        exports.append("a bundle's payments.csv")
        return "\(need) needs the days invoices were paid, and this ledger has no payment dates: it is a snapshot of open balances as of "
            + shown.joined(separator: ", ")
            + ", which says how much is open but not when anything was paid. Import the payments: "
            + exports.joined(separator: ", or ")
            + " (docs/import.md, \"Snapshots\"). Reports of balances only (aging, DSO, % current) work as they are."
    }
}

extension LedgerStore {
    /// The snapshots in the store, by as-of day then file (none in a store without the
    /// snapshot tables, made before schema v4).
    public func snapshots() throws(LedgerStoreError) -> [LedgerSnapshot] {
        try read { db in try LedgerStore.snapshots(db) }
    }

    static func snapshots(_ db: Database) throws -> [LedgerSnapshot] {
        guard try db.tableExists("snapshots") else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.as_of, s.source, s.preset, s.as_of_basis, COUNT(b.id), IFNULL(SUM(b.open_amount), 0)
            FROM snapshots s LEFT JOIN invoice_balances b ON b.snapshot = s.id
            GROUP BY s.id ORDER BY s.as_of, s.source
            """)
        return rows.map { row in
            LedgerSnapshot(asOf: Day(ordinal: Int(row[0] as Int64)), source: row[1], preset: row[2],
                           basis: LedgerSnapshot.AsOfBasis(rawValue: row[3]) ?? .latest,
                           invoices: row[4], open: Money(minorUnits: row[5]))
        }
    }

    /// Whether the ledger has payment dates (`PaymentDates`).
    public func paymentDates() throws(LedgerStoreError) -> PaymentDates {
        try read { db in try LedgerStore.paymentDates(db) }
    }

    static func paymentDates(_ db: Database) throws -> PaymentDates {
        let snapshots = try snapshots(db)
        guard !snapshots.isEmpty else { return .recorded }
        let payments = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM payments)") ?? 0
        return payments > 0 ? .recorded : .missing(snapshots: snapshots)
    }

    /// Throws `PaymentDatesError` naming `need` and the export that supplies payment dates
    /// when the ledger is a snapshot only; the one line each command that needs payment dates
    /// (training, simulation, the time audit and ROI) calls before its work.
    ///
    /// ```swift
    /// try store.requirePaymentDates(for: "train")
    /// ```
    /// - Throws: `PaymentDatesError`, or `LedgerStoreError` when the store cannot be read.
    public func requirePaymentDates(for need: String) throws {
        if case .missing(let snapshots) = try paymentDates() {
            throw PaymentDatesError(need: need, snapshots: snapshots)
        }
    }

    /// Invoices whose snapshot balance differs from the balance their payments and
    /// adjustments give on the snapshot's day: (invoice id, as-of day, snapshot balance, ledger
    /// balance), at most `limit`, and how many there are. Empty without payments.
    static func snapshotDisagreements(_ db: Database, limit: Int = 3) throws
        -> (count: Int, first: [(invoice: String, asOf: Day, snapshot: Money, ledger: Money)]) {
        guard try db.tableExists("snapshots"),
              (try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM payments)") ?? 0) > 0 else { return (0, []) }
        let sql = """
            SELECT invoice_id, as_of, open_amount, ledger FROM (
              SELECT i.invoice_id, s.as_of, b.open_amount, MAX(0, i.amount
                - IFNULL((SELECT SUM(p.amount) FROM payments p WHERE p.invoice = i.id AND p.received_on <= s.as_of), 0)
                - IFNULL((SELECT SUM(a.amount) FROM adjustments a WHERE a.invoice = i.id AND a.on_day <= s.as_of), 0)) AS ledger
              FROM invoice_balances b JOIN invoices i ON i.id = b.invoice JOIN snapshots s ON s.id = b.snapshot
            ) WHERE ledger <> open_amount ORDER BY as_of, invoice_id
            """
        let rows = try Row.fetchAll(db, sql: sql)
        return (rows.count, rows.prefix(limit).map { row in
            (row[0], Day(ordinal: Int(row[1] as Int64)), Money(minorUnits: row[2]), Money(minorUnits: row[3]))
        })
    }
}
