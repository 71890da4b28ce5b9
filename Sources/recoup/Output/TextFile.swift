import Foundation

/// Writes `text` as UTF-8 to `path`, replacing a regular file that is there: for outputs that
/// are conventionally rewritten (`--html`, `--chart`). The rules and the atomic write are
/// `OutputFile`'s (never a folder, a link, a device or a key file); prefer `OutputFile`
/// directly, which can also be checked before a long computation.
func writeText(_ text: String, to path: String) throws {
    try OutputFile(path, replacement: .always, example: nil).write(text)
}
