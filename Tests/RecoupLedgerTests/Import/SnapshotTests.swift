import Foundation
import Testing
@testable import RecoupLedger
import RecoupPolicy

/// Snapshots (issue 20 item 2): an invoice export with open balances but no payment dates
/// imports as the open balance on its as-of day; balance reports work on that day, the ones
/// that need payment dates refuse, and a payments export on top gives the full ledger.
@Suite struct SnapshotTests {
    static func fixture(_ name: String) -> String { VendorPresetTests.fixture(name) }

    static func snapshotStore() throws -> LedgerStore {
        let store = try LedgerStore()
        _ = try LedgerImporter(store: store).importPreset(.qboInvoices, at: fixture("qbo-invoice-list.csv"))
        return store
    }

    @Test func theStoreSaysItHasNoPaymentDatesAndNamesTheExport() throws {
        let store = try Self.snapshotStore()
        let snapshots = try store.snapshots()
        #expect(snapshots.count == 1)
        #expect(snapshots.first?.asOf.iso == "2025-06-30")
        #expect(snapshots.first?.basis == .export)
        // 3 invoices with a balance: 1,200.00 + 850.50 + 4,000.00 = 6,050.50 (1001 is paid: 0).
        #expect(snapshots.first?.invoices == 4)
        #expect(snapshots.first?.open.minorUnits == 605_050)
        #expect(try store.paymentDates() == .missing(snapshots: snapshots))
        let error = try #require(throws: PaymentDatesError.self) { try store.requirePaymentDates(for: "train") }
        #expect(error.description.hasPrefix("train needs the days invoices were paid, and this ledger has no payment dates: it is a snapshot of open balances as of 2025-06-30 (qbo-invoice-list.csv, --preset qbo-invoices)"))
        #expect(error.description.contains("--preset qbo-transactions"))
        #expect(error.description.contains("payments.csv"))
    }

    /// One test per report: the balance ones work on the snapshot's day, the payment ones are
    /// nil, another day is refused.
    @Test func balanceReportsWorkOnTheSnapshotDayOnly() throws {
        let calculator = try Self.snapshotStore().kpiCalculator()
        #expect(calculator.isSnapshotOnly)
        // Aging defaults to the export's date, 2025-06-30, not the last invoice's (06-10).
        let aging = try calculator.agingReport()
        #expect(aging.asOf.iso == "2025-06-30")
        #expect(aging.total.total.minorUnits == 605_050)
        let report = try calculator.report()
        #expect(report.period.to.iso == "2025-06-30" && report.period.asOf.iso == "2025-06-30")
        #expect(report.trend.isEmpty)
        // Balance KPIs defined; those that need payment dates or earlier balances are not.
        #expect(report.period.dsoStandard != nil && report.period.dsoCountback != nil && report.period.bestPossibleDSO != nil)
        #expect(report.period.averageDaysDelinquent != nil && report.period.percentCurrent != nil)
        #expect(report.period.collectionEffectivenessIndex == nil)
        #expect(report.period.collectionRate == nil)
        #expect(report.period.averageDaysToPay == nil && report.period.averageDaysLate == nil)
        #expect(report.period.cohortDSO == nil)
        // Countback from 06-30: June's sales 850.50 + 12,000.00 = 12,850.50 exceed AR 6,050.50,
        // so DSO = 6,050.50 / 12,850.50 × 30 days = 14.1250…; ADD = DSO − best =
        // (6,050.50 − 4,850.50) / 17,528.34 × 365 for the default 12-month window (07-01 … 06-30).
        #expect(abs(try #require(report.period.dsoCountback) - 605_050.0 / 1_285_050.0 * 30) < 1e-9)
        #expect(report.period.from.iso == "2024-07-01")
        #expect(abs(try #require(report.period.averageDaysDelinquent) - 120_000.0 / 1_752_834.0 * 365) < 1e-9)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(json?["paymentDates"] as? Bool == false)
        #expect(json?["snapshotAsOf"] as? String == "2025-06-30")
        #expect(json?["arStart"] is NSNull && json?["cei"] is NSNull && json?["collectionRate90"] is NSNull)

        let day = try Day(iso: "2025-06-29")
        for attempt in [{ _ = try calculator.agingReport(asOf: day) }, { _ = try calculator.report(asOf: day) },
                        { _ = try calculator.report(to: day) }] as [() throws -> Void] {
            let error = try #require(throws: KPIError.self) { try attempt() }
            #expect(error == .notASnapshotDay(day, snapshotDays: [try Day(iso: "2025-06-30")]))
            #expect(error.description.contains("balances are known on that day only"))
        }
    }

