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

    public var description: String { "\(file):\(line): \(column): \(reason)" }
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
    /// A mapping file (`--map`) is not valid; `path` is the JSON path of the problem.
    case invalidMapping(path: String, reason: String)
    /// The store refused the write (disk full, locked, …).
    case store(String)

    public var description: String {
        switch self {
        case .invalidRows(let issues, let more):
            let total = issues.count + more
            var text = "import refused, nothing was imported: \(total) problem\(total == 1 ? "" : "s"); first: "
                + (issues.first.map(\.description) ?? "")
            for issue in issues.dropFirst() { text += "\n  " + issue.description }
            if more > 0 { text += "\n  … and \(more) more" }
            return text
        case .missingInvoices(let folder):
            return "\(folder): no invoices.csv in this bundle folder; a bundle needs at least invoices.csv (see docs/import.md)"
        case .notFound(let path):
            return "\(path): no such file or folder; give a bundle folder or, with --preset or --map, one exported CSV file"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
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
