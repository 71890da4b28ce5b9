import ArgumentParser
import RecoupPolicy

/// `recoup policy validate FILE [--pub P]`: exit 0 and a one-line summary, or exit 1 with
/// every problem.
struct PolicyValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a policy file: strict format, every validation rule, and its signature (against --pub and $RECOUP_TRUSTED_KEYS)."
    )

    @Argument(help: "The policy file.")
    var file: String

    @Option(name: .long, help: "A trusted public key file (repeatable); $RECOUP_TRUSTED_KEYS adds more. An unsigned file is valid but reported as not verified.")
    var pub: [String] = []

    func run() throws {
        try UserFacingError.wrap {
            let doc = try PolicyFiles.inspect(file, trust: PolicyTrust(publicKeyFiles: pub))
            let p = doc.policy
            print("\(file): valid: \"\(p.name)\", \(p.mode.rawValue), \(p.tiers.count) tier\(p.tiers.count == 1 ? "" : "s"); \(doc.signatureStatus)")
        }
    }
}
