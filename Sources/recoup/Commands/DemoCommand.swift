import ArgumentParser
import Foundation
import RecoupPolicy
import RecoupPolicyAuthoring

/// `recoup demo`: the first thing a new user runs (SPEC §7). Generates a synthetic MSP ledger,
/// imports it, trains the models, reports KPIs, compares the bundled policies and shows the
/// agent's worklist, writing every output to a folder.
///
/// Each step runs this same executable as a subprocess with the step's arguments (as a notebook
/// does), so the demo exercises exactly the commands a user types, and its files are those
/// commands' outputs.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a demo ledger, import it, train, compare the bundled policies and write a report.",
        discussion: """
            Writes to --out (default ./recoup-demo): the bundle, the store recoup.db, the four \
            example policies signed with a throwaway demo key (demo.key, demo.pub: derived from \
            --seed, never for a live agent), and one file per report. The folder must be new, \
            empty, or an earlier demo's; re-running replaces that demo's outputs and leaves \
            nothing else.
            """
    )

    /// What a demo writes into its folder: an existing folder holding anything else is refused,
    /// so the demo never replaces a store or report it did not make.
    static let outputNames: Set<String> = [
        "bundle", "policies", "recoup.db", "recoup.db-wal", "recoup.db-shm", "recoup.db-journal", "import.txt", "kpis.md", "kpis.html",
        "aging.md", "train.txt", "compare.txt", "compare.html", "time-audit.md", "reconcile.txt", "roi.md", "leadership.md", "leadership.html", "plan.txt", "demo.key", "demo.pub",
    ]

    @Option(name: .long, help: "The folder to write everything to.")
    var out: String = "recoup-demo"

    @Option(name: .long, parsing: .unconditional, help: "Number of synthetic clients.")
    var clients: Int = 400

    @Option(name: .long, parsing: .unconditional, help: "Months of history.")
    var months: Int = 24

    @Option(name: .long, parsing: .unconditional, help: "Seed of the synthetic world and of the simulation.", transform: SeedArgument.parse)
    var seed: UInt64 = 1

    @Option(name: .long, parsing: .unconditional, help: "Monte Carlo runs per policy.")
    var runs: Int = 100

    func validate() throws {
        guard (10...100_000).contains(clients) else { throw ValidationError("--clients must be between 10 and 100000, got \(clients)") }
        guard (6...120).contains(months) else { throw ValidationError("--months must be between 6 and 120, got \(months)") }
        guard (2...10_000).contains(runs) else { throw ValidationError("--runs must be between 2 and 10000, got \(runs)") }
    }

    func run() throws {
        try UserFacingError.wrap {
            let folder = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
            let fm = FileManager.default
            try OutputFolder(path: folder.path, knownNames: DemoCommand.outputNames, isForced: nil, what: "demo").prepare()
            // The earlier demo's store is made afresh: removed only when each file is a regular file.
            let storeFiles = ["", "-wal", "-shm", "-journal"].map { folder.appendingPathComponent("recoup.db" + $0).path }
            for path in storeFiles { try OutputFile(path, replacement: .always, example: nil).check() }
            for path in storeFiles where fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.createDirectory(at: folder.appendingPathComponent("policies"), withIntermediateDirectories: true)
            let demo = DemoRun(folder: folder, store: folder.appendingPathComponent("recoup.db").path)
            let end = "2026-10-31"

            // The demo firm's bookkeeper chases by hand (docs/synthetic-world.md, `--history manual`).
            try demo.step("Generating a synthetic MSP ledger (\(clients) clients, \(months) months, chased by hand)", file: nil, [
                "generate", "--out", "bundle", "--clients", String(clients), "--months", String(months),
                "--seed", String(seed), "--end", end, "--history", "manual",
            ])
            try demo.step("Importing it into recoup.db", file: "import.txt", ["import", "bundle"])
            try demo.step("KPIs over the last twelve months", file: "kpis.md", [
                "report", "kpis", "--from", "2025-11-01", "--to", end, "--format", "markdown", "--html", "kpis.html",
            ], show: false)
            demo.record("kpis.html")
            try demo.step("Aging", file: "aging.md", ["report", "aging", "--as-of", end, "--format", "markdown"], show: false)
            try demo.step("Training the late-payment and payment-response models", file: "train.txt", ["train"], show: false)
            // A throwaway key derived from the seed (DemoKey): the policies are signed and every
            // step below uses them verified, as the live agent would.
            print("▸ Signing the four bundled policies with a throwaway demo key derived from the seed (demo.key; demo.pub verifies them)…")
            let key = try DemoKey.make(seed: seed)
            try OutputFile(folder.appendingPathComponent("demo.key").path, replacement: .always, example: nil,
                           permissions: 0o600, mayReplaceKeys: true).write(key.fileContents)
            try OutputFile(folder.appendingPathComponent("demo.pub").path, replacement: .always, example: nil,
                           mayReplaceKeys: true).write(try PolicyPublicKey(rawRepresentation: key.publicKey).fileContents)
            for template in PolicyTemplate.allCases {
                try demo.step(nil, file: nil, ["policy", "init", "--template", template.rawValue, "--out", "policies/\(template.fileName)", "--force"])
                try demo.step(nil, file: nil, ["policy", "sign", "--key", "demo.key", "policies/\(template.fileName)"])
            }
            let trusted = ["--pub", "demo.pub"]
            let policies = PolicyTemplate.allCases.map { "policies/\($0.fileName)" }
            try demo.step("Comparing history, no reminders and the four bundled policies (\(runs) runs each)", file: "compare.txt",
                          ["compare", "none"] + policies + trusted + ["--runs", String(runs), "--seed", String(seed), "--html", "compare.html"],
                          show: true)
            demo.record("compare.html")
            try demo.step("Time audit, now and under the tiered copilot policy", file: "time-audit.md", [
                "report", "time-audit", "--policy", "policies/\(PolicyTemplate.copilot.fileName)",
                "--runs", String(runs), "--seed", String(seed), "--format", "markdown",
            ] + trusted, show: false)
            try demo.step("Matching bank deposits to invoices and payments", file: "reconcile.txt", ["reconcile"], show: false)
            try demo.step("Return on the tiered copilot policy (tool at 250.00 a month)", file: "roi.md", [
                "report", "roi", "--policy", "policies/\(PolicyTemplate.copilot.fileName)", "--tool-cost-per-month", "250.00",
                "--runs", String(runs), "--seed", String(seed), "--format", "markdown",
            ] + trusted, show: false)
            try demo.step("The leadership report: the copilot and autonomous policies against today", file: "leadership.md", [
                "report", "leadership", "--policy", "policies/\(PolicyTemplate.copilot.fileName)",
                "--policy", "policies/\(PolicyTemplate.tiered.fileName)", "--tool-cost-per-month", "250.00",
                "--runs", String(runs), "--seed", String(seed), "--format", "markdown", "--html", "leadership.html",
            ] + trusted, show: false)
            demo.record("leadership.html")
            // The live agent plans the next business day after the ledger's last day.
            var planDay = try Day(iso: end) + 1
            while planDay.isWeekend { planDay = planDay + 1 }
            try demo.step("The agent's worklist for \(planDay.iso), the next business day, under the tiered copilot policy",
                          file: "plan.txt",
                          ["plan", "--policy", "policies/\(PolicyTemplate.copilot.fileName)", "--date", planDay.iso] + trusted, show: false)
            print("")
            print("Done in \(demo.elapsed()). Everything is in \(folder.path):")
            print("  bundle/ (the CSV ledger), recoup.db (the store), policies/ (signed with the throwaway demo.key; demo.pub verifies them), "
                + demo.files.joined(separator: ", "))
            print("Next: open compare.html in a browser, or run `recoup report kpis --db \(folder.path)/recoup.db`.")
        }
    }
}

