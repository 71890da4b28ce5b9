import Foundation
import Testing

@Suite struct ImportReportCLITests {
    static let invoices = """
        invoice_id,client_id,issued_on,due_on,amount
        I1,C1,2026-01-05,2026-02-04,1000.00
        I2,C1,2026-02-01,2026-03-03,600.00
        I3,C2,2026-02-15,2026-03-17,400.00
        """
    static let payments = """
        payment_id,client_id,received_on,amount,invoice_id
        P1,C1,2026-02-10,1000.00,I1
        P2,C1,2026-03-10,200.00,I2
        """

    @Test func goodBundleImportsAndReports() throws {
        let folder = try TemporaryFolder([
            "bundle/clients.csv": "", "invoices.csv": ImportReportCLITests.invoices,
            "payments.csv": ImportReportCLITests.payments, "clients.csv": "client_id\nC1\nC2\n",
        ].filter { !$0.key.hasPrefix("bundle/") })
        let db = folder.path + "/recoup.db"
        let result = try CLIRunner.run(["import", folder.path, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 7 new rows of 7 into \(db)"))
        #expect(result.stderr.isEmpty)

        let again = try CLIRunner.run(["import", folder.path, "--db", db])
        #expect(again.status == 0)
        #expect(again.stdout.contains("imported 0 new rows of 7"))

        let json = try CLIRunner.run(["report", "kpis", "--db", db, "--from", "2026-02-01", "--to", "2026-03-31", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        for key in ["asOf", "from", "to", "dsoStandard", "dsoCountback", "bestPossibleDso", "add", "cei",
                    "percentCurrent", "collectionRate90", "aging", "trend"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        // AR(2026-03-31) = 400 (I2) + 400 (I3) = 800; sales = 1000; N = 59 → 47.2 days.
        let dso = try #require(object["dsoStandard"] as? Double)
        #expect(abs(dso - 47.2) < 1e-9)
        let aging = try #require(object["aging"] as? [String: Any])
        #expect((aging["total"] as? Double).map { Int(($0 * 100).rounded()) } == 800_00)  // in minor units
        #expect((aging["byClient"] as? [String: Any])?.keys.sorted() == ["C1", "C2"])

        let table = try CLIRunner.run(["report", "aging", "--db", db, "--as-of", "2026-03-31"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Total"))
        #expect(table.stdout.contains("Aging on 2026-03-31 (USD)"))
        #expect(table.stdout.contains("800.00"))

        // Invoice level, as data: plain decimals and ISO dates (I2: 400.00 of 600.00 open, 28
        // days past due; I3: 400.00, 14 days), readable by a spreadsheet without cleaning.
        let invoices = try CLIRunner.run(["report", "aging", "--db", db, "--as-of", "2026-03-31", "--invoices", "--format", "csv"])
        #expect(invoices.status == 0, "\(invoices.stderr)")
        #expect(invoices.stdout.split(separator: "\r\n").map(String.init) == [
            "invoice,client,name,issuedOn,dueOn,daysPastDue,bucket,amount,open",
            "I2,C1,,2026-02-01,2026-03-03,28,1-30,600.00,400.00",
            "I3,C2,,2026-02-15,2026-03-17,14,1-30,400.00,400.00",
        ])
        let clientsCSV = try CLIRunner.run(["report", "aging", "--db", db, "--as-of", "2026-03-31", "--format", "csv"])
        #expect(clientsCSV.stdout.contains("total,,0.00,800.00,0.00,0.00,0.00,0.00,800.00"), "\(clientsCSV.stdout)")

        let csv = try CLIRunner.run(["report", "kpis", "--db", db, "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("period,from,to,sales,arEnd,dsoStandard"))
    }

    @Test func badBundleExitsOneWithAOneLineReason() throws {
        let folder = try TemporaryFolder([
            "clients.csv": "client_id\nC1\nC2\n",
            "invoices.csv": ImportReportCLITests.invoices.replacingOccurrences(of: "600.00", with: "-600.00"),
        ])
        let db = folder.path + "/recoup.db"
        let result = try CLIRunner.run(["import", folder.path, "--db", db])
        #expect(result.status == 1)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init)
        #expect(firstLine == "error: import refused, nothing was imported: 1 problem; first: invoices.csv:3: amount: \"-600.00\" must be greater than 0")
        #expect(result.stdout.isEmpty)
        // The store stays empty: the KPI report says so and exits 1.
        let report = try CLIRunner.run(["report", "kpis", "--db", db])
        #expect(report.status == 1)
        #expect(report.stderr == "error: the ledger store holds no invoices; import a bundle first (recoup import PATH)\n")
    }

    @Test func missingInvoicesAndBadUsage() throws {
        let folder = try TemporaryFolder(["clients.csv": "client_id\nC1\n"])
        let db = folder.path + "/recoup.db"
        let missing = try CLIRunner.run(["import", folder.path, "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: \(folder.path): no invoices.csv in this bundle folder"))
        let usage = try CLIRunner.run(["import", folder.path, "--preset", "quickbooks", "--db", db])
        #expect(usage.status == 2)
        let badDay = try CLIRunner.run(["report", "aging", "--as-of", "2026-02-30", "--db", db])
        #expect(badDay.status == 2)
        let both = try CLIRunner.run(["import", folder.path, "--preset", "ibm-ar", "--map", "m.json", "--db", db])
        #expect(both.status == 2)
    }
}
