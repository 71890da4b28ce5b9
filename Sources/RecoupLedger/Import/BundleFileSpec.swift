/// What one column of a bundle file holds and how it is checked (SPEC §2).
struct ColumnSpec {
    enum Kind {
        /// A non-empty natural key or name.
        case key
        /// Free text (empty = NULL).
        case text
        /// A date; `allowTime` accepts ISO date-times (`at`).
        case day(allowTime: Bool)
        /// An amount; `positive` requires > 0.
        case money(positive: Bool)
        /// A whole number in `range`, with a default when empty.
        case integer(ClosedRange<Int64>, default: Int64?)
        /// A number; `openLowerBound` excludes the lower bound (propensity is in (0, 1]).
        case number(ClosedRange<Double>, openLowerBound: Bool)
        /// true/false, default false.
        case boolean
        /// One of the spec's words, with an optional default when empty.
        case vocabulary([String], default: String?)
        /// An ISO 4217 code, default USD.
        case currency
        /// A `client_id` that must exist; bound as the client's internal id.
        case clientRef
        /// An `invoice_id` that must exist; bound as the invoice's internal id.
        case invoiceRef
    }

    /// The column's name in the bundle.
    var name: String
    /// The column in the table.
    var dbColumn: String
    var kind: Kind
    var isRequired: Bool
}

/// One file of the bundle: its columns, its table and its natural key.
struct BundleFileSpec {
    /// `invoices`, `payments`, … (the file is `<name>.csv`, the table `<name>`).
    var name: String
    var columns: [ColumnSpec]
    /// Indexes into `columns` of the natural key.
    var keyColumns: [Int]

    var fileName: String { name + ".csv" }

    func index(of column: String) -> Int? { columns.firstIndex { $0.name == column } }

    /// An insert of `rows` rows (one `(?, …)` group each) that skips rows whose natural key is
    /// already stored.
    func insertSQL(rows: Int = 1) -> String {
        let names = columns.map(\.dbColumn).joined(separator: ", ")
        let group = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let groups = Array(repeating: group, count: rows).joined(separator: ", ")
        return "INSERT INTO \(name) (\(names)) VALUES \(groups) ON CONFLICT DO NOTHING"
    }

    /// The stored rows under `rows` keys (bound one key after another), each tagged with the
    /// position of its key: `SELECT k, id, columns…`, one indexed lookup per key in one statement.
    func selectExistingSQL(rows: Int) -> String {
        let names = (["id"] + columns.map(\.dbColumn)).joined(separator: ", ")
        let condition = keyColumns.map { "\(columns[$0].dbColumn) = ?" }.joined(separator: " AND ")
        return (0..<rows).map { "SELECT \($0), \(names) FROM \(name) WHERE \(condition)" }
            .joined(separator: " UNION ALL ")
    }

    static let channels = ["email", "sms", "voice_agent", "call", "letter"]

