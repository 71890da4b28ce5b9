import GRDB

/// A stored artifact (a trained model as JSON), versioned by name.
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct ArtifactRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "artifacts"
    public var id: Int64?
    public var name: String
    public var version: Int
    public var createdOn: Int
    public var json: String

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case name = "name"
        case version = "version"
        case createdOn = "created_on"
        case json = "json"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let name = Column("name")
        public static let version = Column("version")
        public static let createdOn = Column("created_on")
        public static let json = Column("json")
    }
}
