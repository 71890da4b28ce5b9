import Foundation

/// Progress lines on standard error, only when it is a terminal (SPEC §7: quiet otherwise).
enum Progress {
    static var isTerminal: Bool { isatty(2) == 1 }

    /// A progress callback for the import, or nil when standard error is not a terminal.
    static func reporter() -> (@Sendable (String, Int) -> Void)? {
        guard isTerminal else { return nil }
        return { file, rows in
            FileHandle.standardError.write(Data("\r\u{1B}[K\(file): \(rows) rows".utf8))
        }
    }

    /// Clears the progress line.
    static func finish() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