/// Runs the demo's steps as subprocesses of this executable in the demo folder.
private final class DemoRun {
    let folder: URL
    let store: String
    let started = ProcessInfo.processInfo.systemUptime
    private(set) var files: [String] = []

    init(folder: URL, store: String) {
        self.folder = folder
        self.store = store
    }

    func elapsed() -> String {
        let seconds = ProcessInfo.processInfo.systemUptime - started
        return String(format: "%.1f s", seconds)
    }

    /// Lists a file a step wrote itself (such as `--html`'s page) among the outputs.
    func record(_ file: String) { files.append(file) }

    /// Runs `recoup <arguments>`; writes its output to `file` (if any) and prints it when `show`.
    func step(_ title: String?, file: String?, _ arguments: [String], show: Bool = false) throws {
        if let title { print("▸ \(title)…") }
        let stepStart = ProcessInfo.processInfo.systemUptime
        let result = try NotebookProcess.run(
            executable: NotebookProcess.executablePath(), arguments: arguments, in: folder, store: store, depth: 1)
        guard result.status == 0 else {
            let reason = result.standardError.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
            throw UserFacingError("demo step `recoup \(arguments.joined(separator: " "))` failed: \(reason)")
        }
        if let file {
            try OutputFile(folder.appendingPathComponent(file).path, replacement: .always, example: nil).write(result.standardOutput)
            files.append(file)
        }
        if show { print(result.standardOutput) }
        if title != nil {
            let seconds = ProcessInfo.processInfo.systemUptime - stepStart
            print(String(format: "  done in %.1f s%@", seconds, file.map { ", written to \($0)" } ?? ""))
        }
    }
}
