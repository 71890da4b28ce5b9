import ArgumentParser
import Foundation

/// The `recoup` command: a thin shell over the Recoup libraries (SPEC §7).
///
/// Exit status: 0 on success, 1 on a user error (bad input, failed validation) with a one-line
/// reason first, 2 on bad usage.
@main
struct RecoupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recoup",
        abstract: "Offline workbench for accounts-receivable collections policies.",
        version: RecoupVersion.current,
        subcommands: [
            // Subcommands are registered here, one line each.
            DemoCommand.self,
            ImportCommand.self,
            ReportCommand.self,
            GenerateCommand.self,
            KeysCommand.self,
            PolicyCommand.self,
            PlanCommand.self,
            TrainCommand.self,
            FeaturesCommand.self,
            SimulateCommand.self,
            CompareCommand.self,
            ReconcileCommand.self,
            TuneCommand.self,
            NotebookCommand.self,
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            // Usage errors (ArgumentParser's 64) exit 2 as SPEC §7 says; help and version exit 0.
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                if let suggestion = CommandSuggestion.line(for: Array(CommandLine.arguments.dropFirst())) {
                    message += "\n" + suggestion
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum RecoupVersion {
    static let current = "0.1.0"
}
