import ArgumentParser
import RecoupPolicy
import RecoupPolicyAuthoring

/// `recoup policy diff A B`: what changed from A to B, in policy terms.
struct PolicyDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed from policy A to policy B (settings, tiers, cadence steps, risk model)."
    )

    @Argument(help: "The old policy.")
    var old: String

    @Argument(help: "The new policy.")
    var new: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        try UserFacingError.wrap {
            let oldDocument = try PolicyFiles.inspect(old), newDocument = try PolicyFiles.inspect(new)
            let a = oldDocument.policy, b = newDocument.policy
            let differences = b.differences(from: a)
            switch output.format {
            case .json:
                print(PrettyJSON.string(of: .array(differences.map {
                    .object([JSONMember("path", .string($0.path)), JSONMember("change", .string($0.change))])
                })), terminator: "")
            default:
                if differences.isEmpty { print("no differences in policy terms") }
                for d in differences { print(d) }
                print("signatures: \(old): \(oldDocument.signatureStatus); \(new): \(newDocument.signatureStatus)")
            }
        }
    }
}
