import Foundation

/// What running one notebook command gave.
public struct NotebookCommandResult: Sendable, Equatable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    public init(status: Int32, standardOutput: String, standardError: String = "") {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// The outcome of running a notebook's blocks.
public struct NotebookRunResult: Sendable, Equatable {
    /// The notebook with every block that ran given its new output region.
    public var text: String
    /// Block number → its new output region (start and end markers included).
    public var regions: [Int: String]
    /// Charts linked from the outputs, in order: (block number, path).
    public var charts: [NotebookChart]
    /// The first command that failed in a block not marked `allow-failure`; blocks after it
    /// were not run and keep their old output.
    public var failure: NotebookError?
}

/// A chart a block's command wrote, linked under its output.
public struct NotebookChart: Sendable, Equatable {
    public var block: Int
    public var path: String
    public init(block: Int, path: String) {
        self.block = block
        self.path = path
    }
}

/// Runs a notebook's commands through a closure and splices their output into the text; the
/// pure part of `recoup notebook run` (the command supplies the process spawning).
public enum NotebookRunner {
    /// Runs every block in order, each command through `execute`, stopping after the first
    /// command that fails in a block not marked `allow-failure`.
    ///
    /// - Parameters:
    ///   - document: the parsed notebook.
    ///   - execute: runs `recoup` with the command's arguments and returns its exit status and
    ///     output.
    ///   - fileExists: whether a chart path named by a command exists after it ran (relative
    ///     paths are relative to the notebook's folder); existing charts are linked as images.
    /// - Complexity: O(document + outputs) plus the commands' own work.
    public static func run(_ document: NotebookDocument,
                           execute: (NotebookCommandLine) throws -> NotebookCommandResult,
                           fileExists: (String) -> Bool) rethrows -> NotebookRunResult {
        var regions: [Int: String] = [:]
        var charts: [NotebookChart] = []
        var failure: NotebookError?
        blocks: for block in document.blocks {
            var outputs: [(NotebookCommandLine, NotebookCommandResult)] = []
            for command in block.commands {
                let result = try execute(command)
                outputs.append((command, result))
                if result.status != 0 && !block.allowsFailure {
                    failure = .commandFailed(path: document.path, block: block.number, line: command.line,
                                             command: command.text, status: result.status,
                                             reason: firstLine(of: result.standardError))
                    break
                }
            }
            var seen = Set<String>()
            let blockCharts = outputs.flatMap { $0.0.chartPaths }.filter { fileExists($0) && seen.insert($0).inserted }
            charts += blockCharts.map { NotebookChart(block: block.number, path: $0) }
            regions[block.number] = region(for: outputs, charts: blockCharts)
            if failure != nil { break blocks }
        }
        return NotebookRunResult(text: document.replacingRegions(regions), regions: regions, charts: charts,
                                 failure: failure)
    }

    /// `--check`: the first block whose output region a re-run changes, as an error naming it;
    /// nil when the notebook is up to date. A failed run reports its failure first.
    public static func firstChange(in document: NotebookDocument, after result: NotebookRunResult) -> NotebookError? {
        if let failure = result.failure { return failure }
        for block in document.blocks {
            guard let new = result.regions[block.number] else { continue }
            if block.existingRegion != new {
                let what = block.existingRegion == nil ? "its output (there is none yet)" : "its output"
                return .wouldChange(path: document.path, block: block.number, line: block.line, what: what)
            }
        }
        return nil
    }

    /// The output region for a block's results: a `text` block with the output (each command's
    /// output after a `$ recoup …` line when the block has several), then the charts as images.
    public static func region(for outputs: [(NotebookCommandLine, NotebookCommandResult)], charts: [String]) -> String {
        var text = ""
        for (command, result) in outputs {
            if outputs.count > 1 { text += "$ recoup \(command.text)\n" }
            text += normalized(result.standardOutput)
            text += normalized(result.standardError)
            if result.status != 0 { text += "[exit status \(result.status)]\n" }
        }
        var lines = [NotebookMarkers.start]
        if !text.isEmpty {
            let fence = MarkdownFence.backticks(enclosing: text)
            lines.append(fence + "text")
            lines.append(String(text.dropLast()))  // text ends with a line feed
            lines.append(fence)
        }
        for chart in charts { lines.append(imageLink(chart)) }
        lines.append(NotebookMarkers.end)
        return lines.joined(separator: "\n")
    }

    /// A Markdown image for a chart path: the alt text is the file name; a path with spaces or
    /// parentheses is written in angle brackets.
    public static func imageLink(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let alt = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
        let needsBrackets = path.contains { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" }
        let target = needsBrackets ? "<" + path.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">" : path
        return "![\(alt)](\(target))"
    }

    /// Output text with CRLF turned into LF, other lone CRs dropped, and a final line feed
    /// (empty output stays empty).
    static func normalized(_ output: String) -> String {
        guard !output.isEmpty else { return "" }
        var text = output.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "")
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    static func firstLine(of text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.hasPrefix("error: ") ? String(line.dropFirst(7)) : line
    }
}
