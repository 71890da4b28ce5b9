/// What can go wrong reading or running a notebook; each message names the file and line.
public enum NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A command line that cannot be split into arguments.
    case badCommandLine(path: String, line: Int, text: String, problem: ShellWords.Problem)
    /// An output region whose end marker is missing.
    case unterminatedOutput(path: String, line: Int)
    /// An end marker with no start marker before it.
    case strayOutputEnd(path: String, line: Int)
    /// A command that exited with a non-zero status in a block not marked `allow-failure`.
    case commandFailed(path: String, block: Int, line: Int, command: String, status: Int32, reason: String)
    /// `--check`: a re-run would change this block's output (or a chart it writes).
    case wouldChange(path: String, block: Int, line: Int, what: String)
    /// A command would write `argument` (`resolved`: with `..` and links resolved) outside the
    /// notebook's `folder`, and `--allow-writes-outside` was not given.
    case writesOutside(path: String, block: Int, line: Int, command: String, argument: String, resolved: String, folder: String)

    public var description: String {
        switch self {
        case .badCommandLine(let path, let line, let text, let problem):
            let why: String
            switch problem {
            case .unterminatedQuote(let q): why = "the \(q) quote is not closed"
            case .danglingBackslash: why = "it ends with a backslash"
            case .shellOperator(let op): why = "'\(op)' is a shell operator; a notebook line is one recoup command (quote it if it is part of an argument)"
            }
            return "\(path):\(line): cannot read the command `\(text)`: \(why)"
        case .unterminatedOutput(let path, let line):
            return "\(path):\(line): \(NotebookMarkers.start) has no \(NotebookMarkers.end) after it; add one or delete the region"
        case .strayOutputEnd(let path, let line):
            return "\(path):\(line): \(NotebookMarkers.end) without a \(NotebookMarkers.start) before it; delete it"
        case .commandFailed(let path, let block, let line, let command, let status, let reason):
            let detail = reason.isEmpty ? "" : ": \(reason)"
            return "\(path):\(line): block \(block): `recoup \(command)` exited with status \(status)\(detail) (mark the block `recoup allow-failure` if that is expected)"
        case .wouldChange(let path, let block, let line, let what):
            return "\(path):\(line): block \(block): a re-run would change \(what); run `recoup notebook run \(path)` to update it"
        case .writesOutside(let path, let block, let line, let command, let argument, let resolved, let folder):
            let shown = argument == resolved ? argument : "\(argument) (\(resolved))"
            return "\(path):\(line): block \(block): `recoup \(command)` would write \(shown), outside the notebook's folder \(folder); nothing was run. Write inside the folder, or pass --allow-writes-outside to allow it"
        }
    }
}

/// The comment lines that delimit a block's output in the notebook.
public enum NotebookMarkers {
    public static let start = "<!-- recoup:output -->"
    public static let end = "<!-- /recoup:output -->"
}
