import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

@Suite struct ImportTests {
    @Test func importsTheValidBundle() throws {
        let store = try LedgerStore()
        let fixture = try BundleFixture(BundleFixture.valid)
        let report = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        #expect(report.totalRows == 15)
        #expect(report.totalInserted == 15)
        #expect(report.warnings.isEmpty)
        let ledger = try store.loadLedger()
        #expect(ledger.clients.map(\.id) == ["C1", "C2"])
        #expect(ledger.clients[1].autopay && ledger.clients[1].termsDays == 15)
        #expect(ledger.invoices.map(\.amount.minorUnits) == [100_000, 50_050, 25_000])
        #expect(ledger.invoices[1].currency == "USD")
        #expect(ledger.invoices[0].dueOn == (try Day(iso: "2026-01-31")))
        #expect(ledger.payments.map(\.invoiceID) == ["I1", "I3", nil])
        #expect(ledger.actions[0].at == (try Day(iso: "2026-02-03")))
        let propensity = try #require(ledger.actions[0].propensity), minutes = try #require(ledger.actions[1].minutes)
        #expect(abs(propensity - 0.5) < 1e-12 && abs(minutes - 9) < 1e-12)
        #expect(ledger.actions[1].actor == .human && ledger.actions[1].outcome == .promise)
        #expect(ledger.disputes[0].reason == "wrong hours, see ticket")
        #expect(ledger.adjustments[0].kind == .creditNote)
        #expect(ledger.timesheet[0].task == .calls)
    }

    @Test func reimportChangesNothing() throws {
        let store = try LedgerStore()
        let fixture = try BundleFixture(BundleFixture.valid)
        _ = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        let before = try store.dumpTables()
        let fingerprint = try store.ledgerFingerprint()
        let again = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        #expect(again.totalInserted == 0)
        #expect(again.files.reduce(0) { $0 + $1.unchanged } == 15)
        #expect(try store.dumpTables() == before)
        #expect(try store.ledgerFingerprint() == fingerprint)
        #expect(fingerprint.hasPrefix("fnv1a64:") && fingerprint.count == 24)
    }

