import ArgumentParser
import Foundation
import RecoupPolicy
import RecoupSimulation
import RecoupSynthetic

/// `recoup generate`: writes a synthetic MSP ledger bundle (SPEC §2) with known behaviour
/// (docs/synthetic-world.md).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic MSP ledger bundle with known payment behaviour.",
        discussion: """
            The same --seed (and sizes) always gives the same files, byte for byte. --history says \
            who chased the invoices: randomised (the default and the truth tests' history: a \
            randomised cadence, mostly the agent's, with propensities, so models can learn contact \
            effects), manual (a bookkeeper emailing at about 5 and 20 days past due and calling at \
            about 35, by hand, with a busy week's irregularity), fixed (an agent's emails at 0, 7, \
            14 and 30 days past due), tiered (earlier and more contacts for clients who paid late \
            before), or a recoup.policy/v1 FILE.json run by the decision engine (signed by a \
            trusted --pub key, or --unverified). See docs/synthetic-world.md for every parameter.
            """
    )

    @Option(name: .long, help: "Output folder: new, empty, or holding only an earlier bundle (its nine CSV files are replaced).")
    var out: String?

    @Flag(name: .long, help: "Write the nine CSV files into a folder that holds other files too (those are left alone).")
    var force = false

    @Option(name: .long, parsing: .unconditional, help: "Number of clients.")
    var clients: Int = 400

    @Option(name: .long, parsing: .unconditional, help: "Number of monthly billing cycles.")
    var months: Int = 24

    @Option(name: .long, parsing: .unconditional, help: "Seed of every random draw.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Option(name: .long, help: "Last day of the history window (YYYY-MM-DD). Default: 2026-10-31.", transform: Day.argument)
    var end: Day?

    @Option(name: .long, help: "Who chased the history: randomised (default), manual, fixed, tiered, or a policy FILE.json.",
            transform: HistoryArgument.parse)
    var history: HistoryArgument?

    @Option(name: .long, help: "With --truth: the policy file (recoup.policy/v1) to run the world under.")
    var policy: String?

    @Flag(name: .long, help: "Run the same world forward under --policy and print its true outcomes (docs/synthetic-world.md).")
    var truth = false

    @Option(name: .long, parsing: .unconditional, help: "With --truth: number of runs (behaviour draws of runs 0…R−1).")
    var runs: Int = 1

    @Option(name: .long, help: "With --truth: cost file (docs/costs.md). Default: the standard costs.")
    var costs: String?

    @Option(name: .long, help: "With --truth: first issue day of the cohort (default: the window's start).", transform: Day.argument)
    var from: Day?

    @Option(name: .long, help: "With --truth: last issue day of the cohort (default: --end).", transform: Day.argument)
    var to: Day?

    @OptionGroup var trust: PolicyTrustOptions
    @OptionGroup var output: FormatOptions

    func validate() throws {
        if truth {
            guard policy != nil else { throw ValidationError("--truth needs --policy FILE") }
            guard runs >= 1, runs <= 10_000 else { throw ValidationError("--runs must be between 1 and 10000, got \(runs)") }
            guard history == nil else { throw ValidationError("--history is for the bundle; --truth runs the world under --policy") }
        } else {
            guard out != nil else { throw ValidationError("missing --out DIR (or use --truth --policy FILE)") }
            guard policy == nil else { throw ValidationError("--policy is used with --truth") }
        }
        guard clients >= 1, clients <= 10_000_000 else {
            throw ValidationError("--clients must be between 1 and 10000000, got \(clients)")
        }
        guard months >= 1, months <= 600 else { throw ValidationError("--months must be between 1 and 600, got \(months)") }
        if !truth, from != nil || to != nil { throw ValidationError("--from and --to are used with --truth") }
    }

    func run() throws {
        try UserFacingError.wrap {
            let world = SyntheticWorld(parameters: WorldParameters(clients: clients, months: months, seed: seed, end: end))
            if truth, let policy {
                try runTruth(world: world, policyPath: policy)
                return
            }
            guard let out else { return }
            try OutputFolder(path: out, knownNames: Set(CSVBundleWriter.fileNames), isForced: force, what: "bundle").prepare()
            for name in CSVBundleWriter.fileNames {
                try OutputFile(out + "/" + name, replacement: .always, example: nil).check()
            }
            let (cadence, isVerified) = try (history ?? .kind("randomised")).cadence(trust: trust.trust)
            let progress = TerminalProgress.Counter(label: "generate", unit: "clients")
            let summary = try world.writeBundle(to: URL(fileURLWithPath: out), history: cadence, progress: progress.update)
            progress.finish()
            // The randomised default keeps the line it always had (notebooks show it).
            var historyNote = ""
            if case .randomised = cadence {} else {
                historyNote = "\nhistory: " + cadence.name + (isVerified ? "" : " (UNVERIFIED policy)")
            }
            print("wrote \(out): \(summary)\(historyNote)")
        }
    }
}

