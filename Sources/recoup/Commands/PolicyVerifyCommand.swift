import ArgumentParser
import RecoupPolicy

/// `recoup policy verify --pub P FILE`: exit 0 if the policy is signed by a trusted key and
/// unchanged since, else exit 1 saying why.
struct PolicyVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a policy is signed by a trusted key and unchanged since (as the live agent does)."
    )

    @Argument(help: "The policy file.")
    var file: String

    @Option(name: .long, help: "A trusted public key file (repeatable); $RECOUP_TRUSTED_KEYS adds more.")
    var pub: [String] = []

    func run() throws {
        try UserFacingError.wrap {
            let doc = try PolicyTrust(publicKeyFiles: pub).load(file)
            print("\(file): \(doc.signatureStatus): \"\(doc.policy.name)\"")
        }
    }
}
