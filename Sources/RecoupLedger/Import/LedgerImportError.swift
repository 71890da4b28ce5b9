import RecoupPolicy

/// One problem found in an imported file: `file:line: column: reason`.
public struct ImportIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file's name (not its full path), e.g. `invoices.csv`.
    public var file: String
    /// The physical line (1-based; the header is line 1).
    public var line: Int
    /// The column the problem is in, as named in the file's header (or `-` for a whole row).
    public var column: String
    /// What is wrong, quoting the bad value, and what to do.
    public var reason: String

    public init(file: String, line: Int, column: String, reason: String) {
        self.file = file; self.line = line; self.column = column; self.reason = reason
    }

    /// `file:line: column: reason`, with control characters escaped for the terminal (a
    /// header name or a quoted value may hold them).
    public var description: String {
        TerminalText.escaped(file) + ":\(line): " + TerminalText.escaped(column) + ": " + TerminalText.escaped(reason)
    }
}

/// Why an import was refused. In every case nothing was written: the store is as it was.
public enum LedgerImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad rows: up to `LedgerImporter.issueLimit` problems in file order, and how many more
    /// there were.
    case invalidRows([ImportIssue], more: Int)
    /// The bundle folder has no `invoices.csv`.
    case missingInvoices(folder: String)
    /// The path does not exist.
    case notFound(path: String)
    /// The file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// The path leads through symbolic links that loop.
    case symbolicLinkLoop(path: String)
    /// The path is a folder, a FIFO, a device or a socket where a file was expected; nothing
    /// was read from it.
    case notRegularFile(path: String, kind: String)
    /// The file is larger than the limit for its kind (`InputFileLimit`).
    case tooLarge(path: String, bytes: Int64, limit: InputFileLimit)
    /// A mapping file (`--map`) is not valid; `path` is the JSON path of the problem.
    case invalidMapping(path: String, reason: String)
    /// The store refused the write (disk full, locked, …).
    case store(String)

    /// The message for a terminal; control characters in paths and quoted values are escaped.
    public var description: String {
        switch self {
        case .invalidRows(let issues, let more):
            return Self.rowsDescription(issues, more: more)
        default:
            return TerminalText.escaped(plainDescription)
        }
    }

    /// `import refused …: N problems; first: …`, one issue a line (each escapes its own text).
    private static func rowsDescription(_ issues: [ImportIssue], more: Int) -> String {
        let total = issues.count + more
        var text = "import refused, nothing was imported: \(total) problem\(total == 1 ? "" : "s"); first: "
            + (issues.first.map(\.description) ?? "")
        for issue in issues.dropFirst() { text += "\n  " + issue.description }
        if more > 0 { text += "\n  … and \(more) more" }
        return text
    }

    /// Every message but `.invalidRows`'s, before escaping.
    private var plainDescription: String {
        switch self {
        case .invalidRows(let issues, let more):
            return Self.rowsDescription(issues, more: more)
        case .missingInvoices(let folder):
            return "\(folder): no invoices.csv in this bundle folder; a bundle needs at least invoices.csv (see docs/import.md)"
        case .notFound(let path):
            return "\(path): no such file or folder; give a bundle folder or, with --preset or --map, one exported CSV file"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .symbolicLinkLoop(let path):
            return "\(path): too many levels of symbolic links; the links loop, point them at the real file"
        case .notRegularFile(let path, let kind):
            return "\(path): is \(kind), not a regular file; Recoup imports regular files only and read nothing from it"
        case .tooLarge(let path, let bytes, let limit):
            return "\(path): is \(groupedInteger(bytes)) bytes, over the limit of \(limit.text) (\(groupedInteger(limit.bytes)) bytes) for \(limit.what); split it into smaller files"
        case .invalidMapping(let path, let reason):
            return "mapping: \(path): \(reason)"
        case .store(let reason):
            return "the store refused the import (\(reason)); nothing was imported"
        }
    }

    /// The problems, for `.invalidRows`; empty otherwise.
    public var issues: [ImportIssue] {
        if case .invalidRows(let issues, _) = self { return issues }
        return []
    }
}
