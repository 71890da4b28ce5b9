import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// The `--map` features for real exports (issue 20, item 3): case-insensitive headers, title
/// and footer rows, amounts with separators and signs, date-times and explicit date orders,
/// lower-case currencies, cents, default due dates, row filters and line-item grouping.
@Suite struct MappingFeatureTests {
    /// Imports `csv` (as export.csv) through the mapping JSON `json` into a new store.
    static func importing(_ csv: String, _ json: String) throws -> (LedgerStore, Result<ImportReport, LedgerImportError>) {
        let fixture = try BundleFixture(["export.csv": csv])
        let mapping = try ColumnMapping(json: Data(json.utf8))
        let store = try LedgerStore()
        do throws(LedgerImportError) {
            return (store, .success(try LedgerImporter(store: store).importMapped(at: fixture.folder + "/export.csv", mapping: mapping)))
        } catch {
            return (store, .failure(error))
        }
    }

    static func problems(_ result: Result<ImportReport, LedgerImportError>) -> [String] {
        if case .failure(let error) = result { return error.issues.isEmpty ? [error.description] : error.issues.map(\.description) }
        return []
    }

    static let invoiceColumns = #""columns": {"Num": "invoice_id", "Customer": "client_id", "Date": "issued_on", "Due": "due_on", "Amount": "amount"}"#

