import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// The vendor presets on fixtures in the shape each vendor documents its export
/// (Tests/RecoupLedgerTests/Fixtures/Presets; docs/import.md cites the pages): each imports its
/// fixture as exported, all or nothing, and the KPIs agree with figures worked out by hand.
///
/// None of these exports carries payment dates, so every invoice is open in the ledger
/// (issue 20 item 2, snapshots, is separate work): the hand figures below are those of a
/// ledger without payments. The window is 2025-05-01 … 2025-06-30 (N = 61 days), as of
/// 2025-06-30, and nothing was open before it (AR(start) = 0).
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
                                 "qbo-invoice-list.csv: not imported: Open Balance"])
        #expect(report.dropped.map(\.reason) == ["Date starts with \"TOTAL\"", "fewer fields than the header (a report footer)"])
        let ledger = try store.loadLedger()
        #expect(ledger.invoices.map(\.id) == ["1001", "1002", "1003", "1004"])
        #expect(ledger.invoices.map(\.amount.minorUnits) == [347_784, 120_000, 85_050, 1_200_000])
        #expect(ledger.clients.map(\.id).sorted() == ["Acme Dental", "Birch Law", "Cedar Clinic"])

        // sales = 3,477.84 + 1,200.00 + 850.50 + 12,000.00 = 17,528.34
        // AR(end) = 17,528.34 (no payments); current on 06-30 (due on or after it): 1003 (due
        // 07-01) 850.50 + 1004 (due 07-10) 12,000.00 = 12,850.50
        // DSO = 17,528.34 / 17,528.34 × 61 = 61.0; best = 12,850.50 / 17,528.34 × 61 = 44.72…
        // CEI = (0 + 17,528.34 − 17,528.34) / (0 + 17,528.34 − 12,850.50) × 100 = 0
        // Aging: 1001 is 30 days past due, 1002 16 → 1–30: 3,477.84 + 1,200.00 = 4,677.84
        let (from, to) = try Self.window()
        let calculator = try store.kpiCalculator()
        let kpis = calculator.periodKPIs(from: from, to: to, asOf: to)
        #expect(kpis.sales.minorUnits == 1_752_834)
        #expect(kpis.arEnd.minorUnits == 1_752_834)
        #expect(kpis.currentAREnd.minorUnits == 1_285_050)
        #expect(abs(try #require(kpis.dsoStandard) - 61.0) < 1e-9)
        #expect(abs(try #require(kpis.bestPossibleDSO) - 1_285_050.0 / 1_752_834.0 * 61) < 1e-9)
        #expect(abs(try #require(kpis.collectionEffectivenessIndex)) < 1e-9)
        let aging = calculator.aging(on: to)
        #expect(aging.total[.days1to30].minorUnits == 467_784)
        #expect(aging.total[.current].minorUnits == 1_285_050)
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

        // sales = 1,200 + 360 + 2,400 = 3,960.00 = AR(end); current on 06-30: INV-0003 2,400.00
        // DSO = 61.0; best = 2,400 / 3,960 × 61 = 36.9697; CEI = 0 / (3,960 − 2,400) = 0
        let (from, to) = try Self.window()
        let kpis = try store.kpiCalculator().periodKPIs(from: from, to: to, asOf: to)
        #expect(kpis.sales.minorUnits == 396_000)
        #expect(kpis.currentAREnd.minorUnits == 240_000)
        #expect(abs(try #require(kpis.dsoStandard) - 61.0) < 1e-9)
        #expect(abs(try #require(kpis.bestPossibleDSO) - 2_400.0 / 3_960.0 * 61) < 1e-9)
        #expect(abs(try #require(kpis.collectionEffectivenessIndex)) < 1e-9)
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

        // sales = 120 + 450 + 75.50 + 980 = 1,625.50 = AR(end); current on 06-30: in_1QaA06 980.00
        // DSO = 61.0; best = 980 / 1,625.50 × 61 = 36.776…; CEI = 0
        let (from, to) = try Self.window()
        let kpis = try store.kpiCalculator().periodKPIs(from: from, to: to, asOf: to)
        #expect(kpis.sales.minorUnits == 162_550)
        #expect(kpis.currentAREnd.minorUnits == 98_000)
        #expect(abs(try #require(kpis.dsoStandard) - 61.0) < 1e-9)
        #expect(abs(try #require(kpis.bestPossibleDSO) - 980.0 / 1_625.50 * 61) < 1e-9)
    }

    @Test(arguments: ColumnMapping.Preset.allCases)
    func aBadRowRefusesTheWholeFileAndReimportChangesNothing(preset: ColumnMapping.Preset) throws {
        let name = ["qbo-invoices": "qbo-invoice-list.csv", "xero-invoices": "xero-invoices.csv",
                    "stripe-invoices": "stripe-invoices.csv"][preset.rawValue] ?? ""
        let good = try String(contentsOfFile: Self.fixture(name), encoding: .utf8)
        // Break one date the way each vendor writes it.
        let broken = good.replacingOccurrences(of: "06/10/2025", with: "06/31/2025")
            .replacingOccurrences(of: "15/05/2025", with: "15/13/2025")
            .replacingOccurrences(of: "2025-06-15 23:59", with: "2025-06-15 24:59")
        let folder = try BundleFixture([name: broken])
        let store = try LedgerStore()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importPreset(preset, at: folder.folder + "/" + name)
        }
        #expect(error.issues.count == 1, "\(error)")
        #expect(error.issues.first.map { $0.file == name && $0.line > 1 } == true, "\(error)")
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })

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
