import GRDB

/// A row of `deposits` (SPEC §2 deposits.csv): a bank deposit.
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct DepositRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "deposits"
    public var id: Int64?
    public var depositID: String
    public var receivedOn: Int
    public var amount: Int64
    public var reference: String?

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case depositID = "deposit_id"
        case receivedOn = "received_on"
        case amount = "amount"
        case reference = "reference"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let depositID = Column("deposit_id")
        public static let receivedOn = Column("received_on")
        public static let amount = Column("amount")
        public static let reference = Column("reference")
    }
}
