import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// The examples shipped in `datasets/` import as their README says.
@Suite struct ShippedDatasetsTests {
    /// `datasets/` at the package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets").path

    /// Data rows of a CSV file with no quoted line breaks (lines after the header).
    static func dataRows(_ path: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count - 1
    }

    @Test func sampleBundleImportsEveryRow() throws {
        let folder = Self.root + "/sample"
        let store = try LedgerStore()
        let report = try LedgerImporter(store: store).importBundle(at: folder)
        var expected = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".csv") {
            expected += try Self.dataRows(folder + "/" + file)
        }
        #expect(report.totalRows == expected)
        #expect(report.totalInserted == expected)
        let ledger = try store.loadLedger()
        #expect(ledger.clients.count == 12)
        #expect(ledger.invoices.count == 80)
        #expect(ledger.payments.count == 69)
    }

    @Test func exportExampleImportsWithItsMapping() throws {
        let folder = Self.root + "/export-example"
        let store = try LedgerStore()
        let mapping = try ColumnMapping(contentsOf: folder + "/mapping.json")
        let report = try LedgerImporter(store: store).importMapped(at: folder + "/invoices-export.csv", mapping: mapping)
        #expect(report.totalInserted == 5)
        let ledger = try store.loadLedger()
        #expect(ledger.clients.map(\.id).sorted() == ["Bakery Huber", "Praxis Dr. Lenz", "Steuerkanzlei Ott"])
        // "1240,00" with a decimal comma, "2.3.2026" as d.M.yyyy, EUR from the mapping's constants.
        #expect(ledger.invoices.map(\.amount.minorUnits) == [124_000, 38_950, 298_075, 124_000, 41_210])
        #expect(ledger.invoices[0].issuedOn == (try Day(iso: "2026-03-02")))
        #expect(ledger.invoices.allSatisfy { $0.currency == "EUR" })
        #expect(report.warnings.contains { $0.contains("Contact") })
    }
}
