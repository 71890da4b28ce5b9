import Foundation
import Testing

/// `recoup import --dry-run`: checks everything, shows the first rows, and never creates or
/// writes the store.
@Suite struct ImportDryRunCLITests {
    static let invoices = """
        invoice_id,client_id,issued_on,due_on,amount
        I1,C1,2026-01-05,2026-02-04,1000.00
        I2,C1,2026-02-01,2026-03-03,600.00
        """

    @Test func aDryRunShowsRowsAndCreatesNoStore() throws {
        let folder = try TemporaryFolder(["invoices.csv": Self.invoices])
        let db = folder.path + "/recoup.db"
        let result = try CLIRunner.run(["import", folder.path, "--db", db, "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("dry run: nothing was written to \(db)"))
        #expect(result.stdout.contains("invoices: 2 new rows:"))
        #expect(result.stdout.contains("2026-02-01  2026-03-03  600.00"), "\(result.stdout)")
        #expect(result.stdout.contains("would import 2 new rows of 2"), "\(result.stdout)")
        #expect(Self.tableLines(result.stdout).allSatisfy { $0.count <= 100 })
        #expect(!FileManager.default.fileExists(atPath: db), "a dry run created the store")
    }

    @Test func aDryRunOfABadFileExitsOneAndLeavesTheStoreByteIdentical() throws {
        let folder = try TemporaryFolder(["good/invoices.csv": Self.invoices,
                                          "bad/invoices.csv": Self.invoices.replacingOccurrences(of: "600.00", with: "-600.00")
                                              + "\nI3,C1,2026-02-30,2026-03-03,5.00\n"])
        let db = folder.path + "/recoup.db"
        let first = try CLIRunner.run(["import", folder.path + "/good", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try CLIRunner.run(["import", folder.path + "/bad", "--db", db, "--dry-run"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("invoices.csv:3: amount: \"-600.00\" must be greater than 0"), "\(result.stderr)")
        #expect(result.stderr.contains("invoices.csv:4: issued_on: \"2026-02-30\" is not a day of the calendar"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "a dry run changed the store")
        // Against the stored ledger, I1 is already there: a dry run of the good bundle says so.
        let again = try CLIRunner.run(["import", folder.path + "/good", "--db", db, "--dry-run"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("would import 0 new rows of 2"), "\(again.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func aDryRunWithAMappingShowsTheConvertedRows() throws {
        let folder = try TemporaryFolder([
            "export.csv": "Num,Customer,Date,Amount,Status\n7,Acme,06/01/2025,\"$1,234.50\",PAID\n8,Acme,06/02/2025,$5.00,VOIDED\n",
            "map.json": #"{"target": "invoices", "createClients": true, "columns": {"Num": "invoice_id", "Customer": "client_id", "Date": "issued_on", "Amount": "amount"}, "dateFormat": "MM/dd/yyyy", "thousandsSeparator": ",", "currencySymbols": true, "defaultTermsDays": 30, "keepWhere": [{"column": "Status", "in": ["PAID", "OPEN"]}]}"#,
        ])
        let db = folder.path + "/recoup.db"
        let result = try CLIRunner.run(["import", folder.path + "/export.csv", "--map", folder.path + "/map.json", "--db", db, "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2025-06-01  2025-07-01  1234.50"), "\(result.stdout)")
        #expect(result.stdout.contains("export.csv: dropped 1 row: Status = \"VOIDED\" (not kept by keepWhere)"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// The lines of the preview tables: from a "table: N new rows" heading to the empty line
    /// after it.
    static func tableLines(_ output: String) -> [Substring] {
        var lines: [Substring] = []
        var inTable = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { inTable = false; continue }
            if line.contains(" new row") && line.hasSuffix(":") { inTable = true; continue }
            if inTable { lines.append(line) }
        }
        return lines
    }

    static func presetFixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RecoupLedgerTests/Fixtures/Presets/" + name).path
    }

    /// Every preset dry-runs (nothing written), then imports; invoice exports are snapshots
    /// whose balance KPIs work and whose payment-date commands refuse, payment exports give
    /// a ledger with payment dates. stripe-payments needs the Stripe invoices first.
    @Test(arguments: [("qbo-invoices", "qbo-invoice-list.csv", "invoices: 4 new rows", 4, false),
                      ("xero-invoices", "xero-invoices.csv", "invoices: 3 new rows", 3, false),
                      ("stripe-invoices", "stripe-invoices.csv", "invoices: 4 new rows", 4, false),
                      ("connectwise-invoices", "connectwise-invoices.csv", "invoices: 4 new rows", 4, false),
                      ("qbo-transactions", "qbo-transactions.csv", "payments: 2 new rows", 9, true),
                      ("stripe-payments", "stripe-payments.csv", "payments: 3 new rows", 3, true)])
    func everyPresetDryRunsThenImports(preset: String, file: String, table: String, rows: Int, paymentDates: Bool) throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/recoup.db"
        if preset == "stripe-payments" {
            let invoices = try CLIRunner.run(["import", Self.presetFixture("stripe-invoices.csv"), "--preset", "stripe-invoices", "--db", db])
            #expect(invoices.status == 0, "\(invoices.stderr)")
        }
        let before = FileManager.default.contents(atPath: db)
        let dry = try CLIRunner.run(["import", Self.presetFixture(file), "--preset", preset, "--db", db, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains(table), "\(dry.stdout)")
        #expect(dry.stdout.contains("dropped"), "\(dry.stdout)")
        #expect(!Self.tableLines(dry.stdout).isEmpty && Self.tableLines(dry.stdout).allSatisfy { $0.count <= 100 }, "\(dry.stdout)")
        #expect(FileManager.default.contents(atPath: db) == before)
        let real = try CLIRunner.run(["import", Self.presetFixture(file), "--preset", preset, "--db", db])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.contains("imported \(rows) new rows of \(rows)"), "\(real.stdout)")
        #expect(real.stdout.contains("snapshot of open balances") != paymentDates, "\(real.stdout)")
        let json = try CLIRunner.run(["report", "kpis", "--db", db, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["paymentDates"] as? Bool == paymentDates)
        #expect(object["dsoStandard"] as? Double != nil)
        // The table says which figures a snapshot cannot give, and shows them as missing.
        let table = try CLIRunner.run(["report", "kpis", "--db", db])
        let arStart = table.stdout.split(separator: "\n").first { $0.hasPrefix("AR at start") }.map(String.init) ?? ""
        #expect(arStart.hasSuffix("—") == !paymentDates, "\(arStart)")
        #expect(table.stdout.contains("A snapshot of open balances") == !paymentDates, "\(table.stdout)")
        let train = try CLIRunner.run(["train", "--db", db])
        if !paymentDates {
            #expect(train.status == 1)
            #expect(train.stderr.contains("this ledger has no payment dates"), "\(train.stderr)")
        } else {
            #expect(!train.stderr.contains("no payment dates"), "\(train.stderr)")
        }
    }

    /// The QBO walkthrough of docs/import.md: the invoice list, then the transactions.
    @Test func qboSnapshotThenTransactionsGivesEveryKPI() throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/recoup.db"
        #expect(try CLIRunner.run(["import", Self.presetFixture("qbo-invoice-list.csv"), "--preset", "qbo-invoices", "--db", db]).status == 0)
        let aging = try CLIRunner.run(["report", "aging", "--db", db])
        #expect(aging.stdout.hasPrefix("Aging on 2025-06-30 (USD)"), "\(aging.stdout)")
        let simulate = try CLIRunner.run(["simulate", "--policy", "history", "--db", db])
        #expect(simulate.status == 1 && simulate.stderr.contains("no payment dates"), "\(simulate.stderr)")
        let early = try CLIRunner.run(["report", "aging", "--as-of", "2025-06-01", "--db", db])
        #expect(early.status == 1 && early.stderr.contains("balances are known on that day only"), "\(early.stderr)")
        #expect(try CLIRunner.run(["import", Self.presetFixture("qbo-transactions.csv"), "--preset", "qbo-transactions", "--db", db]).status == 0)
        // CEI = 11,477.84 / 12,677.84 × 100 = 90.53465… (SnapshotTests); JSON rounds to 4 decimals.
        let json = try CLIRunner.run(["report", "kpis", "--db", db, "--from", "2025-05-01", "--to", "2025-06-30", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(abs((object["cei"] as? Double ?? 0) - 90.5347) < 1e-9)
    }
}
