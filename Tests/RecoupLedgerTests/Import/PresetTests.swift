import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

@Suite struct PresetTests {
    /// ../shared/datasets/ibm-accounts-receivable.csv relative to the package root (this file
    /// is Tests/RecoupLedgerTests/Import/PresetTests.swift).
    static let ibmPath: String = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent("../shared/datasets/ibm-accounts-receivable.csv").standardized.path
    }()

    @Test func ibmSampleImportsAndGivesDSOAndCEI() throws {
        guard FileManager.default.fileExists(atPath: PresetTests.ibmPath) else {
            print("skipped: IBM sample not found at \(PresetTests.ibmPath)")
            return
        }
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importIBMAccountsReceivable(at: PresetTests.ibmPath)
        // Reference counts from Python over the same file:
        //   import csv; rows = list(csv.DictReader(open(p)))
        //   len(rows), len({r['customerID'] for r in rows}), sum(r['Disputed']=='Yes' for r in rows)
        let counts = try store.rowCounts()
        #expect(counts["invoices"] == 2466)
        #expect(counts["clients"] == 100)
        #expect(counts["payments"] == 2466)
        #expect(counts["disputes"] == 561)
        #expect(report.warnings.count == 1)
        // Re-import changes nothing.
        let before = try store.dumpTables()
        let again = try LedgerImporter(store: store).importIBMAccountsReceivable(at: PresetTests.ibmPath)
        #expect(again.totalInserted == 0)
        #expect(try store.dumpTables() == before)

        // Reference values from Python over the raw CSV (amounts to cents, an invoice open
        // until its SettledDate):
        //   P = [2013-01-01, 2013-06-30], N = 181; ar(d) = Σ amount of invoices issued <= d
        //   and settled after d; current if d <= due
        //   → sales 39380.52, AR(end) 5119.85, currentAR(end) 4284.29, AR(start) 5725.06,
        //     DSO 23.5317575796, best 19.6913725365, CEI 97.9531269100
        let period = try store.kpiCalculator().periodKPIs(
            from: try Day(iso: "2013-01-01"), to: try Day(iso: "2013-06-30"), asOf: try Day(iso: "2013-06-30"))
        #expect(period.sales == Money(minorUnits: 3_938_052))
        #expect(period.arEnd == Money(minorUnits: 511_985))
        #expect(period.currentAREnd == Money(minorUnits: 428_429))
        #expect(period.arStart == Money(minorUnits: 572_506))
        #expect(abs(try #require(period.dsoStandard) - 23.5317575796) < 1e-9)
        #expect(abs(try #require(period.bestPossibleDSO) - 19.6913725365) < 1e-9)
        #expect(abs(try #require(period.collectionEffectivenessIndex) - 97.9531269100) < 1e-9)
        // The default window ends on the last settlement (2014-01-09), when nothing is open.
        let kpiReport = try store.kpiCalculator().report()
        #expect(kpiReport.period.to == (try Day(iso: "2014-01-09")))
        #expect(kpiReport.period.arEnd == .zero)
        #expect(try store.ledgerFingerprint().hasPrefix("fnv1a64:"))
    }

    @Test func ibmShapedFileWithErrorsNamesItsOwnColumns() throws {
        let fixture = try BundleFixture([
            "ar.csv": """
                countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate
                391,0379-NEVHP,4/6/2013,611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0
                391,0379-NEVHP,4/6/2013,611366,2/30/2013,3/1/2013,10.00,No,3/15/2013,Paper,13,0
                406,0379-NEVHP,4/6/2013,611367,1/2/2013,2/1/2013,-1,Yes,1/15/2013,Paper,13,0
                """,
        ])
        let store = try LedgerStore()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importIBMAccountsReceivable(at: fixture.folder + "/ar.csv")
        }
        // Clients first (a customer whose countryCode changes), then invoices, then payments
        // (whose invoices were refused) and disputes.
        #expect(error.issues.map(\.description) == [
            "ar.csv:4: countryCode: client_id \"0379-NEVHP\" appears again (first on line 2) with a different countryCode; rows with the same key must agree",
            "ar.csv:3: InvoiceDate: \"2/30/2013\" is not a day of the calendar",
            "ar.csv:4: InvoiceAmount: \"-1\" must be greater than 0",
            "ar.csv:3: invoiceNumber: unknown invoice \"611366\": it is neither in invoices.csv nor in the store",
            "ar.csv:4: InvoiceAmount: \"-1\" must be greater than 0",
            "ar.csv:4: invoiceNumber: unknown invoice \"611367\": it is neither in invoices.csv nor in the store",
            "ar.csv:4: invoiceNumber: unknown invoice \"611367\": it is neither in invoices.csv nor in the store",
        ])
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func mappingRenamesAndConverts() throws {
        let fixture = try BundleFixture([
            "export.csv": """
                Invoice No,Customer,Date,Due,Total,Note
                R-1,K1,3.1.2026,2.2.2026,"1234,50",x
                R-2,K1,15.1.2026,14.2.2026,"99,9",y
                """,
            "mapping.json": """
                { "target": "invoices",
                  "columns": { "Invoice No": "invoice_id", "Customer": "client_id", "Date": "issued_on",
                               "Due": "due_on", "Total": "amount" },
                  "constants": { "currency": "EUR" },
                  "dateFormat": "d.M.yyyy", "decimalComma": true, "createClients": true }
                """,
        ])
        let mapping = try ColumnMapping(contentsOf: fixture.folder + "/mapping.json")
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importMapped(at: fixture.folder + "/export.csv", mapping: mapping)
        #expect(report.warnings == [
            "export.csv: column \"Note\" is not part of the invoices.csv format; it was kept aside (not imported)",
            "1 clients were created from export.csv with default terms (30 days, no autopay)",
        ])
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.amount.minorUnits) == [123_450, 9_990])
        #expect(ledger.invoices.map(\.currency) == ["EUR", "EUR"])
        #expect(ledger.invoices[0].issuedOn == (try Day(iso: "2026-01-03")))
        #expect(ledger.invoices[1].dueOn == (try Day(iso: "2026-02-14")))
    }

    @Test func mappingErrorsNameTheJSONPath() throws {
        func error(_ json: String) -> String {
            do { _ = try ColumnMapping(json: Data(json.utf8)); return "no error" } catch { return error.description }
        }
        #expect(error(#"{"target":"invoices","dateformat":"d.M.yyyy"}"#)
            == "mapping: dateformat: unknown field; the fields are amountsInMinorUnits, columns, constants, createClients, currencySymbols, dateFormat, decimalComma, defaultTermsDays, dropRowsWhere, groupAmounts, groupBy, keepWhere, negativeParentheses, skipRows, target, thousandsSeparator")
        #expect(error(#"{"columns":{}}"#) == "mapping: target: required: the bundle file the rows become, such as \"invoices\"")
        #expect(error(#"{"target":"invoices","dateFormat":"yyyy/MM"}"#).hasPrefix("mapping: dateFormat: \"yyyy/MM\" is not a date pattern"))
        #expect(error(#"{"target":"invoices","decimalComma":"yes"}"#).hasPrefix("mapping: decimalComma: wrong type"))
        #expect(error("[1]") == "mapping: $: must be a JSON object with at least \"target\"")
    }

    @Test func mappedDateInTheWrongFormatNamesTheSourceColumn() throws {
        let fixture = try BundleFixture([
            "export.csv": "Invoice No,Customer,Date,Due,Total\nR-1,K1,2026-01-03,2.2.2026,\"1,5\"\n",
        ])
        let mapping = ColumnMapping(target: "invoices",
            columns: ["Invoice No": "invoice_id", "Customer": "client_id", "Date": "issued_on", "Due": "due_on", "Total": "amount"],
            dateFormat: try DateFormat(pattern: "d.M.yyyy"), decimalComma: true, createClients: true)
        let store = try LedgerStore()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importMapped(at: fixture.folder + "/export.csv", mapping: mapping)
        }
        #expect(error.issues.map(\.description) == ["export.csv:2: Date: \"2026-01-03\" is not a date of the form d.M.yyyy"])
    }
}
