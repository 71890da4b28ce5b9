import ArgumentParser

/// `recoup keys …`: signing keys for policy files.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the Ed25519 keys that sign policy files.",
        subcommands: [KeysGenerateCommand.self]
    )
}
