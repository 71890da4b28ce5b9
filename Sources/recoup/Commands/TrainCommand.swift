import ArgumentParser
import Foundation
import RecoupLedger
import RecoupModel
import RecoupPolicy

/// `recoup train [--until D]`: fits the risk and payment-response models on the store's ledger,
/// saves them as versioned JSON artifacts and prints their held-out evaluation (SPEC §6).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fit the risk and payment-response models, store them, and print their evaluation.",
        discussion: """
            Trains on invoices issued before a split day (the latest --test-fraction of invoices are \
            held out) and evaluates on the rest. Saves the artifacts "models" (everything, see \
            docs/models.md) and "risk-model" (the policy-ready risk model) in the store.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Option(name: .long, help: "Last day of data to use (YYYY-MM-DD). Default: the ledger's last day.", transform: Day.argument)
    var until: Day?

    @Option(name: .long, parsing: .unconditional, help: "Share of the latest-issued invoices held out for evaluation (0–1).")
    var testFraction: Double = 0.2

    @Option(name: .long, parsing: .unconditional, help: "Days after due beyond which a payment counts as late (the risk model's T, docs/models.md).")
    var lateThresholdDays: Int = 15

    func validate() throws {
        guard testFraction > 0, testFraction < 1 else {
            throw ValidationError("--test-fraction must be between 0 and 1 (exclusive), got \(testFraction)")
        }
        guard lateThresholdDays >= 0 else { throw ValidationError("--late-threshold-days must be 0 or more days, got \(lateThresholdDays)") }
    }

    func run() throws {
        try UserFacingError.wrap {
            let ledgerStore = try LedgerStore(path: store.path, access: .readWrite(createIfMissing: false))
            try ledgerStore.requirePaymentDates(for: "train")
            let ledger = try ledgerStore.loadLedger()
            var options = TrainingOptions(until: until)
            options.testFraction = testFraction
            options.lateThresholdDays = lateThresholdDays
            // Fewer steps come when the ledger has no contacts; finish() then completes the bar.
            let bar = TerminalProgress.make(label: "train", total: options.maximumProgressSteps, unit: "steps")
            var started = false
            let trained = try ModelTrainer.train(ledger: ledger, options: options, progress: bar.isEnabled ? { step in
                if started { bar.advance() }
                started = true
                bar.setStage(step)
            } : nil)
            bar.finish()
            let version = try ledgerStore.saveModels(trained)
            print(TrainingReport.render(trained, format: output.format, version: version), terminator: "")
        }
    }
}
