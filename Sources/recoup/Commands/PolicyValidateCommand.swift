import ArgumentParser
import RecoupPolicy

/// `recoup policy validate FILE [--pub P]`: exit 0 and a one-line summary, or exit 1 with
/// every problem.
struct PolicyValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a policy file: strict format, every validation rule, and its signature if --pub is given."
    )

    @Argument(help: "The policy file.")
    var file: String

    @Option(name: .long, help: "A trusted public key file (repeatable); a signed policy must verify against one.")
    var pub: [String] = []

    func run() throws {
        try UserFacingError.wrap {
            let doc = try PolicyFiles.load(file, publicKeys: pub)
            let p = doc.policy
            print("\(file): valid: \"\(p.name)\", \(p.mode.rawValue), \(p.tiers.count) tier\(p.tiers.count == 1 ? "" : "s"); \(doc.signatureStatus)")
        }
    }
}