    @Test func headersAndMappingKeysMatchWithoutRegardToCase() throws {
        // "CURRENCY" is the bundle's currency column; "num" in the mapping names "Num".
        let (store, result) = try Self.importing("""
            NUM,customer,DATE,due,AMOUNT,CURRENCY
            1,Acme,2026-01-05,2026-02-04,10.00,gbp
            """, #"{"target": "invoices", "createClients": true, "columns": {"num": "invoice_id", "Customer": "client_id", "Date": "issued_on", "Due": "due_on", "amount": "amount"}}"#)
        let report = try result.get()
        #expect(report.warnings == ["1 clients were created from export.csv with default terms (30 days, no autopay)"])
        let invoice = try #require(try store.loadLedger().invoices.first)
        #expect(invoice.currency == "GBP")
        #expect(invoice.amount.minorUnits == 1_000)
    }

    @Test func keysThatDifferOnlyByCaseAreRefused() {
        #expect(throws: LedgerImportError.invalidMapping(path: "columns.total",
            reason: "\"Total\" and \"total\" differ only by case; header names are matched without regard to case, so keep one")) {
            try ColumnMapping(json: Data(#"{"target": "invoices", "columns": {"Total": "amount", "total": "number"}}"#.utf8))
        }
    }

    /// A QuickBooks-style report: title rows, a header, amounts with "$" and ",", a total row
    /// and a one-field footer.
    @Test func titleRowsTotalsAndFootersAreSkippedAndCounted() throws {
        let (store, result) = try Self.importing("""
            Northwind IT Services LLC
            Invoice List
            All Dates

            Date,Num,Customer,Due,Amount,Open Balance
            06/01/2025,1001,Acme,07/01/2025,"$3,477.84","3,477.84"
            06/15/2025,1002,Beta,07/15/2025,"1,200.00",0.00
            TOTAL,,,,"$4,677.84","3,477.84"

            "Monday, December 01, 2025 10:00 AM GMT-05:00"
            """, #"{"target": "invoices", "createClients": true, "skipRows": 3, \#(Self.invoiceColumns), "dateFormat": "MM/dd/yyyy", "thousandsSeparator": ",", "currencySymbols": true, "dropRowsWhere": [{"column": "date", "prefix": "TOTAL"}, {"fewerFields": true}]}"#)
        let report = try result.get()
        #expect(report.dropped == [
            .init(file: "export.csv", reason: "date starts with \"TOTAL\"", rows: 1),
            .init(file: "export.csv", reason: "fewer fields than the header (a report footer)", rows: 1),
        ])
        #expect(report.notes == ["export.csv: 4 rows read; 2 dropped"])
        #expect(report.warnings.first == "export.csv: column \"Open Balance\" is not part of the invoices.csv format; it was kept aside (not imported)")
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.amount.minorUnits) == [347_784, 120_000])
        #expect(ledger.invoices.map(\.issuedOn.iso) == ["2025-06-01", "2025-06-15"])
    }

    @Test(arguments: [
        // (style options, text, minor units or the reason's start)
        (#""thousandsSeparator": ",", "currencySymbols": true"#, "$3,477.84", "347784"),
        (#""thousandsSeparator": ",", "currencySymbols": true"#, "USD 1,000", "100000"),
        (#""thousandsSeparator": ".", "decimalComma": true, "currencySymbols": true"#, "1.234,50 €", "123450"),
        (#""thousandsSeparator": " ", "decimalComma": true"#, "12 345,6", "1234560"),
        (#""amountsInMinorUnits": true"#, "347784", "347784"),
        (#""amountsInMinorUnits": true, "thousandsSeparator": ",""#, "347,784", "347784"),
        (#""thousandsSeparator": ",""#, "3,47.84", "\"3,47.84\" is not an amount as the mapping writes them (decimal point, thousands separator \",\"): the thousands separator \",\" must group three digits"),
        (#""amountsInMinorUnits": true"#, "12.50", "\"12.50\" is not an amount as the mapping writes them (whole minor units (cents)): amounts are whole minor units (cents), such as 347784"),
        (#""currencySymbols": true"#, "$12.505", "\"$12.505\" is not an amount"),
    ])
    func amountsAreConvertedExactly(options: String, text: String, expected: String) throws {
        let (store, result) = try Self.importing("Num,Customer,Date,Due,Amount\n1,Acme,2026-01-05,2026-02-04,\"\(text)\"\n",
            #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), \#(options)}"#)
        if let minor = Int64(expected) {
            #expect(Self.problems(result) == [])
            #expect(try store.loadLedger().invoices.first?.amount.minorUnits == minor)
        } else {
            let problems = Self.problems(result)
            #expect(problems.count == 1 && problems[0].hasPrefix("export.csv:2: Amount: " + expected), "\(problems)")
            #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
        }
    }

    @Test func negativesInParenthesesAreReadAndAnInvoiceMustStillBePositive() throws {
        let style = AmountStyle(thousandsSeparator: UInt8(ascii: ","), negativeParentheses: true)
        #expect(style.minorUnits("(1,120.00)") == .success(-112_000))
        #expect(AmountStyle.canonical(-112_000) == Array("-1120.00".utf8))
        let (_, result) = try Self.importing("Num,Customer,Date,Due,Amount\n1,Acme,2026-01-05,2026-02-04,(120.00)\n",
            #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), "negativeParentheses": true}"#)
        #expect(Self.problems(result) == ["export.csv:2: Amount: \"-120.00\" must be greater than 0"])
    }

    @Test(arguments: [
        ("yyyy-MM-dd HH:mm", "2025-06-01 17:16", "2025-06-01"),
        ("yyyy-MM-dd HH:mm", "2025-06-01 23:59", "2025-06-01"),
        ("dd/MM/yyyy", "01/02/2026", "2026-02-01"),
        ("MM/dd/yyyy", "01/02/2026", "2026-01-02"),
        ("M/d/yyyy h:mm:ss", "6/1/2025 5:16:09", "2025-06-01"),
        ("unix", "1748798160", "2025-06-01"),
        ("yyyy-MM-dd HH:mm", "2025-06-01 25:16", "\"2025-06-01 25:16\" is not a date of the form yyyy-MM-dd HH:mm"),
        ("yyyy-MM-dd HH:mm", "2025-06-01", "\"2025-06-01\" is not a date of the form yyyy-MM-dd HH:mm"),
        ("MM/dd/yyyy", "13/02/2026", "\"13/02/2026\" is not a day of the calendar"),
        ("unix", "99999999999", "\"99999999999\" is outside the dates Recoup accepts"),
    ])
    func dateTimesAndExplicitDateOrders(format: String, text: String, expected: String) throws {
        let (store, result) = try Self.importing("Num,Customer,Date,Due,Amount\n1,Acme,\(text),,5.00\n",
            #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), "dateFormat": "\#(format)", "defaultTermsDays": 0}"#)
        if expected.first == "\"" {
            let problems = Self.problems(result)
            #expect(problems.count == 1 && problems[0].hasPrefix("export.csv:2: Date: " + expected), "\(problems)")
        } else {
            #expect(Self.problems(result) == [])
            #expect(try store.loadLedger().invoices.first?.issuedOn.iso == expected)
        }
    }

    @Test func anEmptyDueDateIsTheIssueDatePlusTheTerms() throws {
        let (store, result) = try Self.importing("""
            Num,Customer,Date,Due,Amount
            1,Acme,2026-01-05,,5.00
            2,Acme,2026-01-31,2026-02-14,5.00
            """, #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), "defaultTermsDays": 30}"#)
        #expect(Self.problems(result) == [])
        #expect(try store.loadLedger().invoices.map(\.dueOn.iso) == ["2026-02-04", "2026-02-14"])
        // Without a due column at all, every due date comes from the terms.
        let (other, again) = try Self.importing("Num,Customer,Date,Amount\n1,Acme,2026-01-05,5.00\n",
            #"{"target": "invoices", "createClients": true, "columns": {"Num": "invoice_id", "Customer": "client_id", "Date": "issued_on", "Amount": "amount"}, "defaultTermsDays": 14}"#)
        #expect(Self.problems(again) == [])
        #expect(try other.loadLedger().invoices.map(\.dueOn.iso) == ["2026-01-19"])
    }

    @Test func aStatusFilterDropsAndCountsRowsPerValue() throws {
        let (store, result) = try Self.importing("""
            Num,Customer,Date,Due,Amount,Status
            1,Acme,2026-01-05,2026-02-04,5.00,AUTHORISED
            2,Acme,2026-01-05,2026-02-04,5.00,VOIDED
            3,Acme,2026-01-05,2026-02-04,5.00,DRAFT
            4,Acme,2026-01-05,2026-02-04,5.00,PAID
            5,Acme,2026-01-05,2026-02-04,5.00,DRAFT
            """, #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), "keepWhere": [{"column": "status", "in": ["AUTHORISED", "PAID"]}]}"#)
        let report = try result.get()
        #expect(report.dropped == [
            .init(file: "export.csv", reason: "status = \"VOIDED\" (not kept by keepWhere)", rows: 1),
            .init(file: "export.csv", reason: "status = \"DRAFT\" (not kept by keepWhere)", rows: 2),
        ])
        #expect(try store.loadLedger().invoices.map(\.id) == ["1", "4"])
        #expect(report.description.contains("export.csv: dropped 2 rows: status = \"DRAFT\" (not kept by keepWhere)"))
    }

    @Test func everyRowDroppedIsAnErrorThatSaysSo() throws {
        let (_, result) = try Self.importing("Num,Customer,Date,Due,Amount,Status\n2,Acme,2026-01-05,2026-02-04,5.00,VOIDED\n",
            #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), "keepWhere": [{"column": "Status", "equals": "PAID"}]}"#)
        #expect(Self.problems(result) == ["export.csv:1: -: every row was dropped (1 × Status = \"VOIDED\" (not kept by keepWhere)); there is no invoice to import"])
    }

    @Test func lineItemsAreSummedIntoOneInvoice() throws {
        let (store, result) = try Self.importing("""
            Num,Customer,Date,Due,Amount,Description
            INV-1,Acme,2026-01-05,2026-02-04,100.00,Support
            INV-2,Beta,2026-01-06,2026-02-05,40.00,Licences
            INV-1,Acme,2026-01-05,2026-02-04,50.50,Hardware
            INV-1,Acme,2026-01-05,2026-02-04,20.00,Travel
            """, #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), "groupBy": "num"}"#)
        let report = try result.get()
        #expect(report.notes == ["export.csv: 4 rows read; 4 line items grouped into 2 invoices"])
        let invoices = try store.loadLedger().invoices
        #expect(invoices.map(\.id) == ["INV-1", "INV-2"])
        #expect(invoices.map(\.amount.minorUnits) == [17_050, 4_000])  // 100.00 + 50.50 + 20.00
    }

    @Test func lineItemsThatDisagreeAreRefusedWithLineAndColumn() throws {
        let (store, result) = try Self.importing("""
            Num,Customer,Date,Due,Amount
            INV-1,Acme,2026-01-05,2026-02-04,100.00
            INV-1,Acme,2026-01-05,2026-02-04,oops
            INV-1,Beta,2026-01-05,2026-02-04,20.00
            """, #"{"target": "invoices", "createClients": true, \#(Self.invoiceColumns), "groupBy": "Num"}"#)
        #expect(Self.problems(result) == [
            "export.csv:3: Amount: \"oops\" is not a decimal amount such as 1234.50",
            "export.csv:4: Customer: \"Beta\" differs from \"Acme\" on line 2, the first line of invoice \"INV-1\"; the lines of one invoice must agree on client, dates and currency",
        ].map { $0 }, "\(Self.problems(result))")
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func mappingProblemsNameTheirJSONPath() {
        func error(_ json: String) -> String {
            do { _ = try ColumnMapping(json: Data(json.utf8)); return "no error" } catch { return error.description }
        }
        #expect(error(#"{"target": "invoices", "keepWhere": [{"column": "Status"}]}"#)
            == "mapping: keepWhere[0]: give exactly one of equals, prefix, in, empty, fewerFields")
        #expect(error(#"{"target": "invoices", "dropRowsWhere": [{"column": "A", "prefix": "T", "colour": 1}]}"#)
            .hasPrefix("mapping: dropRowsWhere[0].colour: unknown field"))
        #expect(error(#"{"target": "invoices", "thousandsSeparator": ",", "decimalComma": true}"#)
            == "mapping: thousandsSeparator: is also the decimal separator; set decimalComma to match the export")
        #expect(error(#"{"target": "payments", "groupBy": "Num"}"#)
            == "mapping: groupBy: groups invoice line items; it is for target invoices")
        #expect(error(#"{"target": "invoices", "defaultTermsDays": 4000}"#)
            == "mapping: defaultTermsDays: must be a whole number of days from 0 to 3650")
        #expect(error(#"{"target": "invoices", "skipRows": -1}"#) == "mapping: skipRows: must be a whole number from 0 to 1000")
    }

    @Test func aConditionOnAMissingColumnIsAMappingError() throws {
        let (_, result) = try Self.importing("Num,Customer,Date,Due,Amount\n1,Acme,2026-01-05,2026-02-04,5.00\n",
            #"{"target": "invoices", \#(Self.invoiceColumns), "keepWhere": [{"column": "Status", "in": ["PAID"]}]}"#)
        #expect(Self.problems(result) == ["mapping: keepWhere[0].column: export.csv has no column \"Status\"; its columns are Num, Customer, Date, Due, Amount"])
    }
}
