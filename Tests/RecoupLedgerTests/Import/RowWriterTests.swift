import Foundation
import GRDB
import Testing
@testable import RecoupLedger

/// The writer inserts checked rows `RowWriter.rowsPerInsert` at a time in one multi-row
/// `INSERT`; when that insert skips a row (its key is stored already) it takes the group back
/// and inserts it row by row. These files hold several groups and keys already in the store, so
/// every path runs: the ids, counts and messages must be those of a row-by-row import.
@Suite struct RowWriterTests {
    static let group = RowWriter.rowsPerInsert

    /// An invoices.csv holding `keys` (J<k>, for client C1, amount 10 + k), with row `k`'s
    /// amount replaced by `changed[k]`.
    func invoices(_ keys: [Int], changed: [Int: String] = [:]) -> String {
        var lines = ["invoice_id,client_id,issued_on,due_on,amount"]
        for k in keys { lines.append("J\(k),C1,2026-01-01,2026-01-31,\(changed[k] ?? "\(10 + k).00")") }
        return lines.joined(separator: "\n") + "\n"
    }

    func bundle(_ invoicesCSV: String) -> [String: String] {
        ["clients.csv": "client_id\nC1\n", "invoices.csv": invoicesCSV]
    }

    func storedOrder(_ store: LedgerStore) throws -> [String] {
        try store.queue.read { db in try String.fetchAll(db, sql: "SELECT invoice_id FROM invoices ORDER BY id") }
    }

    /// The store holds every other key of the first 80; the second file has keys 0…199 in
    /// order: 40 rows unchanged, 160 new, the new ones stored in line order after the old ones
    /// with no gap in the ids, and payments find every invoice, old and new. The groups up to
    /// row 95 mix stored and new rows and go in row by row; the next three go in whole.
    @Test func groupsWithStoredKeysGiveRowByRowResults() throws {
        let store = try LedgerStore()
        let evens = Array(stride(from: 0, to: 80, by: 2))
        let first = try BundleFixture(bundle(invoices(evens)))
        _ = try LedgerImporter(store: store).importBundle(at: first.folder)

        // Payment Q<k> pays invoice J<k> in full: each finds its invoice through the id map
        // the group inserts filled.
        var payments = ["payment_id,client_id,received_on,amount,invoice_id"]
        for k in 0..<200 { payments.append("Q\(k),C1,2026-02-01,\(10 + k).00,J\(k)") }
        var files = bundle(invoices(Array(0..<200)))
        files["payments.csv"] = payments.joined(separator: "\n") + "\n"
        let second = try BundleFixture(files)
        let report = try LedgerImporter(store: store).importBundle(at: second.folder)
        let counts = try #require(report.files.first { $0.file == "invoices.csv" })
        #expect(counts.rows == 200 && counts.inserted == 160 && counts.unchanged == 40)
        let odds = Array(stride(from: 1, to: 80, by: 2))
        let order: [String] = (evens + odds + Array(80..<200)).map { k in "J\(k)" }
        #expect(try storedOrder(store) == order)
        let ids = try store.queue.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM invoices ORDER BY id") }
        let consecutive: [Int64] = (1...200).map { k in Int64(k) }
        #expect(ids == consecutive)
        let matched = try store.queue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM payments p JOIN invoices i ON i.id = p.invoice
                WHERE p.amount = i.amount AND substr(p.payment_id, 2) = substr(i.invoice_id, 2)
                """)
        }
        #expect(matched == 200)
    }

    /// A whole group already stored (re-importing the same file) changes nothing.
    @Test func reimportingSeveralGroupsChangesNothing() throws {
        let store = try LedgerStore()
        let fixture = try BundleFixture(bundle(invoices(Array(0..<(3 * Self.group + 5)))))
        _ = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        let before = try store.dumpTables()
        let report = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        let counts = try #require(report.files.first { $0.file == "invoices.csv" })
        #expect(counts.inserted == 0 && counts.unchanged == 3 * Self.group + 5)
        #expect(try store.dumpTables() == before)
    }

    /// A stored key with other content in the middle of the second group, and a key repeated
    /// within the file inside one group: both named at their lines, in line order, and the
    /// store is left as it was (the rows the multi-row inserts had put in are gone too).
    @Test func conflictsInsideAGroupAreNamedAtTheirLines() throws {
        let store = try LedgerStore()
        let first = try BundleFixture(bundle(invoices([40])))
        _ = try LedgerImporter(store: store).importBundle(at: first.folder)
        let before = try store.dumpTables()

        var keys = Array(0..<100)
        keys[70] = 65  // row 70 (line 72) repeats J65 (line 67), both in the third group
        let file = invoices(keys, changed: [40: "99.00"])
        let error = try #require(try importError(bundle(file), into: store))
        #expect(error.issues.map(\.description) == [
            "invoices.csv:42: amount: invoice_id \"J40\" is already in the store with amount 50.00, here 99.00; the same key must keep the same content (give the changed row a new key)",
            "invoices.csv:72: invoice_id: duplicate invoice_id \"J65\" within the file (first on line 67); each key may appear once",
        ])
        #expect(try store.dumpTables() == before)
    }

    /// A store that fills up mid-import (SQLite's page limit stands in for a full disk): the
    /// import stops with the store's error and leaves the store as it was, whether SQLite undid
    /// only the failing statement or the whole transaction, and the next import works.
    @Test func aFullStoreStopsTheImportAndChangesNothing() throws {
        let path = NSTemporaryDirectory() + "recoup-full-" + UUID().uuidString + ".db"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try LedgerStore(path: path, access: .readWrite(createIfMissing: true))
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        let before = try store.dumpTables()
        var lines = ["action_id,invoice_id,at,channel,actor,tone,outcome"]
        for i in 0..<20_000 { lines.append("Z\(i),I\(1 + i % 3),2026-02-01,email,agent,soft,none") }
        let pages = try store.queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        _ = try store.queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + 20)") }
        let error = try #require(try importError(BundleFixture.valid(replacing: "actions.csv", with: lines.joined(separator: "\n")), into: store))
        #expect("\(error)".contains("full"), "\(error)")
        #expect(try store.dumpTables() == before)
        _ = try store.queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA max_page_count = 1073741823") }
        #expect(try importError(BundleFixture.valid(replacing: "actions.csv", with: lines.joined(separator: "\n")), into: store) == nil)
        #expect(try store.rowCounts()["actions"] == 2 + 20_000)
    }
}
