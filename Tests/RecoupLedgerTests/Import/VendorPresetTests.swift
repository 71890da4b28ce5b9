import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// The vendor presets on fixtures in the shape each vendor documents its export
/// (Tests/RecoupLedgerTests/Fixtures/Presets; docs/import.md cites the pages): each imports its
/// fixture as exported, all or nothing, and the KPIs agree with figures worked out by hand.
///
/// None of the invoice exports carries payment dates: each imports as a snapshot, the open
/// balance of every invoice as of the export's day (docs/import.md, "Snapshots"), so the hand
/// figures below are balances on that day; the figures that need payment dates are nil. The
/// window starts on 2025-05-01 and ends on the snapshot's day, and nothing was open before it.
@Suite struct VendorPresetTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/Presets/" + name).path
    }

    static func window() throws -> (Day, Day) { (try Day(iso: "2025-05-01"), try Day(iso: "2025-06-30")) }

    @Test func qboInvoiceListImportsAsExported() throws {
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importPreset(.qboInvoices, at: Self.fixture("qbo-invoice-list.csv"))
        #expect(report.notes == ["qbo-invoice-list.csv: 6 rows read; 2 dropped",
                                 "qbo-invoice-list.csv: a snapshot of open balances as of 2025-06-30 (the export's date, line 13: \"Monday, June 30, 2025 09:12 AM GMT-04:00\"); 4 invoices, 3 with 6,050.50 open; 4 new, 0 unchanged"])
        #expect(report.dropped.map(\.reason) == ["Date starts with \"TOTAL\"", "fewer fields than the header (a report footer)"])
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.id) == ["1001", "1002", "1003", "1004"])
        #expect(ledger.invoices.map(\.amount.minorUnits) == [347_784, 120_000, 85_050, 1_200_000])
        #expect(ledger.clients.map(\.id).sorted() == ["Acme Dental", "Birch Law", "Cedar Clinic"])
        #expect(ledger.payments.isEmpty)  // no payment is invented

        // Snapshot as of 2025-06-30 (the footer's date stamp); window 05-01 … 06-30, N = 61.
        // sales = 3,477.84 + 1,200.00 + 850.50 + 12,000.00 = 17,528.34
        // AR(06-30) = open balances 0 + 1,200.00 + 850.50 + 4,000.00 = 6,050.50
        // current (due on or after 06-30): 1003 (due 07-01) 850.50 + 1004 (due 07-10) 4,000.00 = 4,850.50
        // DSO = 6,050.50 / 17,528.34 × 61 = 21.0563…; best = 4,850.50 / 17,528.34 × 61 = 16.8802…
        // % current = 4,850.50 / 6,050.50 × 100 = 80.1669…; CEI needs AR(start): nil
        // Aging: 1002 (due 06-14) is 16 days past due → 1–30: 1,200.00
        let (from, _) = try Self.window()
        let kpis = try store.kpiCalculator().report(from: from)
        let p = kpis.period
        #expect(p.to.iso == "2025-06-30" && kpis.snapshotAsOf?.iso == "2025-06-30")
        #expect(p.sales.minorUnits == 1_752_834)
        #expect(p.arEnd.minorUnits == 605_050)
        #expect(p.currentAREnd.minorUnits == 485_050)
        #expect(abs(try #require(p.dsoStandard) - 605_050.0 / 1_752_834.0 * 61) < 1e-9)
        #expect(abs(try #require(p.bestPossibleDSO) - 485_050.0 / 1_752_834.0 * 61) < 1e-9)
        #expect(abs(try #require(p.percentCurrent) - 485_050.0 / 605_050.0 * 100) < 1e-9)
        #expect(p.collectionEffectivenessIndex == nil && p.collectionRate == nil && p.averageDaysToPay == nil)
        #expect(kpis.aging.total[.days1to30].minorUnits == 120_000)
        #expect(kpis.aging.total[.current].minorUnits == 485_050)
    }

    @Test func xeroLineItemsAreGroupedAndDraftsVoidsDeletionsDropped() throws {
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importPreset(.xeroInvoices, at: Self.fixture("xero-invoices.csv"))
        // 10 line rows: INV-0001 ×2, -0002 ×1, -0003 ×3 kept; -0004 VOIDED, -0005 DRAFT ×2, -0006 DELETED.
        #expect(report.notes.first == "xero-invoices.csv: 10 rows read; 6 line items grouped into 3 invoices; 4 dropped")
        #expect(report.dropped.map { "\($0.rows) \($0.reason)" } == [
            "1 Status = \"VOIDED\" (not kept by keepWhere)",
            "2 Status = \"DRAFT\" (not kept by keepWhere)",
            "1 Status = \"DELETED\" (not kept by keepWhere)",
        ])
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.id) == ["INV-0001", "INV-0002", "INV-0003"])
        // Total is tax-inclusive and repeated on every line: 500 + 500 + 200 VAT = 1,200.00;
        // 300 + 60 = 360.00; 1,000 + 700 + 300 + 400 VAT = 2,400.00.
        #expect(ledger.invoices.map(\.amount.minorUnits) == [120_000, 36_000, 240_000])
        #expect(ledger.invoices.map(\.currency) == ["GBP", "GBP", "GBP"])
        #expect(ledger.invoices.map(\.dueOn.iso) == ["2025-05-31", "2025-06-14", "2025-07-01"])

        // No export date in the file: as of the latest invoice date, 2025-06-01 (INV-0003).
        #expect(report.notes.contains { $0.contains("as of 2025-06-01 (the latest invoice date in the file") })
        // Window 05-01 … 06-01, N = 32; sales = 1,200 + 360 + 2,400 = 3,960.00.
        // AR(06-01) = InvoiceAmountDue 0 + 360 + 2,400 = 2,760.00, all current (due 06-14, 07-01)
        // DSO = best = 2,760 / 3,960 × 32 = 22.3030…; % current = 100
        let (from, _) = try Self.window()
        let p = try store.kpiCalculator().report(from: from).period
        #expect(p.to.iso == "2025-06-01")
        #expect(p.sales.minorUnits == 396_000)
        #expect(p.arEnd.minorUnits == 276_000 && p.currentAREnd.minorUnits == 276_000)
        #expect(abs(try #require(p.dsoStandard) - 2_760.0 / 3_960.0 * 32) < 1e-9)
        #expect(abs(try #require(p.bestPossibleDSO) - 2_760.0 / 3_960.0 * 32) < 1e-9)
        #expect(abs(try #require(p.percentCurrent) - 100) < 1e-9)
        #expect(p.collectionEffectivenessIndex == nil)
    }

    @Test func stripeDateTimesCurrenciesAndStatuses() throws {
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importPreset(.stripeInvoices, at: Self.fixture("stripe-invoices.csv"))
        #expect(report.dropped.map { "\($0.rows) \($0.reason)" } == [
            "1 Status = \"void\" (not kept by keepWhere)",
            "1 Amount Due in [0, 0.00]",
            "1 Status = \"draft\" (not kept by keepWhere)",
        ])
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.id) == ["in_1QaA01", "in_1QaA02", "in_1QaA03", "in_1QaA06"])
        #expect(ledger.invoices.map(\.currency) == ["USD", "USD", "USD", "USD"])
        // "2025-06-15 23:59" is kept as its calendar day; in_1QaA01 is charged automatically
        // (no due date): due the day it is issued.
        #expect(ledger.invoices.map(\.issuedOn.iso) == ["2025-05-01", "2025-05-20", "2025-05-25", "2025-06-15"])
        #expect(ledger.invoices.map(\.dueOn.iso) == ["2025-05-01", "2025-06-19", "2025-06-24", "2025-07-15"])
        #expect(ledger.invoices.map(\.amount.minorUnits) == [12_000, 45_000, 7_550, 98_000])
        #expect(report.warnings.contains { $0.hasPrefix("stripe-invoices: uncollectible invoices are imported as billed") })

        // As of the latest invoice date, 2025-06-15; window 05-01 … 06-15, N = 46.
        // sales = 120 + 450 + 75.50 + 980 = 1,625.50; AR(06-15) = Amount Remaining
        // 0 + 450 + 75.50 + 980 = 1,505.50, all current (due 06-19, 06-24, 07-15)
        // DSO = best = 1,505.50 / 1,625.50 × 46 = 42.6041…
        let (from, _) = try Self.window()
        let p = try store.kpiCalculator().report(from: from).period
        #expect(p.to.iso == "2025-06-15")
        #expect(p.sales.minorUnits == 162_550)
        #expect(p.arEnd.minorUnits == 150_550 && p.currentAREnd.minorUnits == 150_550)
        #expect(abs(try #require(p.dsoStandard) - 1_505.50 / 1_625.50 * 46) < 1e-9)
        #expect(abs(try #require(p.bestPossibleDSO) - 1_505.50 / 1_625.50 * 46) < 1e-9)
    }

    @Test(arguments: ColumnMapping.Preset.allCases)
    func aBadRowRefusesTheWholeFileAndReimportChangesNothing(preset: ColumnMapping.Preset) throws {
        let name = ["qbo-invoices": "qbo-invoice-list.csv", "xero-invoices": "xero-invoices.csv",
                    "stripe-invoices": "stripe-invoices.csv", "stripe-payments": "stripe-payments.csv",
                    "connectwise-invoices": "connectwise-invoices.csv"][preset.rawValue] ?? ""
        let good = try String(contentsOfFile: Self.fixture(name), encoding: .utf8)
        // Break one date the way each vendor writes it.
        let broken = good.replacingOccurrences(of: "06/10/2025", with: "06/31/2025")
            .replacingOccurrences(of: "15/05/2025", with: "15/13/2025")
            .replacingOccurrences(of: "2025-06-15 23:59", with: "2025-06-15 24:59")
            .replacingOccurrences(of: "2025-06-25 11:00", with: "2025-06-25 25:00")
            .replacingOccurrences(of: "06/18/2025", with: "06/31/2025")
        #expect(broken != good)
        let folder = try BundleFixture([name: broken])
        let store = try LedgerStore()
        // Payments refer to invoices: the Stripe invoices come first.
        if preset == .stripePayments {
            _ = try LedgerImporter(store: store).importPreset(.stripeInvoices, at: Self.fixture("stripe-invoices.csv"))
        }
        let untouched = try store.dumpTables()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importPreset(preset, at: folder.folder + "/" + name)
        }
        #expect(error.issues.count == 1, "\(error)")
        #expect(error.issues.first.map { $0.file == name && $0.line > 1 && $0.column != "-" } == true, "\(error)")
        #expect(try store.dumpTables() == untouched)

        _ = try LedgerImporter(store: store).importPreset(preset, at: Self.fixture(name))
        let before = try store.dumpTables()
        let again = try LedgerImporter(store: store).importPreset(preset, at: Self.fixture(name))
        #expect(again.totalInserted == 0)
        #expect(try store.dumpTables() == before)
    }

    @Test func aFileOfAnotherShapeNamesThePreset() throws {
        let store = try LedgerStore()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importPreset(.xeroInvoices, at: Self.fixture("stripe-invoices.csv"))
        }
        #expect(error.description.hasPrefix("mapping: --preset xero-invoices (columns.ContactName): stripe-invoices.csv has no column \"ContactName\""))
        #expect(error.description.hasSuffix("; is this a Xero invoices export (CSV, one row per line item)?"))
    }
}
