import ArgumentParser
import Foundation
import RecoupSimulation

/// `recoup simulate --policy P [--policy P2 …]`: projections (SPEC §6) for the invoices issued
/// in the window, with 95% intervals, differences against the first policy and, when
/// `history` is among the policies, the back-test.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay the ledger under policies and project DSO, collection rate, cost and hours.",
        discussion: """
            --policy takes a policy file, or the built-in names history (the firm's own policy, \
            estimated from its actions and replayed as a policy; the back-test shows it beside the \
            ledger's observed figures and the logged actions replayed as they happened) and none (no reminders at all). Needs a trained model \
            (recoup train). See docs/simulation.md.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var simulation: SimulationArguments

    @Option(name: .long, help: "A policy file, history or none (repeatable; the first is the baseline).")
    var policy: [String]

    func validate() throws {
        guard !policy.isEmpty else { throw ValidationError("give at least one --policy (a file, history or none)") }
    }

    func run() throws {
        try UserFacingError.wrap {
            let report = try simulation.project(policy, store: store)
            print(report.rendered(output.format), terminator: "")
        }
    }
}
