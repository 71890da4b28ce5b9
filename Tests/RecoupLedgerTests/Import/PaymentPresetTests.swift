import Foundation
import Testing
@testable import RecoupLedger
import RecoupPolicy

/// The presets added for issue 20 item 1: QuickBooks' Transaction List by Customer and
/// Stripe's payments export (which carry payment dates) and ConnectWise PSA's invoice export,
/// each on a fixture in the export's shape, with KPIs worked out by hand.
@Suite struct PaymentPresetTests {
    static func fixture(_ name: String) -> String { VendorPresetTests.fixture(name) }

    @Test func qboTransactionListImportsInvoicesAndPayments() throws {
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importQBOTransactions(at: Self.fixture("qbo-transactions.csv"))
        // 13 rows under the header besides the 3 customer headings: 4 invoices, 1 voided
        // invoice (amount 0), 2 payments, 1 sales receipt, 3 "Total for", TOTAL, the footer.
        #expect(report.notes.first == "qbo-transactions.csv: 13 rows read under 3 customers; 4 invoices, 2 payments (2 payment rows once applied); 7 dropped")
        #expect(report.dropped.map { "\($0.rows) \($0.reason)" } == [
            "3 a customer's total row (Total for …)",
            "1 amount 0 (a voided transaction)",
            "1 Transaction Type = \"Sales Receipt\" (neither an invoice nor a payment)",
            "1 the report's TOTAL row",
            "1 the report's footer (fewer fields than the header)",
        ])
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.id) == ["1001", "1002", "1003", "1004"])
        #expect(ledger.invoices.map(\.dueOn.iso) == ["2025-05-31", "2025-06-14", "2025-07-01", "2025-07-10"])
        #expect(ledger.payments.map { "\($0.invoiceID ?? "-") \($0.receivedOn.iso) \($0.amount.minorUnits)" }
                == ["1001 2025-05-28 347784", "1004 2025-06-20 800000"])
        #expect(try store.paymentDates() == .recorded)

        // Window 05-01 … 06-30 (N = 61), as of 06-30.
        // sales = 3,477.84 + 850.50 + 1,200.00 + 12,000.00 = 17,528.34
        // AR(06-30) = 0 + 850.50 + 1,200.00 + (12,000 − 8,000) = 6,050.50; current: 850.50 + 4,000 = 4,850.50
        // DSO = 6,050.50 / 17,528.34 × 61 = 21.0563…
        // CEI = (0 + 17,528.34 − 6,050.50) / (17,528.34 − 4,850.50) × 100 = 90.5346…
        let p = try store.kpiCalculator().report(asOf: try Day(iso: "2025-06-30"), from: try Day(iso: "2025-05-01")).period
        #expect(p.sales.minorUnits == 1_752_834 && p.arEnd.minorUnits == 605_050 && p.currentAREnd.minorUnits == 485_050)
        #expect(abs(try #require(p.dsoStandard) - 605_050.0 / 1_752_834.0 * 61) < 1e-9)
        #expect(abs(try #require(p.collectionEffectivenessIndex) - 1_147_784.0 / 1_267_784.0 * 100) < 1e-9)

        let before = try store.dumpTables()
        let again = try LedgerImporter(store: store).importQBOTransactions(at: Self.fixture("qbo-transactions.csv"))
        #expect(again.totalInserted == 0)
        #expect(try store.dumpTables() == before)
    }

    @Test func aPaymentIsAppliedOldestInvoiceFirstAndTheRestUnapplied() throws {
        let csv = """
            "Northwind IT Services, LLC"
            "Transaction List by Customer"
            "June 2025"

            ,Date,Transaction Type,Num,Posting,Memo/Description,Account,Amount
            Birch Law,,,,,,,
            ,06/02/2025,Invoice,2001,Yes,,Accounts Receivable (A/R),100.00
            ,06/01/2025,Invoice,2000,Yes,,Accounts Receivable (A/R),50.00
            ,06/20/2025,Payment,77,Yes,,Undeposited Funds,"$1,160.00"
            Total for Birch Law,,,,,,,"$1,310.00"

            """
        let folder = try BundleFixture(["list.csv": csv])
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importQBOTransactions(at: folder.folder + "/list.csv")
        // 1,160.00 pays 2000 (issued first, 50.00), then 2001 (100.00); 1,010.00 is left unapplied.
        let payments = try store.loadLedger().payments
        #expect(payments.map { "\($0.id) \($0.invoiceID ?? "-") \($0.amount.minorUnits)" } == [
            "qbo:Birch Law:2025-06-20:77/2000 2000 5000",
            "qbo:Birch Law:2025-06-20:77/2001 2001 10000",
            "qbo:Birch Law:2025-06-20:77/unapplied - 101000",
        ])
        #expect(report.notes.contains { $0.contains("(1 split over several invoices, 1 with an unapplied rest)") })
        // No Due Date column: due 30 days after the date, said in a warning.
        #expect(try store.loadLedger().invoices.map { "\($0.id) \($0.dueOn.iso)" } == ["2000 2025-07-01", "2001 2025-07-02"])
        #expect(report.warnings.contains { $0.contains("no Due Date column") })
    }

    @Test func aBrokenTransactionListNamesFileLineAndFieldAndWritesNothing() throws {
        let good = try String(contentsOfFile: Self.fixture("qbo-transactions.csv"), encoding: .utf8)
        let broken = good.replacingOccurrences(of: "\"8,000.00\"", with: "\"8,00.00\"")
        #expect(broken != good)
        let folder = try BundleFixture(["qbo-transactions.csv": broken])
        let store = try LedgerStore()
        let before = try store.dumpTables()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importQBOTransactions(at: folder.folder + "/qbo-transactions.csv")
        }
        #expect(error.issues.map { "\($0.file):\($0.line): \($0.column)" } == ["qbo-transactions.csv:18: Amount"])
        #expect(error.issues.first?.reason.contains("\"8,00.00\" is not an amount") == true)
        #expect(try store.dumpTables() == before)
        // Another report is named as such.
        let other = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importQBOTransactions(at: Self.fixture("qbo-invoice-list.csv"))
        }
        #expect(other.description.contains("Transaction List by Customer"))
    }

    @Test func stripePaymentsCompleteTheStripeInvoices() throws {
        let store = try LedgerStore()
        let importer = LedgerImporter(store: store)
        _ = try importer.importPreset(.stripeInvoices, at: Self.fixture("stripe-invoices.csv"))
        let report = try importer.importPreset(.stripePayments, at: Self.fixture("stripe-payments.csv"))
        #expect(report.dropped.map { "\($0.rows) \($0.reason)" } == [
            "1 Status = \"Failed\" (not kept by keepWhere)",
            "1 Status = \"Refunded\" (not kept by keepWhere)",
            "1 Customer ID is empty",
        ])
        let payments = try store.loadLedger().payments
        // "2025-05-01 17:17" is 2025-05-01 as written; ch_3PaA05 paid no invoice: unapplied.
        #expect(payments.map { "\($0.id) \($0.invoiceID ?? "-") \($0.receivedOn.iso) \($0.amount.minorUnits)" } == [
            "ch_3PaA01 in_1QaA01 2025-05-01 12000", "ch_3PaA03 in_1QaA02 2025-06-25 45000", "ch_3PaA05 - 2025-06-10 2500",
        ])
        #expect(try store.paymentDates() == .recorded)
        // The snapshot (as of 06-15) agrees: in_1QaA02 was paid after it.
        #expect(!report.warnings.contains { $0.contains("disagree") })

        // Window 05-01 … 06-30 (N = 61), as of 06-30.
        // sales = 120 + 450 + 75.50 + 980 = 1,625.50
        // AR(06-30) = in_1QaA03 75.50 (uncollectible, still open) + in_1QaA06 980.00 = 1,055.50
        // current (due ≥ 06-30): in_1QaA06 (07-15) 980.00
        // DSO = 1,055.50 / 1,625.50 × 61 = 39.6096…; best = 980 / 1,625.50 × 61 = 36.7763…
        // CEI = (0 + 1,625.50 − 1,055.50) / (1,625.50 − 980) × 100 = 570 / 645.50 × 100 = 88.3036…
        // collection rate at 90 (so far) = (120 + 450) / 1,625.50 = 0.350661…
        // days to pay: in_1QaA01 0, in_1QaA02 06-25 − 05-20 = 36 → 18
        let p = try store.kpiCalculator().report(asOf: try Day(iso: "2025-06-30"), from: try Day(iso: "2025-05-01")).period
        #expect(p.arEnd.minorUnits == 105_550 && p.currentAREnd.minorUnits == 98_000)
        #expect(abs(try #require(p.dsoStandard) - 1_055.50 / 1_625.50 * 61) < 1e-9)
        #expect(abs(try #require(p.bestPossibleDSO) - 980.0 / 1_625.50 * 61) < 1e-9)
        #expect(abs(try #require(p.collectionEffectivenessIndex) - 570.0 / 645.50 * 100) < 1e-9)
        #expect(abs(try #require(p.collectionRate) - 570.0 / 1_625.50) < 1e-9)
        #expect(abs(try #require(p.averageDaysToPay) - 18) < 1e-9)
    }

    @Test func stripePaymentsAloneNameTheMissingInvoice() throws {
        let store = try LedgerStore()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importPreset(.stripePayments, at: Self.fixture("stripe-payments.csv"))
        }
        #expect(error.issues.first.map { $0.file == "stripe-payments.csv" && $0.line == 2 } == true, "\(error)")
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func connectwiseInvoicesAreASnapshotWithoutCreditMemos() throws {
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importPreset(.connectwiseInvoices, at: Self.fixture("connectwise-invoices.csv"))
        #expect(report.dropped.map { "\($0.rows) \($0.reason)" } == ["1 Invoice Type = \"Credit Memo\" (not kept by keepWhere)"])
        #expect(report.notes.contains { $0.contains("as of 2025-06-18 (the latest invoice date in the file") })
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.id) == ["CW-10031", "CW-10032", "CW-10033", "CW-10035"])
        #expect(ledger.invoices.map(\.amount.minorUnits) == [185_000, 64_000, 240_000, 9_500])
        #expect(ledger.clients.map(\.id).sorted() == ["Acme Dental", "Birch Law", "Cedar Clinic"])

        // As of 2025-06-18; window 05-01 … 06-18, N = 49.
        // sales = 1,850 + 640 + 2,400 + 95 = 4,985.00
        // AR(06-18) = Invoice Balance 0 + 640 + 1,400 + 95 = 2,135.00
        // current (due ≥ 06-18): CW-10033 (07-01) 1,400 + CW-10035 (07-18) 95 = 1,495.00;
        // CW-10032 (due 06-11) is 7 days past due: 1–30 = 640.00
        // DSO = 2,135 / 4,985 × 49 = 20.9859…; best = 1,495 / 4,985 × 49 = 14.6950…
        // ADD = 640 / 4,985 × 49 = 6.2909…; % current = 1,495 / 2,135 × 100 = 70.0234…
        let kpis = try store.kpiCalculator().report(from: try Day(iso: "2025-05-01"))
        let p = kpis.period
        #expect(p.to.iso == "2025-06-18")
        #expect(p.sales.minorUnits == 498_500 && p.arEnd.minorUnits == 213_500 && p.currentAREnd.minorUnits == 149_500)
        #expect(abs(try #require(p.dsoStandard) - 2_135.0 / 4_985.0 * 49) < 1e-9)
        #expect(abs(try #require(p.bestPossibleDSO) - 1_495.0 / 4_985.0 * 49) < 1e-9)
        #expect(abs(try #require(p.averageDaysDelinquent) - 640.0 / 4_985.0 * 49) < 1e-9)
        #expect(abs(try #require(p.percentCurrent) - 1_495.0 / 2_135.0 * 100) < 1e-9)
        #expect(kpis.aging.total[.days1to30].minorUnits == 64_000)
    }
}
