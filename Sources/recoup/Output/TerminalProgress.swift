import Dispatch
import Foundation
import RecoupReports

/// Progress bars on standard error, drawn only when it is a terminal (SPEC §7: quiet otherwise).
///
/// Libraries take a `ProgressReporter` or a plain callback; this is the one place that connects
/// either to the terminal. Every long command (import, train, simulate, compare, tune, generate,
/// notebook run) draws its line through here, so they all look alike: label, bar, counts, rate
/// and time left.
enum TerminalProgress {
    /// Whether standard error is a terminal.
    static var isTerminal: Bool { isatty(2) == 1 }

    /// A reporter for `total` units (nil when unknown) that writes to standard error on a
    /// terminal and does nothing otherwise.
    /// - Parameter unit: the unit's name shown with the rate (`rows`, `runs`, `points`).
    static func make(label: String, total: Int?, unit: String = "") -> ProgressReporter {
        ProgressReporter(
            label: label, total: total, isEnabled: isTerminal,
            now: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
            write: { text in FileHandle.standardError.write(Data(text.utf8)) },
            unit: unit)
    }

    /// A callback taking the fraction of the work done (0…1) that moves `bar`, or nil when `bar`
    /// draws nothing (so the library can skip the bookkeeping).
    static func fractions(_ bar: ProgressReporter) -> (@Sendable (Double) -> Void)? {
        guard bar.isEnabled else { return nil }
        return { fraction in bar.update(fraction: fraction) }
    }

    /// For callbacks that report `(done, total)` (generation, truth runs): the bar is made on
    /// the first call, with that total, and made anew when the total changes (a new phase).
    final class Counter: @unchecked Sendable {
        private let label: String
        private let unit: String
        private let lock = NSLock()
        private var reporter: ProgressReporter?

        init(label: String, unit: String = "") {
            self.label = label
            self.unit = unit
        }

        /// Records `done` of `total`.
        func update(_ done: Int, _ total: Int) {
            guard TerminalProgress.isTerminal else { return }
            lock.lock()
            defer { lock.unlock() }
            if reporter?.total != total {
                reporter?.finish()
                reporter = TerminalProgress.make(label: label, total: total, unit: unit)
            }
            reporter?.update(completed: done)
        }

        /// Ends the line (nothing when nothing was drawn).
        func finish() {
            lock.lock()
            defer { lock.unlock() }
            reporter?.finish()
        }
    }

    /// For callbacks that report `(file, rows read so far)` (the importers): one line per file,
    /// labelled `import FILE`, counting rows with their rate.
    final class FileRows: @unchecked Sendable {
        private let lock = NSLock()
        private var file: String?
        private var reporter: ProgressReporter?

        /// The callback to hand to the importer, or nil when standard error is not a terminal.
        var callback: (@Sendable (String, Int) -> Void)? {
            guard TerminalProgress.isTerminal else { return nil }
            return { [self] file, rows in self.update(file: file, rows: rows) }
        }

        private func update(file: String, rows: Int) {
            lock.lock()
            defer { lock.unlock() }
            if file != self.file {
                reporter?.finish()
                self.file = file
                reporter = TerminalProgress.make(label: "import \(file)", total: nil, unit: "rows")
            }
            reporter?.update(completed: rows)
        }

        /// Ends the current file's line.
        func finish() {
            lock.lock()
            defer { lock.unlock() }
            reporter?.finish()
        }
    }
}
