import GRDB

/// A row of `timesheet` (SPEC §2 timesheet.csv); natural key (date, person, task).
///
/// Money is in minor units and days are `Day.ordinal` integers, as stored (see LedgerMigrations).
public struct TimesheetRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "timesheet"
    public var id: Int64?
    public var date: Int
    public var person: String
    public var task: String
    public var minutes: Double

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case date = "date"
        case person = "person"
        case task = "task"
        case minutes = "minutes"
    }

    /// The table's columns, for the query interface.
    public enum Columns {
        public static let id = Column("id")
        public static let date = Column("date")
        public static let person = Column("person")
        public static let task = Column("task")
        public static let minutes = Column("minutes")
    }
}
