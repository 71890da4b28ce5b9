import Foundation
import Testing

@Suite struct TrainCLITests {
    /// A generated ledger: train prints SPEC §6's JSON, stores the models, and features export
    /// writes both designs with a header and train/test rows.
    @Test func trainAndExportOnAGeneratedLedger() throws {
        let folder = try TemporaryFolder([:])
        let db = folder.path + "/t.db"
        #expect(try CLIRunner.run(["generate", "--out", folder.path + "/bundle", "--clients", "40", "--months", "10",
                                   "--seed", "4"]).status == 0)
        #expect(try CLIRunner.run(["import", folder.path + "/bundle", "--db", db]).status == 0)
        let train = try CLIRunner.run(["train", "--db", db, "--format", "json"])
        #expect(train.status == 0, "\(train.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any])
        let risk = try #require(json["risk"] as? [String: Any])
        for key in ["trainRows", "testRows", "auc", "logLoss", "brier", "baselines"] { #expect(risk[key] != nil, "risk.\(key)") }
        let response = try #require(json["response"] as? [String: Any])
        for key in ["trainRows", "testRows", "auc", "logLoss", "brier"] { #expect(response[key] != nil, "response.\(key)") }

        let riskCSV = folder.path + "/risk.csv"
        #expect(try CLIRunner.run(["features", "export", "--kind", "risk", "--out", riskCSV, "--db", db]).status == 0)
        let riskLines = try String(contentsOfFile: riskCSV, encoding: .utf8).split(separator: "\n")
        #expect(riskLines.first?.hasPrefix("invoice_id,client_id,issued_on,split,label,intercept") == true)
        #expect(riskLines.count - 1 == (risk["trainRows"] as? Int ?? -1) + (risk["testRows"] as? Int ?? -1))

        let hazard = try CLIRunner.run(["features", "export", "--kind", "hazard", "--db", db])
        #expect(hazard.status == 0)
        let hazardLines = hazard.stdout.split(separator: "\n")
        #expect(hazardLines.first?.hasPrefix("invoice_id,client_id,day,split,label,dpd_le_-8") == true)
        #expect(hazardLines.count - 1 == (response["trainRows"] as? Int ?? -1) + (response["testRows"] as? Int ?? -1))
    }

    /// A missing store is a user error (exit 1, one line naming it; train never creates one); a
    /// malformed --until is a usage error (exit 2).
    @Test func errors() throws {
        let folder = try TemporaryFolder([:])
        let empty = try CLIRunner.run(["train", "--db", folder.path + "/empty.db"])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("error: \(folder.path)/empty.db: no ledger store here"), "\(empty.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/empty.db"))
        let usage = try CLIRunner.run(["train", "--db", folder.path + "/empty.db", "--until", "2026-13-01"])
        #expect(usage.status == 2)
    }
}
