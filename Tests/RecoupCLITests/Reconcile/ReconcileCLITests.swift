import Foundation
import Testing

/// `recoup reconcile` through the built binary: exit codes, a table that fits 100 columns,
/// the CSV, and the messages for a bad window and a missing store.
@Suite struct ReconcileCLITests {
    /// Two clients, three invoices, four deposits: one paid by its memo's number, one naming
    /// only a client with two open invoices of equal amount (an exception), one whose memo
    /// holds an escape sequence and is longer than a terminal line (an exception), one with
    /// no memo (an exception).
    static let bundle = [
        "clients.csv": "client_id,name\nC1,Cedar Dental LLC\nC2,Harbor Legal Group\n",
        "invoices.csv": "invoice_id,client_id,issued_on,due_on,amount,number\nI1,C1,2026-01-05,2026-02-04,100.00,5001\n"
            + "I2,C2,2026-01-05,2026-02-04,1200.00,6001\nI3,C2,2026-01-05,2026-02-04,1200.00,6002\n",
        "deposits.csv": "deposit_id,received_on,amount,reference\n"
            + "D1,2026-02-03,100.00,ACH CREDIT CEDAR DENTAL LLC INV 5001\n"
            + "D2,2026-02-04,1200.00,ACH CREDIT HARBOR LEGAL GROUP\n"
            + "D3,2026-02-05,1234567.89,\"WIRE \u{1B}[31mIN a very long memo from a bank that says nothing useful at all, really, nothing\"\n"
            + "D4,2026-02-06,12.00,\n",
    ]

    static func importedStore() throws -> (folder: TemporaryFolder, db: String) {
        let folder = try TemporaryFolder(bundle.mapKeys { "bundle/" + $0 })
        let db = folder.path + "/r.db"
        let run = try CLIRunner.run(["import", folder.path + "/bundle", "--db", db])
        guard run.status == 0 else { throw SetupError(stderr: run.stderr) }
        return (folder, db)
    }

    struct SetupError: Error { var stderr: String }

    /// RFC 4180 fields of one CSV text (quoted fields may hold commas and doubled quotes).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, characters = Array(text), i = 0
        while i < characters.count {
            let c = characters[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < characters.count && characters[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\r\n" || c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func theSummaryAndExceptionsFitOneHundredColumns() throws {
        let (folder, db) = try Self.importedStore()
        let run = try CLIRunner.run(["reconcile", "--db", db, "--csv", folder.path + "/r.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 100, "\(line.count): \(line)") }
        // 4 deposits, 1 matched automatically: 25.0%; 3 exceptions, each listed with its reason.
        #expect(run.stdout.contains("25.0% (1 of 4)"), "\(run.stdout)")
        #expect(run.stdout.contains("Exceptions (3)"))
        #expect(run.stdout.contains("2 candidates of equal amount"))
        #expect(run.stdout.contains("memo names no invoice or client"))
        #expect(run.stdout.contains("no memo"))
        // The escape sequence is shown as text, never sent to the terminal; the long memo is cut.
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout.contains("WIRE \\x1B[31mIN a"))
        #expect(run.stdout.contains("…"))
        #expect(run.stdout.contains("1,234,567.89"))
    }

    @Test func theCSVHasEveryDepositWithPlainNumbers() throws {
        let (folder, db) = try Self.importedStore()
        let path = folder.path + "/r.csv"
        let run = try CLIRunner.run(["reconcile", "--db", db, "--csv", path])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.parseCSV(try String(contentsOfFile: path, encoding: .utf8))
        #expect(rows.first == ["deposit_id", "received_on", "amount", "reference", "automatic", "method", "confidence",
                               "invoice_ids", "payment_ids", "client_id", "partial", "reason"])
        #expect(rows.count == 5)
        for row in rows { #expect(row.count == 12, "\(row)") }
        let byID = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
        #expect(byID["D1"]?[1...9] == ["2026-02-03", "100.00", "ACH CREDIT CEDAR DENTAL LLC INV 5001", "true",
                                       "memo_invoice_number", "high", "I1", "", "C1"])
        #expect(byID["D2"]?[4...9] == ["false", "amount_and_client", "low", "I2;I3", "", "C2"])
        // Plain numbers: no thousands separator; the memo kept as it is (CSV is data).
        #expect(byID["D3"]?[2] == "1234567.89")
        #expect(byID["D3"]?[3].hasPrefix("WIRE \u{1B}[31mIN") == true)
        #expect(byID["D4"]?[4...6] == ["false", "unmatched", ""])
        // Same store, same bytes.
        let again = folder.path + "/again.csv"
        #expect(try CLIRunner.run(["reconcile", "--db", db, "--csv", again]).status == 0)
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: again))
    }

    @Test func theWindowSelectsDepositsAndJSONCarriesTheSummary() throws {
        let (folder, db) = try Self.importedStore()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let run = try CLIRunner.run(["reconcile", "--db", db, "--from", "2026-02-03", "--to", "2026-02-04", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["deposits"] as? Int == 2)
        #expect(summary["matchedAutomatically"] as? Int == 1)
        #expect(abs(try #require(summary["shareMatched"] as? Double) - 0.5) < 1e-12)
    }

    @Test(arguments: [
        (["--from", "2026-13-01"], "--from"), (["--to", "yesterday"], "--to"),
        (["--from", "2026-03-01", "--to", "2026-02-01"], "--from 2026-03-01 is after --to 2026-02-01"),
    ])
    func aBadWindowIsAUsageError(arguments: [String], message: String) throws {
        let (folder, db) = try Self.importedStore()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let run = try CLIRunner.run(["reconcile", "--db", db] + arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aMissingStoreIsNamed() throws {
        let folder = try TemporaryFolder([:])
        let run = try CLIRunner.run(["reconcile", "--db", folder.path + "/none.db", "--csv", folder.path + "/r.csv"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("none.db: no ledger store here; import a ledger first"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test func theCSVIsNeverWrittenOverTheStore() throws {
        let (folder, db) = try Self.importedStore()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when released
        let before = FileManager.default.contents(atPath: db)
        let run = try CLIRunner.run(["reconcile", "--db", db, "--csv", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is also this command's --db"), "\(run.stderr)")
        #expect(FileManager.default.contents(atPath: db) == before)
    }
}

extension Dictionary {
    /// The dictionary with each key transformed (keys must stay distinct).
    fileprivate func mapKeys(_ transform: (Key) -> String) -> [String: Value] {
        Dictionary<String, Value>(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
