import ArgumentParser
import Foundation
import RecoupLedger
import RecoupModel
import RecoupPolicy
import RecoupSimulation

/// The options `simulate` and `compare` share, and the loading of what they need: the ledger,
/// the trained payment-response model, the costs and the policies.
struct SimulationArguments: ParsableArguments {
    @Option(name: .long, help: "First issue day of the invoices to replay (YYYY-MM-DD). Default: the first.", transform: Day.argument)
    var from: Day?

    @Option(name: .long, help: "Last issue day of the invoices to replay (YYYY-MM-DD). Default: the last.", transform: Day.argument)
    var to: Day?

    @Option(name: .long, parsing: .unconditional, help: "Monte Carlo runs (1–10000).")
    var runs: Int = 200

    @Option(name: .long, parsing: .unconditional, help: "Seed of every random draw; the same seed gives the same output.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Option(name: .long, help: "A JSON file of cost overrides (docs/costs.md).")
    var costs: String?

    @OptionGroup var trust: PolicyTrustOptions

    func validate() throws {
        guard (1...10_000).contains(runs) else { throw ValidationError("--runs must be between 1 and 10000, got \(runs)") }
        if let from, let to, from > to { throw ValidationError("--from \(from.iso) is after --to \(to.iso)") }
    }

    /// Resolves policy names: `history`, `none`, or a policy file (validated, and verified
    /// against the trusted keys unless `--unverified`, which marks it in every output).
    func policies(_ names: [String]) throws -> [ReplayPolicy] { try SimulationArguments.policies(names, trust: trust) }

    static func policies(_ names: [String], trust: PolicyTrustOptions) throws -> [ReplayPolicy] {
        try names.map { name in
            switch name {
            case "history": return .history
            case "none": return .none
            default:
                let document = try trust.trust.load(name)
                var replay = try ReplayPolicy(policy: document.policy)
                replay.isVerified = document.signatureStatus.isVerified
                return replay
            }
        }
    }

    /// Loads the ledger and model and projects `names`.
    func project(_ names: [String], store: StoreOptions) throws -> SimulationReport {
        try projectWithInputs(names, store: store).report
    }

    /// `project`, with the ledger and cost model it used, for commands that report on them too
    /// (so neither the store nor the cost file is read twice).
    func projectWithInputs(_ names: [String], store: StoreOptions) throws -> Projected {
        try SimulationArguments.project(names, store: store, runs: runs, seed: seed, costs: costs, trust: trust, from: from, to: to)
    }

    /// A projection and what it was made from.
    struct Projected {
        var report: SimulationReport
        var ledger: Ledger
        var costs: CostModel
    }

    /// Loads the ledger and model of `store` and projects `names` over invoices issued
    /// `from…to` (default: all), for commands whose own `--from/--to` mean another window.
    static func project(_ names: [String], store: StoreOptions, runs: Int, seed: UInt64, costs: String?,
                        trust: PolicyTrustOptions, from: Day? = nil, to: Day? = nil) throws -> Projected {
        var options = SimulationOptions(runs: runs, seed: seed)
        if let costs { options.costs = try CostModel.load(contentsOf: URL(fileURLWithPath: costs)) }
        let policies = try SimulationArguments.policies(names, trust: trust)
        let stored = try StoredModels.load(from: try LedgerStore(path: store.path, access: .readOnly), path: store.path)
        let ledger = stored.ledger, behaviour = stored.behaviour
        let bar = TerminalProgress.make(label: "simulate", total: options.runs * policies.count, unit: "runs")
        let report = try Simulation.project(ledger: ledger, behaviour: behaviour, policies: policies, from: from, to: to,
                                            options: options, progress: TerminalProgress.fractions(bar))
        bar.finish()
        return Projected(report: report, ledger: ledger, costs: options.costs)
    }
}

extension SimulationReport {
    /// The report in `format`.
    func rendered(_ format: OutputFormat) -> String {
        switch format {
        case .table: return text
        case .json: return json
        case .csv: return csv
        case .markdown: return markdown
        }
    }
}
