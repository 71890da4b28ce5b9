import GRDB

/// A row of `adjustments` (SPEC §2 adjustments.csv); natural key (invoice, on_day, kind).
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct AdjustmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "adjustments"
    public var id: Int64?
    public var invoice: Int64
    public var onDay: Int
    public var amount: Int64
    public var kind: String

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case invoice = "invoice"
        case onDay = "on_day"
        case amount = "amount"
        case kind = "kind"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let invoice = Column("invoice")
        public static let onDay = Column("on_day")
        public static let amount = Column("amount")
        public static let kind = Column("kind")
    }
}
