import GRDB

/// A row of `payments` (SPEC §2 payments.csv); `invoice` is nil for an unapplied payment.
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct PaymentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "payments"
    public var id: Int64?
    public var paymentID: String
    public var client: Int64
    public var receivedOn: Int
    public var amount: Int64
    public var invoice: Int64?
    public var method: String?

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case paymentID = "payment_id"
        case client = "client"
        case receivedOn = "received_on"
        case amount = "amount"
        case invoice = "invoice"
        case method = "method"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let paymentID = Column("payment_id")
        public static let client = Column("client")
        public static let receivedOn = Column("received_on")
        public static let amount = Column("amount")
        public static let invoice = Column("invoice")
        public static let method = Column("method")
    }
}
