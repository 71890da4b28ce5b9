import GRDB

/// A row of `invoices` (SPEC §2 invoices.csv); `client` is the id of its `ClientRecord`.
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct InvoiceRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "invoices"
    public var id: Int64?
    public var invoiceID: String
    public var client: Int64
    public var issuedOn: Int
    public var dueOn: Int
    public var amount: Int64
    public var currency: String
    public var number: String?

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case invoiceID = "invoice_id"
        case client = "client"
        case issuedOn = "issued_on"
        case dueOn = "due_on"
        case amount = "amount"
        case currency = "currency"
        case number = "number"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let invoiceID = Column("invoice_id")
        public static let client = Column("client")
        public static let issuedOn = Column("issued_on")
        public static let dueOn = Column("due_on")
        public static let amount = Column("amount")
        public static let currency = Column("currency")
        public static let number = Column("number")
    }
}
