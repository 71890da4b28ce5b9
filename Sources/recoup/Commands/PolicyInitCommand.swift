import ArgumentParser
import Foundation
import RecoupPolicy
import RecoupPolicyAuthoring

/// `recoup policy init --template fixed|tiered|copilot|manual [--out FILE]`.
struct PolicyInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write an example policy and, next to it, a README explaining each field."
    )

    @Option(name: .long, help: "fixed, tiered, copilot or manual.")
    var template: PolicyTemplate

    @Option(name: .long, help: "The policy file to write (default: the template's file name).")
    var out: String?

    @Flag(name: .long, help: "Replace existing files.")
    var force = false

    func run() throws {
        try UserFacingError.wrap {
            let path = out ?? template.fileName
            let stem = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
            let readme = stem + ".README.md"
            let policyFile = OutputFile(path, replacement: .withForce(force), example: template.fileName)
            let readmeFile = OutputFile(readme, replacement: .withForce(force), example: "policy.README.md")
            try policyFile.check()  // both files or neither
            try readmeFile.check()
            try policyFile.write(template.fileContents)
            try readmeFile.write(template.readme)
            print("wrote \(path) and \(readme)")
        }
    }
}
