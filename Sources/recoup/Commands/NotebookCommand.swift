import ArgumentParser

/// `recoup notebook …`: executable Markdown notebooks.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run Markdown notebooks whose recoup blocks are commands.",
        subcommands: [NotebookRunCommand.self]
    )
}