extension GenerateCommand {
    func runTruth(world: SyntheticWorld, policyPath: String) throws {
        let document = try trust.trust.load(policyPath)
        let parsed = document.policy
        let costModel = try costs.map { try CostModel.load(contentsOf: URL(fileURLWithPath: $0)) } ?? CostModel()
        let first = from ?? world.parameters.start
        let last = to ?? world.parameters.end
        guard first <= last else { throw UserFacingError("--from \(first) is after --to \(last)") }
        let progress = TerminalProgress.Counter(label: "truth")
        let summary: OutcomeSummary
        do {
            summary = try world.truth(policy: parsed, runs: runs, costs: costModel, cohort: first...last,
                                      progress: progress.update)
        } catch {
            throw UserFacingError("\(policyPath): \(error)")
        }
        progress.finish()
        print(TruthTable.render(summary, format: output.format, isVerified: document.signatureStatus.isVerified))
    }
}

/// Text forms of a truth summary.
enum TruthTable {
    static func render(_ s: OutcomeSummary, format: OutputFormat, isVerified: Bool = true) -> String {
        let unverified = isVerified ? [] : [s.policy]
        func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
        let digits = ["dso": 2, "collectionRate": 4, "costPerInvoice": 2, "humanHoursPerWeek": 2,
                      "contactsPerInvoice": 3, "collectionRate90": 4, "writeOffRate": 4]
        switch format {
        case .json:
            return "[" + s.jsonText(isVerified: isVerified) + "]"
        case .csv:
            var lines = ["policy,mode,invoices,runs,horizon_days,field,mean,lo,hi"]
            for (name, i) in s.fields {
                lines.append("\(s.policy),\(s.mode),\(s.invoices),\(s.runs),\(s.horizonDays),\(name),\(i.mean),\(i.lo),\(i.hi)")
            }
            return lines.joined(separator: "\n")
        case .markdown:
            var lines = [UnverifiedMarking.title("Truth for **\(s.policy)** (\(s.mode)): \(s.invoices) invoices, \(s.runs) runs, \(s.horizonDays) days",
                                                 unverified: unverified),
                         "", "| field | mean | lo | hi |", "| --- | ---: | ---: | ---: |"]
            for (name, i) in s.fields {
                let d = digits[name] ?? 3
                lines.append("| \(name) | \(fixed(i.mean, d)) | \(fixed(i.lo, d)) | \(fixed(i.hi, d)) |")
            }
            return lines.joined(separator: "\n")
        case .table:
            var lines = [UnverifiedMarking.title("truth: \(s.policy) (\(s.mode)), \(s.invoices) invoices, \(s.runs) runs, \(s.horizonDays) days",
                                                 unverified: unverified),
                         "field                   mean          lo          hi"]
            for (name, i) in s.fields {
                let d = digits[name] ?? 3
                let pad = { (t: String, w: Int) in String(repeating: " ", count: max(0, w - t.count)) + t }
                lines.append(name.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + pad(fixed(i.mean, d), 12) + pad(fixed(i.lo, d), 12) + pad(fixed(i.hi, d), 12))
            }
            return lines.joined(separator: "\n")
        }
    }
}
