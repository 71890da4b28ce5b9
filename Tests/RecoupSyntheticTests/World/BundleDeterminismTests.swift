import Foundation
import Testing
@testable import RecoupSynthetic

@Suite struct BundleDeterminismTests {
    static let files = ["clients.csv", "invoices.csv", "payments.csv", "actions.csv", "promises.csv", "disputes.csv",
                        "adjustments.csv", "deposits.csv", "timesheet.csv"]

    func write(seed: UInt64, name: String) throws -> [String: Data] {
        let dir = WorldFixtures.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(at: dir) }
        let world = SyntheticWorld(parameters: WorldParameters(clients: 60, months: 6, seed: seed))
        let summary = try world.writeBundle(to: dir)
        #expect(summary.clients == 60)
        var out: [String: Data] = [:]
        for f in Self.files { out[f] = try Data(contentsOf: dir.appendingPathComponent(f)) }
        return out
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentBytes() throws {
        let a = try write(seed: 11, name: "a")
        let b = try write(seed: 11, name: "b")
        let c = try write(seed: 12, name: "c")
        for f in Self.files {
            #expect(a[f] == b[f], "\(f) differs between two runs with the same seed")
        }
        #expect(a["invoices.csv"] != c["invoices.csv"])
        #expect(a["payments.csv"] != c["payments.csv"])
    }

    @Test func bundleRowsMatchTheInMemoryLedger() throws {
        let dir = WorldFixtures.temporaryDirectory("rows")
        defer { try? FileManager.default.removeItem(at: dir) }
        let world = SyntheticWorld(parameters: WorldParameters(clients: 40, months: 6, seed: 3))
        let summary = try world.writeBundle(to: dir)
        let ledger = world.makeHistoryLedger()
        func lines(_ f: String) throws -> Int {
            try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8).split(separator: "\n").count - 1
        }
        #expect(try lines("invoices.csv") == ledger.invoices.count)
        #expect(try lines("payments.csv") == ledger.payments.count)
        #expect(try lines("actions.csv") == ledger.actions.count)
        #expect(try lines("timesheet.csv") == ledger.timesheet.count)
        #expect(summary.payments == ledger.payments.count && summary.actions == ledger.actions.count)
        let header = try String(contentsOf: dir.appendingPathComponent("actions.csv"), encoding: .utf8)
            .split(separator: "\n").first.map(String.init)
        #expect(header == "action_id,invoice_id,at,channel,actor,tone,outcome,minutes,propensity")
    }

    @Test func csvFieldsAreQuotedPerRFC4180() {
        var buffer: [UInt8] = []
        CSVFile.appendField("Harbor Legal Partners, LLC", to: &buffer)
        buffer.append(UInt8(ascii: ","))
        CSVFile.appendField("say \"hi\"", to: &buffer)
        buffer.append(UInt8(ascii: ","))
        CSVFile.appendField("plain", to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "\"Harbor Legal Partners, LLC\",\"say \"\"hi\"\"\",plain")
    }

    @Test(arguments: [(0.135, "0.135"), (9.0, "9"), (1.5, "1.5"), (0.0000004, "0"), (0.123456789, "0.123457"),
                      (-2.25, "-2.25")])
    func decimalText(value: Double, text: String) {
        #expect(DecimalText.format(value) == text)
    }

    @Test func unwritableFolderIsAClearError() {
        let world = SyntheticWorld(parameters: WorldParameters(clients: 2, months: 1, seed: 1))
        #expect(throws: BundleWriteError.self) { try world.writeBundle(to: URL(fileURLWithPath: "/proc/recoup-cannot-be-here")) }
    }
}
