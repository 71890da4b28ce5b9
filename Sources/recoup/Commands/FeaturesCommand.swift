import ArgumentParser
import Foundation
import RecoupLedger
import RecoupModel
import RecoupPolicy

/// `recoup features …`: the models' design matrices.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Export the models' design matrices.",
        subcommands: [FeaturesExportCommand.self])
}

/// Which design `features export` writes.
enum FeatureKind: String, ExpressibleByArgument, CaseIterable {
    case risk, hazard
}

/// `recoup features export [--kind risk|hazard] [--out FILE]`: the exact design matrix and
/// label training uses, as CSV (client effects as a `client_id` column).
struct FeaturesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the design matrix and label training uses, as CSV.",
        discussion: """
            risk: one row per invoice with a known outcome, standardised as the fit uses it. \
            hazard: one row per invoice-day, the client effects as the client_id column; the \
            contact half-life and reach weight are the latest trained model's (5 and 0.3 before \
            any training). See docs/models.md for every column.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "risk or hazard.")
    var kind: FeatureKind = .risk

    @Option(name: .long, help: "Output CSV file (default: standard output).")
    var out: String?

    @Option(name: .long, help: "Last day of data to use (YYYY-MM-DD). Default: the ledger's last day.", transform: Day.argument)
    var until: Day?

    @Option(name: .long, parsing: .unconditional, help: "Share of the latest-issued invoices marked test (0–1).")
    var testFraction: Double = 0.2

    func validate() throws {
        guard testFraction > 0, testFraction < 1 else {
            throw ValidationError("--test-fraction must be between 0 and 1 (exclusive), got \(testFraction)")
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            let file = out.map { OutputFile($0, replacement: .always, example: "features.csv", inputs: [("--db", store.path)]) }
            try file?.check()  // before the export's work
            let ledgerStore = try LedgerStore(path: store.path, access: .readOnly)
            try ledgerStore.requirePaymentDates(for: "features export")
            let ledger = try ledgerStore.loadLedger()
            var options = TrainingOptions(until: until)
            options.testFraction = testFraction
            // Unreadable models export with the defaults, as with none.
            var stored: StoredTrainedModels? = nil
            if kind == .hazard {
                do { stored = try ledgerStore.latestModels() } catch ModelArtifactError.unreadable { stored = nil }
            }
            func export(_ append: (Data) throws -> Void) throws {
                try DesignExport.write(kind: kind == .risk ? .risk : .hazard, ledger: ledger, options: options,
                                       fittedAs: stored?.models) { chunk in try append(Data(chunk.utf8)) }
            }
            if let file {
                try file.write(export)
            } else {
                try export { try FileHandle.standardOutput.write(contentsOf: $0) }
            }
        }
    }
}
