import GRDB

/// A row of `clients`: a customer (SPEC §2 clients.csv).
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct ClientRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "clients"
    public var id: Int64?
    public var clientID: String
    public var name: String?
    public var segment: String?
    public var since: Int?
    public var termsDays: Int
    public var autopay: Bool
    public var preferredChannel: String?

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case clientID = "client_id"
        case name = "name"
        case segment = "segment"
        case since = "since"
        case termsDays = "terms_days"
        case autopay = "autopay"
        case preferredChannel = "preferred_channel"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let clientID = Column("client_id")
        public static let name = Column("name")
        public static let segment = Column("segment")
        public static let since = Column("since")
        public static let termsDays = Column("terms_days")
        public static let autopay = Column("autopay")
        public static let preferredChannel = Column("preferred_channel")
    }
}
