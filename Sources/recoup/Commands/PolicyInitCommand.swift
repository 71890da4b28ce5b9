import ArgumentParser
import Foundation
import RecoupPolicy

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
            try PolicyFiles.write(template.fileContents, to: path, force: force)
            try PolicyFiles.write(template.readme, to: readme, force: force)
            print("wrote \(path) and \(readme)")
        }
    }
}