    @Test func sameKeyWithDifferentContentNamesBothValues() throws {
        let store = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        let before = try store.dumpTables()
        var changed = BundleFixture.valid
        changed["invoices.csv"] = changed["invoices.csv"]?.replacingOccurrences(of: "500.50", with: "600.00")
        let error = try #require(try importError(changed, into: store))
        #expect(error.issues.map(\.description) == [
            "invoices.csv:3: amount: invoice_id \"I2\" is already in the store with amount 500.50, here 600.00; the same key must keep the same content (give the changed row a new key)",
        ])
        #expect(try store.dumpTables() == before)
    }

    @Test func fingerprintDependsOnContentNotOrder() throws {
        let a = try LedgerStore(), b = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: a) == nil)
        var reordered = BundleFixture.valid
        reordered["invoices.csv"] = """
            number,amount,invoice_id,client_id,issued_on,due_on
            ,250,I3,C2,2026-02-10,2026-02-25
            1002,500.50,I2,C1,2026-02-01,2026-03-03
            1001,1000.00,I1,C1,2026-01-01,2026-01-31
            """
        #expect(try importError(reordered, into: b) == nil)
        #expect(try a.ledgerFingerprint() == b.ledgerFingerprint())
        #expect(try a.loadLedger() == b.loadLedger())
    }

    @Test func bomCRLFAndQuotedFieldsAreRead() throws {
        var files = BundleFixture.valid
        files["clients.csv"] = "\u{FEFF}client_id,name\r\nC1,\"Acme, \"\"the\"\" IT\"\r\nC2,\"two\r\nlines\"\r\n"
        files["disputes.csv"] = "invoice_id,opened_on,reason\r\nI2,2026-03-10,\"a\nb\"\r\nI9,2026-03-11,x\r\n"
        let store = try LedgerStore()
        let error = try #require(try importError(files, into: store))
        // The unknown invoice sits on physical line 4 (the quoted field spans lines 2-3).
        #expect(error.issues.map(\.description) == [
            "disputes.csv:4: invoice_id: unknown invoice \"I9\": it is neither in invoices.csv nor in the store",
        ])
        files["disputes.csv"] = "invoice_id,opened_on,reason\r\nI2,2026-03-10,\"a\nb\"\r\n"
        #expect(try importError(files, into: store) == nil)
        let ledger = try store.loadLedger()
        #expect(ledger.clients.map(\.name) == ["Acme, \"the\" IT", "two\r\nlines"])
        #expect(ledger.disputes.map(\.reason) == ["a\nb"])
    }

    @Test func unknownColumnsAreWarnings() throws {
        let store = try LedgerStore()
        let files = BundleFixture.valid(replacing: "deposits.csv", with: """
            deposit_id,received_on,amount,memo2
            D1,2026-02-05,1000.00,x
            """)
        let fixture = try BundleFixture(files)
        let report = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        #expect(report.warnings == [
            "deposits.csv: column \"memo2\" is not part of the deposits.csv format; it was kept aside (not imported)",
        ])
    }

    @Test func missingClientsFileCreatesClientsWithAWarning() throws {
        var files = BundleFixture.valid
        files["clients.csv"] = nil
        let store = try LedgerStore()
        let fixture = try BundleFixture(files)
        let report = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        #expect(report.warnings.contains("clients.csv is absent: 2 clients were created from invoices.csv with default terms (30 days, no autopay)"))
        #expect(try store.loadLedger().clients.map(\.termsDays) == [30, 30])
    }

    @Test func artifactsAreVersioned() throws {
        let store = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        #expect(try store.latestArtifact(name: "risk") == nil)
        #expect(try store.saveArtifact(name: "risk", json: "{\"a\":1}") == 1)
        #expect(try store.saveArtifact(name: "risk", json: "{\"a\":2}") == 2)
        let latest = try #require(try store.latestArtifact(name: "risk"))
        #expect(latest.version == 2 && latest.json == "{\"a\":2}")
        // The latest ledger day (payment P3 on 2026-03-02), not the clock.
        #expect(latest.createdOn == (try Day(iso: "2026-03-02")))
    }

    @Test func fileStoreIsCreatedAndReopened() throws {
        let path = NSTemporaryDirectory() + "recoup-store-\(UUID().uuidString).db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let store = try LedgerStore(path: path, access: .readWrite(createIfMissing: true))
            #expect(try importError(BundleFixture.valid, into: store) == nil)
        }
        let reopened = try LedgerStore(path: path, access: .readWrite(createIfMissing: true))
        #expect(try reopened.rowCounts()["invoices"] == 3)
    }

    /// The import switches SQLite's own FOREIGN KEY and CHECK enforcement off for its
    /// transaction (it checks the same rules itself) and must switch it back on, after a
    /// success and after a refusal; the natural keys' indexes are all there is, before and after.
    @Test func constraintsAndIndexesAreRestored() throws {
        let store = try LedgerStore()
        func state() throws -> [String] {
            try store.read { db in
                let fk = try Int.fetchOne(db, sql: "PRAGMA foreign_keys") ?? -1
                let checks = try Int.fetchOne(db, sql: "PRAGMA ignore_check_constraints") ?? -1
                let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
                return ["fk=\(fk)", "ignoreChecks=\(checks)"] + indexes
            }
        }
        let initial = try state()
        #expect(initial.prefix(2) == ["fk=1", "ignoreChecks=0"])
        #expect(initial.contains("sqlite_autoindex_invoices_1") && initial.contains("sqlite_autoindex_actions_1"))
        #expect(!initial.contains { $0.hasSuffix("_by_client_issue") || $0.hasSuffix("_by_invoice_day") })
        let bad = BundleFixture.valid(replacing: "actions.csv", with: "action_id,invoice_id,at,channel\nA1,I1,2026-02-03,fax\n")
        #expect(try importError(bad, into: store) != nil)
        #expect(try state() == initial)
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        #expect(try state() == initial)
        // SQLite enforces the schema again: a payment for a missing invoice is refused.
        #expect(throws: (any Error).self) {
            try store.queue.write { db in
                try db.execute(sql: "INSERT INTO payments (payment_id, client, received_on, amount, invoice) VALUES ('X', 1, 0, 100, 999)")
            }
        }
        #expect(throws: (any Error).self) {
            try store.queue.write { db in
                try db.execute(sql: "INSERT INTO invoices (invoice_id, client, issued_on, due_on, amount) VALUES ('X', 1, 10, 5, 100)")
            }
        }
    }
}
