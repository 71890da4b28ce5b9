import Foundation

/// Writes `text` as UTF-8 to `path` (atomically), or throws a user error naming the file.
func writeText(_ text: String, to path: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw UserFacingError("\(path): cannot write (\(error.localizedDescription))")
    }
}
