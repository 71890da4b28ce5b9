import ArgumentParser
import Foundation
import RecoupLedger
import RecoupModel
import RecoupPolicy
import RecoupReports
import RecoupSimulation

/// `recoup tune --base P --vary FIELD=LO..HI/STEP …`: sweeps policy fields over a grid,
/// projects every point with common random numbers, marks the DSO-vs-cost Pareto frontier,
/// applies constraints, picks a point and optionally writes it as a policy ready to sign.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Sweep policy thresholds and show the DSO-vs-cost Pareto frontier.",
        discussion: """
            Each --vary FIELD=LO..HI/STEP sweeps a numeric field of the base policy by its JSON path \
            (escalation.daysPastDue, tiers[0].below, cadences.high[1].day, …); the grid is the product \
            of all --vary ranges. --pick "min cost where dso <= 40" chooses among frontier points that \
            meet every constraint; --emit writes that point as an unsigned policy with its projections \
            and provenance. Needs a trained model (recoup train). See docs/tuning.md.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    @Option(name: .long, help: "The base policy file.")
    var base: String

    @Option(name: .long, help: "FIELD=LO..HI/STEP: a numeric policy field and its range (repeatable).")
    var vary: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Monte Carlo runs per grid point (1–10000).")
    var runs: Int = 50

    @Option(name: .long, parsing: .unconditional, help: "Seed of every random draw; the same seed gives the same output.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Option(name: .long, help: "First issue day of the invoices to replay (YYYY-MM-DD). Default: the first.", transform: Day.argument)
    var from: Day?

    @Option(name: .long, help: "Last issue day of the invoices to replay (YYYY-MM-DD). Default: the last.", transform: Day.argument)
    var to: Day?

    @Option(name: .long, help: "A JSON file of cost overrides (docs/costs.md).")
    var costs: String?

    @Option(name: .customLong("max-human-hours-per-week"), parsing: .unconditional, help: "Constraint: human hours per week (mean) at most this.")
    var maxHumanHoursPerWeek: Double?

    @Option(name: .customLong("min-collection-rate"), parsing: .unconditional, help: "Constraint: collection rate (mean, 0–1) at least this.")
    var minCollectionRate: Double?

    @Option(name: .long, help: "Which point to pick: min|max METRIC [where METRIC OP NUMBER [and …]].")
    var pick: String?

    @Option(name: .long, help: "Write the picked point to this file as an unsigned policy.")
    var emit: String?

    @Option(name: .long, help: "The emitted policy's name (default: the base policy's name).")
    var name: String?

    @Option(name: .long, help: "Also write the sweep as an SVG chart (DSO vs cost per invoice, the frontier, the pick) to this file.")
    var chart: String?

    @Flag(name: .long, help: "Replace the --emit file if it exists.")
    var force = false

    @OptionGroup var trust: PolicyTrustOptions

    func validate() throws {
        guard !vary.isEmpty else { throw ValidationError("give at least one --vary FIELD=LO..HI/STEP, e.g. --vary escalation.daysPastDue=30..60/5") }
        guard (1...10_000).contains(runs) else { throw ValidationError("--runs must be between 1 and 10000, got \(runs)") }
        if let from, let to, from > to { throw ValidationError("--from \(from.iso) is after --to \(to.iso)") }
        if let h = maxHumanHoursPerWeek, !(h >= 0 && h.isFinite) {
            throw ValidationError("--max-human-hours-per-week must be a number ≥ 0, got \(h)")
        }
        if let r = minCollectionRate, !(r >= 0 && r <= 1) {
            throw ValidationError("--min-collection-rate is a share between 0 and 1 (e.g. 0.96), got \(r)")
        }
        if emit != nil && pick == nil {
            throw ValidationError("--emit needs --pick to say which point to write, e.g. --pick \"min cost where dso <= 40\"")
        }
        if name != nil && emit == nil {
            throw ValidationError("--name names the emitted policy: give --emit FILE too")
        }
        for spec in vary { _ = try usage { () throws(TuningError) in try TuningAxis(parsing: spec) } }
        if let pick { _ = try usage { () throws(TuningError) in try PickExpression(parsing: pick) } }
    }

    /// A malformed --vary or --pick is bad usage (exit 2).
    private func usage<T>(_ body: () throws(TuningError) -> T) throws -> T {
        do { return try body() } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        try UserFacingError.wrap {
            let axes = try vary.map { spec throws(TuningError) in try TuningAxis(parsing: spec) }
            let pickExpression = try pick.map { text throws(TuningError) in try PickExpression(parsing: text) }
            var constraints: [TuningConstraint] = []
            if let h = maxHumanHoursPerWeek { constraints.append(TuningConstraint(.humanHours, .lessOrEqual, h)) }
            if let r = minCollectionRate { constraints.append(TuningConstraint(.collectionRate, .greaterOrEqual, r)) }
            let emitFile = emit.map { OutputFile($0, replacement: .withForce(force), example: "tuned.json", inputs: [("--base", base)]) }
            let chartFile = chart.map { OutputFile($0, replacement: .always, example: "sweep.svg") }
            try emitFile?.check()  // before the sweep, which can take minutes
            try chartFile?.check()
            let document = try trust.trust.load(base)
            var options = SimulationOptions(runs: runs, seed: seed)
            if let costs { options.costs = try CostModel.load(contentsOf: URL(fileURLWithPath: costs)) }
            let loaded = try TuneInputs.load(storePath: store.path, from: from, to: to, options: options)
            let bar = TerminalProgress.make(label: "tune", total: axes.reduce(1) { $0 * $1.values.count }, unit: "points")
            let progress = TerminalProgress.fractions(bar)
            let report = try Tuner.run(base: document.policy, axes: axes, evaluator: loaded.evaluator, constraints: constraints,
                                       pick: pickExpression,
                                       context: .init(from: loaded.evaluator.cohort.from, to: loaded.evaluator.cohort.to, seed: seed,
                                                     isBaseVerified: document.signatureStatus.isVerified),
                                       progress: progress)
            bar.finish()
            print(report.rendered(output.format), terminator: "")
            try chartFile?.write(TuningChart.make(report).svg())
            _ = try report.pickedResult()  // no feasible point: exit 1 after the table
            if let emit, let emitFile {
                var provenance = loaded.provenance
                provenance.recoupVersion = RecoupVersion.current
                guard let text = try report.emittedPolicyText(provenance: provenance, name: name) else { return }
                try emitFile.write(text)
                let index = (try report.pickedResult()?.index).map { "#\($0)" } ?? "?"
                FileHandle.standardError.write(Data("wrote \(emit) (point \(index)), unsigned; sign it with recoup policy sign --key KEY \(emit)\n".utf8))
            }
        }
    }
}

extension TuningReport {
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

/// What `recoup tune` loads once: the evaluator over the store's ledger and latest trained
/// models, and the provenance an emitted policy carries.
private struct TuneInputs {
    var evaluator: ReplayEvaluator
    /// `ledger` (the store's fingerprint) and `trainedOn` (the last day of data the models were
    /// fitted on) filled; `recoupVersion` is added when emitting.
    var provenance: Provenance

    static func load(storePath: String, from: Day?, to: Day?, options: SimulationOptions) throws -> TuneInputs {
        let store = try LedgerStore(path: storePath, access: .readOnly)
        let stored = try StoredModels.load(from: store, path: storePath)
        let ledger = stored.ledger, behaviour = stored.behaviour, trained = stored.trained
        let evaluator = try ReplayEvaluator(ledger: ledger, behaviour: behaviour, from: from, to: to, options: options)
        return TuneInputs(evaluator: evaluator, provenance: Provenance(ledger: try store.ledgerFingerprint(), trainedOn: trained.until))
    }
}
