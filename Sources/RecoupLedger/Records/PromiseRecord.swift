import GRDB

/// A row of `promises` (SPEC §2 promises.csv); natural key (invoice, made_on).
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct PromiseRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "promises"
    public var id: Int64?
    public var invoice: Int64
    public var madeOn: Int
    public var promisedOn: Int
    public var amount: Int64?

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case invoice = "invoice"
        case madeOn = "made_on"
        case promisedOn = "promised_on"
        case amount = "amount"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let invoice = Column("invoice")
        public static let madeOn = Column("made_on")
        public static let promisedOn = Column("promised_on")
        public static let amount = Column("amount")
    }
}
