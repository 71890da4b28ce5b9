import ArgumentParser
import RecoupPolicy

/// `recoup policy show FILE [--format table|json]`.
struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Summarise a policy: tiers, each tier's cadence as a timeline, escalation, holds, limits, mode."
    )

    @Argument(help: "The policy file.")
    var file: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        try UserFacingError.wrap {
            let doc = try PolicyFiles.inspect(file)
            switch output.format {
            case .json: print(PrettyJSON.string(of: doc.policy.jsonValue), terminator: "")
            default: print(doc.policy.summary() + "Signature: \(doc.signatureStatus)\n", terminator: "")
            }
        }
    }
}
