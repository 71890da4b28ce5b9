import ArgumentParser
import Foundation

/// `--format table|json|csv|markdown` (SPEC §6): table by default.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv, markdown
}

/// The `--format` option as an option group, so every reporting command spells it the same.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json, csv or markdown.")
    var format: OutputFormat = .table
}
