import GRDB

/// A row of `disputes` (SPEC §2 disputes.csv); natural key (invoice, opened_on).
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct DisputeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "disputes"
    public var id: Int64?
    public var invoice: Int64
    public var openedOn: Int
    public var resolvedOn: Int?
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case invoice = "invoice"
        case openedOn = "opened_on"
        case resolvedOn = "resolved_on"
        case reason = "reason"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let invoice = Column("invoice")
        public static let openedOn = Column("opened_on")
        public static let resolvedOn = Column("resolved_on")
        public static let reason = Column("reason")
    }
}
