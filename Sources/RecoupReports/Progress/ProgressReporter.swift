import Foundation

/// A progress bar that redraws one terminal line through a closure, at most every
/// `minimumInterval` seconds.
///
/// Libraries take one of these (or nil) and call `advance`/`update`; they never print. The
/// command line makes it with a writer to standard error and `isEnabled` set only when standard
/// error is a terminal, so piped and redirected runs stay quiet (SPEC §7).
///
/// ```swift
/// let progress = ProgressReporter(label: "simulate", total: runs, isEnabled: isatty(2) == 1,
///                                 now: { monotonicSeconds() }, write: { text in writeToStderr(text) })
/// for run in 0..<runs { …; progress.advance() }
/// progress.finish()
/// ```
///
/// Thread-safe: concurrent workers may call `advance` together.
public final class ProgressReporter: @unchecked Sendable {
    public let label: String
    public let total: Int?
    public let isEnabled: Bool
    /// The unit's name shown with the rate (`rows` gives `1,200 rows/s`; empty gives `/s`).
    public let unit: String
    private let now: @Sendable () -> Double
    private let write: @Sendable (String) -> Void
    private let minimumInterval: Double
    private let lock = NSLock()
    private let start: Double
    private var completed = 0
    private var lastDraw: Double?
    private var isFinished = false
    private var stage: String?

    /// - Parameters:
    ///   - label: what is being done.
    ///   - total: units in all, nil when unknown.
    ///   - isEnabled: false makes every call a no-op (not a terminal).
    ///   - now: a clock in seconds (monotonic; injected so tests control time).
    ///   - write: receives the text to write, including `\r`, the ANSI erase-to-end-of-line
    ///     code and, on `finish`, a final line break.
    ///   - minimumInterval: seconds between redraws (the last update always draws).
    ///   - unit: the unit's name shown with the rate (`rows`, `runs`); empty for none.
    public init(label: String, total: Int?, isEnabled: Bool, now: @escaping @Sendable () -> Double,
                write: @escaping @Sendable (String) -> Void, minimumInterval: Double = 0.1, unit: String = "") {
        self.label = label
        self.total = total
        self.isEnabled = isEnabled
        self.unit = unit
        self.now = now
        self.write = write
        self.minimumInterval = minimumInterval
        self.start = isEnabled ? now() : 0
    }

    /// A reporter that never writes.
    public static var disabled: ProgressReporter {
        ProgressReporter(label: "", total: nil, isEnabled: false, now: { 0 }, write: { _ in })
    }

    /// Adds `units` to the count done and redraws if due.
    public func advance(by units: Int = 1) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        completed += units
        drawIfDue()
    }

    /// Sets the count done and redraws if due.
    public func update(completed value: Int) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        completed = value
        drawIfDue()
    }

    /// Sets the count done from the fraction of the work done (0…1) when a total is known, and
    /// redraws if due; does nothing without a total.
    public func update(fraction: Double) {
        guard isEnabled, let total, fraction.isFinite else { return }
        update(completed: Int((min(max(fraction, 0), 1) * Double(total)).rounded(.down)))
    }

    /// Names the step in progress (shown as `label: stage`), and redraws at once; nil clears it.
    public func setStage(_ stage: String?) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        self.stage = stage
        lastDraw = nil
        drawIfDue()
    }

    /// Draws the final state and ends the line. Later calls do nothing.
    public func finish() {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !isFinished else { return }
        isFinished = true
        if let total { completed = max(completed, total) }
        stage = nil
        write("\r" + line(elapsed: now() - start) + "\u{1B}[K\n")
    }

    private func drawIfDue() {
        guard !isFinished else { return }
        let time = now()
        let isLast = total.map { completed >= $0 } ?? false
        if let lastDraw, time - lastDraw < minimumInterval, !isLast { return }
        lastDraw = time
        write("\r" + line(elapsed: time - start) + "\u{1B}[K")
    }

    private func line(elapsed: Double) -> String {
        ProgressLine.format(label: stage.map { "\(label): \($0)" } ?? label, completed: completed, total: total,
                            elapsed: elapsed, unit: unit)
    }
}
