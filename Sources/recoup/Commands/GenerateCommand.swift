import ArgumentParser
import Foundation
import RecoupSynthetic

/// `recoup generate`: writes a synthetic MSP ledger bundle (SPEC §2) with known behaviour
/// (docs/synthetic-world.md).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic MSP ledger bundle with known payment behaviour.",
        discussion: """
            The same --seed (and sizes) always gives the same files, byte for byte. The history is \
            logged under a randomised reminder cadence so that models can learn contact effects; \
            see docs/synthetic-world.md for every parameter.
            """
    )

    @Option(name: .long, help: "Output folder (created if missing; the nine CSV files are overwritten).")
    var out: String

    @Option(name: .long, help: "Number of clients.")
    var clients: Int = 400

    @Option(name: .long, help: "Number of monthly billing cycles.")
    var months: Int = 24

    @Option(name: .long, help: "Seed of every random draw.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Last day of the history window (YYYY-MM-DD). Default: 2026-10-31.")
    var end: String?

    func validate() throws {
        guard clients >= 1, clients <= 10_000_000 else {
            throw ValidationError("--clients must be between 1 and 10000000, got \(clients)")
        }
        guard months >= 1, months <= 600 else { throw ValidationError("--months must be between 1 and 600, got \(months)") }
        if let end {
            do { _ = try Day(iso: end) } catch { throw ValidationError("--end: \(error)") }
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            let endDay = try end.map { try Day(iso: $0) }
            let world = SyntheticWorld(parameters: WorldParameters(clients: clients, months: months, seed: seed, end: endDay))
            let progress = ProgressLine(label: "generate")
            let summary = try world.writeBundle(to: URL(fileURLWithPath: out), progress: progress.update)
            progress.finish()
            print("wrote \(out): \(summary)")
        }
    }
}

/// A one-line progress counter on standard error, shown only on a terminal (isatty(2)).
private final class ProgressLine: @unchecked Sendable {
    let label: String
    let isTerminal = isatty(2) != 0
    private var lastPercent = -1

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard isTerminal, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        FileHandle.standardError.write(Data("\r\(label): \(percent)%".utf8))
    }

    func finish() {
        guard isTerminal, lastPercent >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
