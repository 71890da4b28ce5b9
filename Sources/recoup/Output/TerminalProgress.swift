import Dispatch
import Foundation
import RecoupReports

/// Progress bars on standard error, drawn only when it is a terminal (SPEC §7: quiet otherwise).
///
/// Libraries take a `ProgressReporter`; this is the one place that connects it to the terminal.
enum TerminalProgress {
    /// Whether standard error is a terminal.
    static var isTerminal: Bool { isatty(2) == 1 }

    /// A reporter for `total` units (nil when unknown) that writes to standard error on a
    /// terminal and does nothing otherwise.
    static func make(label: String, total: Int?) -> ProgressReporter {
        ProgressReporter(
            label: label, total: total, isEnabled: isTerminal,
            now: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
            write: { text in FileHandle.standardError.write(Data(text.utf8)) })
    }
}