    @Test func asOfOptionWinsThenTheExportDateThenTheLatestInvoice() throws {
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importPreset(.qboInvoices, at: Self.fixture("qbo-invoice-list.csv"),
                                                                   asOf: try Day(iso: "2025-07-04"))
        #expect(report.notes.contains { $0.contains("as of 2025-07-04 (--as-of)") })
        #expect(try store.snapshots().map(\.basis) == [.option])
        // An "As of" title is the report date even when the footer's stamp is later.
        let aged = try String(contentsOfFile: Self.fixture("qbo-invoice-list.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\"All Dates\"", with: "\"As of June 20, 2025\"")
        let folder = try BundleFixture(["aging.csv": aged])
        #expect(ExportDate.find(path: folder.folder + "/aging.csv")?.day.iso == "2025-06-20")
        #expect(ExportDate.find(path: Self.fixture("xero-invoices.csv")) == nil)
        #expect(ExportDate.longDate(in: "Monday, June 30, 2025 09:12 AM GMT-04:00")?.iso == "2025-06-30")
        #expect(ExportDate.longDate(in: "Sep 3, 2025")?.iso == "2025-09-03")
        #expect(ExportDate.longDate(in: "All Dates") == nil)
    }

    @Test func anInvoiceIssuedAfterTheAsOfDayIsRefusedAndTheStoreUntouched() throws {
        let store = try LedgerStore()
        let before = try store.dumpTables()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importPreset(.qboInvoices, at: Self.fixture("qbo-invoice-list.csv"),
                                                          asOf: try Day(iso: "2025-06-05"))
        }
        // 1004 was issued on 06-10 (line 9 of the file), after 06-05.
        #expect(error.issues.map { "\($0.file):\($0.line): \($0.column)" } == ["qbo-invoice-list.csv:9: Date"])
        #expect(error.issues.first?.reason.contains("after the snapshot's as-of day 2025-06-05") == true)
        #expect(try store.dumpTables() == before)
    }

    @Test func anOpenBalanceOverTheAmountIsRefused() throws {
        let text = try String(contentsOfFile: Self.fixture("qbo-invoice-list.csv"), encoding: .utf8)
            .replacingOccurrences(of: "850.50,850.50", with: "850.50,\"1,850.50\"")
        let folder = try BundleFixture(["list.csv": text])
        let store = try LedgerStore()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importPreset(.qboInvoices, at: folder.folder + "/list.csv")
        }
        #expect(error.issues.map { "\($0.file):\($0.line): \($0.column)" } == ["list.csv:8: Open Balance"])
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func aLaterExportIsASecondSnapshotAndAChangedBalanceOnTheSameDayIsRefused() throws {
        let store = try Self.snapshotStore()
        _ = try LedgerImporter(store: store).importPreset(.qboInvoices, at: Self.fixture("qbo-invoice-list.csv"),
                                                          asOf: try Day(iso: "2025-07-31"))
        #expect(try store.snapshots().map(\.asOf.iso) == ["2025-06-30", "2025-07-31"])
        #expect(try store.kpiCalculator().snapshotDays.map(\.iso) == ["2025-06-30", "2025-07-31"])
        let changed = try String(contentsOfFile: Self.fixture("qbo-invoice-list.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\"1,200.00\",\"1,200.00\"", with: "\"1,200.00\",600.00")
        let folder = try BundleFixture(["qbo-invoice-list.csv": changed])
        let before = try store.dumpTables()
        let error = try #require(throws: LedgerImportError.self) {
            try LedgerImporter(store: store).importPreset(.qboInvoices, at: folder.folder + "/qbo-invoice-list.csv")
        }
        #expect(error.issues.map { "\($0.line): \($0.column)" } == ["7: Open Balance"])
        #expect(error.issues.first?.reason.contains("differs from the open balance stored") == true)
        #expect(try store.dumpTables() == before)
    }