    /// The files of SPEC §2 in import order (each may refer only to files before it).
    static let all: [BundleFileSpec] = [
        BundleFileSpec(name: "clients", columns: [
            ColumnSpec(name: "client_id", dbColumn: "client_id", kind: .key, isRequired: true),
            ColumnSpec(name: "name", dbColumn: "name", kind: .text, isRequired: false),
            ColumnSpec(name: "segment", dbColumn: "segment", kind: .text, isRequired: false),
            ColumnSpec(name: "since", dbColumn: "since", kind: .day(allowTime: false), isRequired: false),
            ColumnSpec(name: "terms_days", dbColumn: "terms_days", kind: .integer(0...3650, default: 30), isRequired: false),
            ColumnSpec(name: "autopay", dbColumn: "autopay", kind: .boolean, isRequired: false),
            ColumnSpec(name: "preferred_channel", dbColumn: "preferred_channel", kind: .vocabulary(channels, default: nil), isRequired: false),
        ], keyColumns: [0]),
        BundleFileSpec(name: "invoices", columns: [
            ColumnSpec(name: "invoice_id", dbColumn: "invoice_id", kind: .key, isRequired: true),
            ColumnSpec(name: "client_id", dbColumn: "client", kind: .clientRef, isRequired: true),
            ColumnSpec(name: "issued_on", dbColumn: "issued_on", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "due_on", dbColumn: "due_on", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "amount", dbColumn: "amount", kind: .money(positive: true), isRequired: true),
            ColumnSpec(name: "currency", dbColumn: "currency", kind: .currency, isRequired: false),
            ColumnSpec(name: "number", dbColumn: "number", kind: .text, isRequired: false),
        ], keyColumns: [0]),
        BundleFileSpec(name: "payments", columns: [
            ColumnSpec(name: "payment_id", dbColumn: "payment_id", kind: .key, isRequired: true),
            ColumnSpec(name: "client_id", dbColumn: "client", kind: .clientRef, isRequired: true),
            ColumnSpec(name: "received_on", dbColumn: "received_on", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "amount", dbColumn: "amount", kind: .money(positive: true), isRequired: true),
            ColumnSpec(name: "invoice_id", dbColumn: "invoice", kind: .invoiceRef, isRequired: false),
            ColumnSpec(name: "method", dbColumn: "method", kind: .vocabulary(["ach", "card", "check", "wire", "other"], default: nil), isRequired: false),
        ], keyColumns: [0]),
        BundleFileSpec(name: "actions", columns: [
            ColumnSpec(name: "action_id", dbColumn: "action_id", kind: .key, isRequired: true),
            ColumnSpec(name: "invoice_id", dbColumn: "invoice", kind: .invoiceRef, isRequired: true),
            ColumnSpec(name: "at", dbColumn: "at", kind: .day(allowTime: true), isRequired: true),
            ColumnSpec(name: "channel", dbColumn: "channel", kind: .vocabulary(channels, default: nil), isRequired: true),
            ColumnSpec(name: "actor", dbColumn: "actor", kind: .vocabulary(["agent", "human"], default: "agent"), isRequired: false),
            ColumnSpec(name: "tone", dbColumn: "tone", kind: .vocabulary(["soft", "standard", "firm", "final"], default: "standard"), isRequired: false),
            ColumnSpec(name: "outcome", dbColumn: "outcome", kind: .vocabulary(["none", "no_answer", "promise", "dispute", "paid", "bounced"], default: nil), isRequired: false),
            ColumnSpec(name: "minutes", dbColumn: "minutes", kind: .number(0...100_000, openLowerBound: false), isRequired: false),
            ColumnSpec(name: "propensity", dbColumn: "propensity", kind: .number(0...1, openLowerBound: true), isRequired: false),
        ], keyColumns: [0]),
        BundleFileSpec(name: "promises", columns: [
            ColumnSpec(name: "invoice_id", dbColumn: "invoice", kind: .invoiceRef, isRequired: true),
            ColumnSpec(name: "made_on", dbColumn: "made_on", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "promised_on", dbColumn: "promised_on", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "amount", dbColumn: "amount", kind: .money(positive: true), isRequired: false),
        ], keyColumns: [0, 1]),
        BundleFileSpec(name: "disputes", columns: [
            ColumnSpec(name: "invoice_id", dbColumn: "invoice", kind: .invoiceRef, isRequired: true),
            ColumnSpec(name: "opened_on", dbColumn: "opened_on", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "resolved_on", dbColumn: "resolved_on", kind: .day(allowTime: false), isRequired: false),
            ColumnSpec(name: "reason", dbColumn: "reason", kind: .text, isRequired: false),
        ], keyColumns: [0, 1]),
        BundleFileSpec(name: "adjustments", columns: [
            ColumnSpec(name: "invoice_id", dbColumn: "invoice", kind: .invoiceRef, isRequired: true),
            ColumnSpec(name: "on", dbColumn: "on_day", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "amount", dbColumn: "amount", kind: .money(positive: true), isRequired: true),
            ColumnSpec(name: "kind", dbColumn: "kind", kind: .vocabulary(["credit_note", "write_off"], default: nil), isRequired: true),
        ], keyColumns: [0, 1, 3]),
        BundleFileSpec(name: "deposits", columns: [
            ColumnSpec(name: "deposit_id", dbColumn: "deposit_id", kind: .key, isRequired: true),
            ColumnSpec(name: "received_on", dbColumn: "received_on", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "amount", dbColumn: "amount", kind: .money(positive: true), isRequired: true),
            ColumnSpec(name: "reference", dbColumn: "reference", kind: .text, isRequired: false),
        ], keyColumns: [0]),
        BundleFileSpec(name: "timesheet", columns: [
            ColumnSpec(name: "date", dbColumn: "date", kind: .day(allowTime: false), isRequired: true),
            ColumnSpec(name: "person", dbColumn: "person", kind: .key, isRequired: true),
            ColumnSpec(name: "task", dbColumn: "task", kind: .vocabulary(["reminders", "calls", "disputes", "reconciliation", "data_entry", "reporting", "other"], default: nil), isRequired: true),
            ColumnSpec(name: "minutes", dbColumn: "minutes", kind: .number(0...1440, openLowerBound: false), isRequired: true),
        ], keyColumns: [0, 1, 2]),
    ]

    static func named(_ name: String) -> BundleFileSpec? { all.first { $0.name == name } }
}
