import Foundation
import Testing

/// SPEC §4 through the built binary: `plan` and `simulate` use a policy only when it is signed
/// by a trusted key (`--pub`, `$RECOUP_TRUSTED_KEYS`) and verifies; every way of stripping or
/// editing the signature is refused with a one-line message naming the file and what to do;
/// `--unverified` analyses unsigned or unverifiable policies and marks every output, but never
/// lets a failing signature through.
@Suite struct PolicyTrustCLITests {
    /// Keys `k` (trusted) and `o` (not), and the copilot template signed by each, in a folder
    /// (the store is `ReportsCLITests`' trained one).
    final class Fixture: @unchecked Sendable {  // immutable after init
        let folder: TemporaryFolder
        var path: String { folder.path }
        let signedText: String
        init() throws {
            folder = try TemporaryFolder([:])
            let p = folder.path
            for args in [["keys", "generate", "--out", "\(p)/k"], ["keys", "generate", "--out", "\(p)/o"],
                         ["policy", "init", "--template", "copilot", "--out", "\(p)/signed.json"],
                         ["policy", "sign", "--key", "\(p)/k.key", "\(p)/signed.json"],
                         ["policy", "init", "--template", "copilot", "--out", "\(p)/by-other.json"],
                         ["policy", "sign", "--key", "\(p)/o.key", "\(p)/by-other.json"],
                         ["policy", "init", "--template", "copilot", "--out", "\(p)/unsigned.json"]] {
                let r = try CLIRunner.run(args)
                guard r.status == 0 else { throw ReportsCLITests.SetupError(command: args.joined(separator: " "), stderr: r.stderr) }
            }
            try FileManager.default.createDirectory(atPath: "\(p)/trusted", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "\(p)/k.pub", toPath: "\(p)/trusted/k.pub")
            signedText = try String(contentsOfFile: "\(p)/signed.json", encoding: .utf8)
        }

        /// Writes `text` as `name` and returns its path.
        func write(_ name: String, _ text: String) throws -> String {
            let file = "\(path)/\(name)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return file
        }

        /// The signed text with `old` replaced by `new` (which must occur).
        func edited(_ name: String, _ old: String, _ new: String) throws -> String {
            #expect(signedText.contains(old), "fixture: \(old) not in the signed policy")
            return try write(name, signedText.replacingOccurrences(of: old, with: new))
        }
    }

    static let fixture = Result { try Fixture() }

    enum Command: String, CaseIterable { case plan, simulate }

    static func run(_ command: Command, _ policy: String, _ extra: [String] = [],
                    environment: [String: String] = [:]) throws -> CLIRunner.Result {
        let db = try ReportsCLITests.store().db
        switch command {
        case .plan:
            return try CLIRunner.run(["plan", "--policy", policy, "--date", "2026-10-15", "--db", db] + extra, environment: environment)
        case .simulate:
            return try CLIRunner.run(["simulate", "--policy", policy, "--runs", "2", "--seed", "3", "--db", db] + extra,
                                     environment: environment)
        }
    }

    /// One line, naming the file.
    static func isOneLine(_ r: CLIRunner.Result, naming file: String) -> Bool {
        let lines = r.stderr.split(separator: "\n")
        return r.status == 1 && lines.count == 1 && lines[0].contains(file)
    }