    /// Both a snapshot and payments: the payments are the ledger (balances come from them),
    /// whichever came first, and every report works.
    @Test(arguments: [false, true])
    func snapshotPlusTransactionsIsTheFullLedger(transactionsFirst: Bool) throws {
        let store = try LedgerStore()
        let importer = LedgerImporter(store: store)
        var reports: [ImportReport] = []
        if transactionsFirst { reports.append(try importer.importQBOTransactions(at: Self.fixture("qbo-transactions.csv"))) }
        reports.append(try importer.importPreset(.qboInvoices, at: Self.fixture("qbo-invoice-list.csv")))
        if !transactionsFirst { reports.append(try importer.importQBOTransactions(at: Self.fixture("qbo-transactions.csv"))) }
        #expect(try store.paymentDates() == .recorded)
        try store.requirePaymentDates(for: "train")
        // The two exports agree: no warning about disagreeing balances.
        #expect(!reports.flatMap(\.warnings).contains { $0.contains("disagree") })
        let calculator = try store.kpiCalculator()
        #expect(!calculator.isSnapshotOnly)
        let p = try calculator.report(asOf: try Day(iso: "2025-06-30"), from: try Day(iso: "2025-05-01")).period
        // Payments: 3,477.84 on 05-28 → 1001; 8,000.00 on 06-20 → 1004. N = 61.
        // sales 17,528.34; AR(06-30) = 1,200.00 + 850.50 + 4,000.00 = 6,050.50 (the snapshot's);
        // current 850.50 + 4,000.00 = 4,850.50; AR(start) = 0
        // CEI = (0 + 17,528.34 − 6,050.50) / (0 + 17,528.34 − 4,850.50) × 100 = 11,477.84 / 12,677.84 × 100 = 90.5346…
        // collection rate at 90 = (3,477.84 + 8,000.00) / 17,528.34 = 0.654818…
        // days to pay: 1001 only, 05-28 − 05-01 = 27; days late 05-28 − 05-31 = −3
        #expect(p.arEnd.minorUnits == 605_050 && p.currentAREnd.minorUnits == 485_050)
        #expect(abs(try #require(p.collectionEffectivenessIndex) - 1_147_784.0 / 1_267_784.0 * 100) < 1e-9)
        #expect(abs(try #require(p.collectionRate) - 1_147_784.0 / 1_752_834.0) < 1e-9)
        #expect(p.paidInvoices == 1)
        #expect(abs(try #require(p.averageDaysToPay) - 27) < 1e-9)
        #expect(abs(try #require(p.averageDaysLate) + 3) < 1e-9)
    }

    @Test func paymentsThatDisagreeWithTheSnapshotWinAndAreNamed() throws {
        let store = try LedgerStore()
        let importer = LedgerImporter(store: store)
        // As of 06-30, Stripe said in_1QaA02 had 450.00 remaining; the payments export has it
        // paid on 06-25.
        _ = try importer.importPreset(.stripeInvoices, at: Self.fixture("stripe-invoices.csv"), asOf: try Day(iso: "2025-06-30"))
        let report = try importer.importPreset(.stripePayments, at: Self.fixture("stripe-payments.csv"))
        #expect(report.warnings.contains { $0.hasPrefix("1 invoice of a snapshot disagree with the payments: in_1QaA02 as of 2025-06-30: snapshot 450.00, payments give 0.00") })
        // The payments are the ledger: AR(06-30) = in_1QaA03 75.50 + in_1QaA06 980.00 = 1,055.50.
        let p = try store.kpiCalculator().report(asOf: try Day(iso: "2025-06-30"), from: try Day(iso: "2025-05-01")).period
        #expect(p.arEnd.minorUnits == 105_550)
        // The default day is the export date, 06-30, not the last payment's (06-25).
        #expect(try store.kpiCalculator().agingReport().asOf.iso == "2025-06-30")
    }
}
