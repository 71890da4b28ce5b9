import GRDB

/// A row of `actions` (SPEC §2 actions.csv): a logged collections contact.
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct ActionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "actions"
    public var id: Int64?
    public var actionID: String
    public var invoice: Int64
    public var at: Int
    public var channel: String
    public var actor: String
    public var tone: String
    public var outcome: String?
    public var minutes: Double?
    public var propensity: Double?

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case actionID = "action_id"
        case invoice = "invoice"
        case at = "at"
        case channel = "channel"
        case actor = "actor"
        case tone = "tone"
        case outcome = "outcome"
        case minutes = "minutes"
        case propensity = "propensity"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let actionID = Column("action_id")
        public static let invoice = Column("invoice")
        public static let at = Column("at")
        public static let channel = Column("channel")
        public static let actor = Column("actor")
        public static let tone = Column("tone")
        public static let outcome = Column("outcome")
        public static let minutes = Column("minutes")
        public static let propensity = Column("propensity")
    }
}
