import GRDB
import RecoupPolicy

extension LedgerStore {
    /// A stored artifact: a named, versioned JSON document (a trained model, say).
    public struct Artifact: Sendable, Equatable {
        public var name: String
        /// 1 for the first artifact of this name, then 2, 3, …
        public var version: Int
        /// The latest day of the ledger when it was saved (see `saveArtifact`).
        public var createdOn: Day
        public var json: String
    }

    /// Saves `json` as the next version of artifact `name` and returns that version.
    ///
    /// `createdOn` defaults to the latest day in the ledger (the last invoice, payment or action
    /// date), not the clock, so the same store and inputs give the same artifacts; an empty
    /// ledger gives 1970-01-01.
    @discardableResult
    public func saveArtifact(name: String, json: String, createdOn: Day? = nil) throws(LedgerStoreError) -> Int {
        do {
            return try queue.write { db in
                let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM artifacts WHERE name = ?",
                                                arguments: [name]) ?? 0) + 1
                let day = try createdOn?.ordinal ?? LedgerStore.latestDay(db) ?? 0
                let record = ArtifactRecord(id: nil, name: name, version: version, createdOn: day, json: json)
                try record.insert(db)
                return version
            }
        } catch {
            throw .database(LedgerStore.reason(error))
        }
    }

    /// The highest version of artifact `name`, or nil when none is stored.
    public func latestArtifact(name: String) throws(LedgerStoreError) -> Artifact? {
        try read { db in
            try ArtifactRecord
                .filter(ArtifactRecord.Columns.name == name)
                .order(ArtifactRecord.Columns.version.desc)
                .fetchOne(db)
                .map { Artifact(name: $0.name, version: $0.version, createdOn: Day(ordinal: $0.createdOn), json: $0.json) }
        }
    }

    /// The latest issue, receipt or action day in the ledger, or nil when it is empty.
    static func latestDay(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: """
            SELECT MAX(d) FROM (SELECT MAX(issued_on) AS d FROM invoices
              UNION ALL SELECT MAX(received_on) FROM payments UNION ALL SELECT MAX(at) FROM actions)
            """)
    }
}
