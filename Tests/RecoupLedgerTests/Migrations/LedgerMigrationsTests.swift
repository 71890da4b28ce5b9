import Foundation
import GRDB
import RecoupPolicy
import Testing
@testable import RecoupLedger

@Suite struct LedgerMigrationsTests {
    /// A store written by a build that knew only v1 (with its three secondary indexes and rows
    /// in it) is brought to v2 when opened: the indexes go, the rows stay, the KPIs still read.
    @Test func openingAV1StoreDropsTheUnusedIndexes() throws {
        let path = NSTemporaryDirectory() + "recoup-v1-" + UUID().uuidString + ".db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        try LedgerMigrations.migrator.migrate(queue, upTo: "v1-ledger")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO clients (client_id) VALUES ('C1');
                INSERT INTO invoices (invoice_id, client, issued_on, due_on, amount) VALUES ('I1', 1, 20454, 20484, 10000);
                INSERT INTO payments (payment_id, client, received_on, amount, invoice) VALUES ('P1', 1, 20480, 10000, 1);
                """)
        }
        func indexes(_ db: Database) throws -> [String] {
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
        #expect(try queue.read(indexes) == ["actions_by_invoice_day", "invoices_by_client_issue", "payments_by_invoice"])
        try queue.close()

        let store = try LedgerStore(path: path, access: .readWrite(createIfMissing: true))
        #expect(try store.read(indexes) == [])
        #expect(try store.rowCounts()["payments"] == 1)
        let kpis = try store.kpiCalculator()
        // 2026-01-01 is day 20454; the latest day is the payment's, 2026-01-27 (day 20480).
        #expect(kpis.latestDay == Day(ordinal: 20480))
    }
}