    @Test(arguments: Command.allCases)
    func signedAndTrustedIsUsedVerified(command: Command) throws {
        let f = try Self.fixture.get()
        let file = "\(f.path)/signed.json"
        for (extra, environment) in [(["--pub", "\(f.path)/k.pub"], [String: String]()),
                                     ([], ["RECOUP_TRUSTED_KEYS": "\(f.path)/trusted"]),
                                     ([], ["RECOUP_TRUSTED_KEYS": ":\(f.path)/o.pub::\(f.path)/k.pub"]),  // a colon list; empty entries skipped
                                     (["--pub", "\(f.path)/o.pub"], ["RECOUP_TRUSTED_KEYS": "\(f.path)/k.pub"])] {
            let r = try Self.run(command, file, extra + (command == .simulate ? ["--format", "json"] : []), environment: environment)
            #expect(r.status == 0, "\(extra) \(environment): \(r.stderr)")
            #expect(!r.stdout.contains("UNVERIFIED"))
            if command == .plan { #expect(r.stdout.contains("signature verified")) }
            if command == .simulate { #expect(r.stdout.contains("\"verified\": true")) }
        }
    }

    @Test(arguments: Command.allCases)
    func signedButNoTrustedKeyIsRefused(command: Command) throws {
        let f = try Self.fixture.get()
        let file = "\(f.path)/signed.json"
        let r = try Self.run(command, file)
        #expect(Self.isOneLine(r, naming: file), "\(r.stderr)")
        for phrase in ["not a trusted key (trusted: none given)", "--pub FILE", "RECOUP_TRUSTED_KEYS", "--unverified"] {
            #expect(r.stderr.contains(phrase), "\(phrase): \(r.stderr)")
        }
        // Signed by a key that is not the trusted one.
        let other = try Self.run(command, "\(f.path)/by-other.json", ["--pub", "\(f.path)/k.pub"])
        #expect(Self.isOneLine(other, naming: "by-other.json") && other.stderr.contains("not a trusted key"), "\(other.stderr)")
    }

    @Test(arguments: Command.allCases)
    func removedSignatureIsRefused(command: Command) throws {
        let f = try Self.fixture.get()
        let text = f.signedText
        let start = try #require(text.range(of: ",\n  \"signature\""))
        let stripped = try f.write("stripped-\(command).json", String(text[..<start.lowerBound]) + "\n}\n")
        let r = try Self.run(command, stripped, ["--pub", "\(f.path)/k.pub"])
        #expect(Self.isOneLine(r, naming: stripped), "\(r.stderr)")
        #expect(r.stderr.contains("not signed (or its signature was removed)") && r.stderr.contains("recoup policy sign --key KEY"))
        let unsigned = try Self.run(command, "\(f.path)/unsigned.json", ["--pub", "\(f.path)/k.pub"])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("--unverified"))
    }

    /// Each edit keeps the signature member: refused with `--pub`, and with `--unverified` too.
    @Test(arguments: Command.allCases)
    func everyEditIsRefused(command: Command) throws {
        let f = try Self.fixture.get()
        let pub = ["--pub", "\(f.path)/k.pub"]
        let signature = try #require(f.signedText.range(of: "\"value\": \""))
        let valueStart = f.signedText[signature.upperBound...]
        let flipped = valueStart.first == "A" ? "B" : "A"
        let edits: [(String, String, String, String)] = [
            ("mode", "\"mode\": \"copilot\"", "\"mode\": \"autonomous\"", "changed after it was signed"),
            ("threshold", "\"daysPastDue\": 45", "\"daysPastDue\": 44", "changed after it was signed"),
            ("cadence", "\"day\": 10", "\"day\": 11", "changed after it was signed"),
            ("added", "\"writeOffAfterDays\": 120", "\"writeOffAfterDays\": 120, \"projections\": {\"dso\": 1}", "changed after it was signed"),
            ("value", "\"value\": \"" + String(valueStart.prefix(1)), "\"value\": \"" + flipped, "signature"),
            ("alg", "\"alg\": \"ed25519\"", "\"alg\": \"ed448\"", "malformed"),
            ("duplicate", "\"signature\": {", "\"signature\": null, \"signature\": {", "signature"),
        ]
        for (name, old, new, reason) in edits {
            let file = try f.edited("\(name)-\(command).json", old, new)
            for extra in [pub, pub + ["--unverified"]] {
                let r = try Self.run(command, file, extra)
                #expect(Self.isOneLine(r, naming: file), "\(name) \(extra): \(r.stderr)")
                #expect(r.stderr.contains(reason), "\(name) \(extra): \(r.stderr)")
            }
        }
        // keyId changed to an unknown id: refused as untrusted with --pub.
        let keyId = try #require(f.signedText.range(of: "\"keyId\": \"")).upperBound
        let id = String(f.signedText[keyId...].prefix(16))
        let rekeyed = try f.edited("keyid-\(command).json", id, "0000000000000000")
        let r = try Self.run(command, rekeyed, pub)
        #expect(Self.isOneLine(r, naming: rekeyed) && r.stderr.contains("0000000000000000, which is not a trusted key"), "\(r.stderr)")
    }

    @Test(arguments: Command.allCases)
    func movedSignatureIsUnsigned(command: Command) throws {
        let f = try Self.fixture.get()
        let text = f.signedText
        let start = try #require(text.range(of: ",\n  \"signature\": "))
        let signature = String(text[start.upperBound...].dropLast(2))  // the object, without the last "}\n"
        let moved = String(text[..<start.lowerBound]).replacingOccurrences(of: "\"holds\": {", with: "\"holds\": {\"signature\": \(signature), ") + "\n}\n"
        let file = try f.write("moved-\(command).json", moved)
        let r = try Self.run(command, file, ["--pub", "\(f.path)/k.pub"])
        #expect(Self.isOneLine(r, naming: file) && r.stderr.contains("not signed"), "\(r.stderr)")
    }

    /// The canonical form is what is signed: whitespace and member order do not matter.
    @Test(arguments: Command.allCases)
    func reformattedStillVerifies(command: Command) throws {
        let f = try Self.fixture.get()
        let spaced = try f.write("spaced-\(command).json", f.signedText.replacingOccurrences(of: "\n", with: "\n\t "))
        let r = try Self.run(command, spaced, ["--pub", "\(f.path)/k.pub"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test(arguments: Command.allCases)
    func unverifiedIsAnalysedAndMarked(command: Command) throws {
        let f = try Self.fixture.get()
        for file in ["\(f.path)/unsigned.json", "\(f.path)/signed.json"] {  // unsigned; signed but no key
            switch command {
            case .plan:
                let r = try Self.run(command, file, ["--unverified"])
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout.hasPrefix("Worklist for 2026-10-15 under \"tiered-copilot\" (copilot mode) — UNVERIFIED policy"), "\(r.stdout.prefix(200))")
                let json = try Self.run(command, file, ["--unverified", "--format", "json"])
                #expect(json.stdout.contains("\"verified\": false"))
            case .simulate:
                let table = try Self.run(command, file, ["--unverified"])
                #expect(table.status == 0, "\(table.stderr)")
                let firstLine = table.stdout.split(separator: "\n").first ?? ""
                #expect(firstLine.contains("UNVERIFIED policy tiered-copilot"), "\(firstLine)")
                #expect(table.stdout.contains("tiered-copilot [UNVERIFIED]"))
                let markdown = try Self.run(command, file, ["--unverified", "--format", "markdown"])
                #expect((markdown.stdout.split(separator: "\n").first ?? "").contains("UNVERIFIED"))
                let json = try Self.run(command, file, ["--unverified", "--format", "json"])
                #expect(json.stdout.contains("\"verified\": false"), "\(json.stdout.prefix(300))")
            }
        }
    }

    @Test func compareHTMLTitleIsMarked() throws {
        let f = try Self.fixture.get()
        let store = try ReportsCLITests.store()
        let page = f.path + "/compare.html"
        let r = try CLIRunner.run(["compare", "\(f.path)/unsigned.json", "--unverified", "--runs", "2", "--db", store.db, "--html", page])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<title>Policy comparison — UNVERIFIED policy tiered-copilot"))
        #expect(html.contains("<h1>Policy comparison — UNVERIFIED policy tiered-copilot"))
    }

    @Test func privateKeyAsPubIsRefusedAndReadableKeyWarns() throws {
        let f = try Self.fixture.get()
        let r = try Self.run(.plan, "\(f.path)/signed.json", ["--pub", "\(f.path)/k.key"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("k.key: this is a private key; pass its public key file \(f.path)/k.pub instead"), "\(r.stderr)")
        let verify = try CLIRunner.run(["policy", "verify", "--pub", "\(f.path)/k.key", "\(f.path)/signed.json"])
        #expect(verify.status == 1 && verify.stderr.contains("this is a private key"))

        let quiet = try CLIRunner.run(["policy", "sign", "--key", "\(f.path)/k.key", "\(f.path)/unsigned.json", "--out", "\(f.path)/s1.json"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("warning"), "\(quiet.stderr)")
        try FileManager.default.copyItem(atPath: "\(f.path)/k.key", toPath: "\(f.path)/open.key")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: "\(f.path)/open.key")
        let loud = try CLIRunner.run(["policy", "sign", "--key", "\(f.path)/open.key", "\(f.path)/unsigned.json", "--out", "\(f.path)/s2.json"])
        #expect(loud.status == 0)
        #expect(loud.stderr.contains("warning: \(f.path)/open.key is a private key readable by others (mode 644)"), "\(loud.stderr)")
        #expect(loud.stderr.contains("chmod 600 \(f.path)/open.key"))
    }

    @Test func inspectingCommandsStateTheStatus() throws {
        let f = try Self.fixture.get()
        var r = try CLIRunner.run(["policy", "validate", "\(f.path)/unsigned.json"])
        #expect(r.status == 0 && r.stdout.contains("; unsigned, not verified"), "\(r.stdout)")
        r = try CLIRunner.run(["policy", "validate", "\(f.path)/signed.json"])
        #expect(r.status == 0 && r.stdout.contains("not verified (no trusted key has that id)"), "\(r.stdout)")
        r = try CLIRunner.run(["policy", "validate", "\(f.path)/signed.json"], environment: ["RECOUP_TRUSTED_KEYS": "\(f.path)/trusted"])
        #expect(r.status == 0 && r.stdout.contains("verified") && !r.stdout.contains("not verified"), "\(r.stdout)")
        r = try CLIRunner.run(["policy", "show", "\(f.path)/unsigned.json"])
        #expect(r.status == 0 && r.stdout.contains("Signature: unsigned, not verified"))
        r = try CLIRunner.run(["policy", "diff", "\(f.path)/unsigned.json", "\(f.path)/signed.json"])
        #expect(r.status == 0 && r.stdout.contains("signatures: ") && r.stdout.contains("unsigned"), "\(r.stdout)")
        let edited = try f.edited("validate-edited.json", "\"mode\": \"copilot\"", "\"mode\": \"autonomous\"")
        r = try CLIRunner.run(["policy", "validate", edited, "--pub", "\(f.path)/k.pub"])
        #expect(r.status == 1 && r.stderr.contains("changed after it was signed"))
        r = try CLIRunner.run(["policy", "verify", "\(f.path)/signed.json"], environment: ["RECOUP_TRUSTED_KEYS": "\(f.path)/missing"])
        #expect(r.status == 1 && r.stderr.contains("RECOUP_TRUSTED_KEYS entry: no such file or folder"), "\(r.stderr)")
    }
}
