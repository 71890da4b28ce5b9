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

    @Test(arguments: [("qbo-invoices", "qbo-invoice-list.csv", 4), ("xero-invoices", "xero-invoices.csv", 3),
                      ("stripe-invoices", "stripe-invoices.csv", 4)])
    func everyPresetDryRunsThenImports(preset: String, file: String, invoices: Int) throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/recoup.db"
        let dry = try CLIRunner.run(["import", Self.presetFixture(file), "--preset", preset, "--db", db, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("invoices: \(invoices) new rows"), "\(dry.stdout)")
        #expect(dry.stdout.contains("dropped"), "\(dry.stdout)")
        #expect(!Self.tableLines(dry.stdout).isEmpty && Self.tableLines(dry.stdout).allSatisfy { $0.count <= 100 }, "\(dry.stdout)")
        #expect(!FileManager.default.fileExists(atPath: db))
        let real = try CLIRunner.run(["import", Self.presetFixture(file), "--preset", preset, "--db", db])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.contains("imported \(invoices) new rows of \(invoices)"), "\(real.stdout)")
        // As computed by hand in VendorPresetTests: no payment dates, so AR(end) = sales and
        // DSO = N = 61 days.
        let json = try CLIRunner.run(["report", "kpis", "--db", db, "--from", "2025-05-01", "--to", "2025-06-30",
                                      "--as-of", "2025-06-30", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(abs((object["dsoStandard"] as? Double ?? 0) - 61.0) < 1e-9)
    }
}
