import ArgumentParser
import RecoupPolicy
import RecoupPolicyAuthoring

/// `recoup policy …`: policy files (SPEC §4).
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Create, check, read, compare, sign and verify policy files (recoup.policy/v1).",
        subcommands: [
            PolicyInitCommand.self, PolicyValidateCommand.self, PolicyShowCommand.self, PolicyDiffCommand.self,
            PolicySignCommand.self, PolicyVerifyCommand.self,
        ]
    )
}

extension PolicyTemplate: ExpressibleByArgument {}
