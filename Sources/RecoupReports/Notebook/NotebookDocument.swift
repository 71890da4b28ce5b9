/// A Markdown notebook: its text split into lines and the `recoup` blocks found in it, each with
/// the output region that follows it, if any.
///
/// A block is a fenced code block whose info string starts with `recoup`; every non-blank line
/// in it that is not a `#` comment is one command (a leading `recoup` or `$ recoup` is allowed and
/// ignored; a line ending in `\` continues on the next). The block's output region is the text
/// from a `<!-- recoup:output -->` line to a `<!-- /recoup:output -->` line placed right after
/// the block (blank lines between are allowed). `allow-failure` after `recoup` in the info
/// string lets the block's commands exit non-zero (to show an error message, say).
///
/// ````markdown
/// ```recoup
/// report aging --as-of 2026-03-31
/// ```
///
/// <!-- recoup:output -->
/// ```text
/// Aging on 2026-03-31 (USD)
/// …
/// ```
/// <!-- /recoup:output -->
/// ````
public struct NotebookDocument: Sendable, Equatable {
    /// The file's name as shown in messages.
    public let path: String
    /// The lines, without their line feeds (a carriage return before one is kept).
    let lines: [String]
    /// Whether the text ended with a line feed.
    let endsWithNewline: Bool
    /// The `recoup` blocks in document order.
    public let blocks: [NotebookBlock]

    /// Parses `text`. Throws `NotebookError` for an unreadable command line or a broken output
    /// region, naming `path` and the line.
    /// - Complexity: O(n) in the length of `text`.
    public init(text: String, path: String) throws(NotebookError) {
        self.path = path
        var split = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { split.removeLast() }
        lines = split
        blocks = try NotebookDocument.findBlocks(lines: split, path: path)
    }

    private static func logical(_ line: String) -> Substring {
        line.hasSuffix("\r") ? line.dropLast() : line[...]
    }

    private static func findBlocks(lines: [String], path: String) throws(NotebookError) -> [NotebookBlock] {
        var blocks: [NotebookBlock] = []
        var index = 0
        while index < lines.count {
            let line = logical(lines[index])
            let trimmed = line.trimmingSpaces()
            if trimmed == NotebookMarkers.end { throw .strayOutputEnd(path: path, line: index + 1) }
            if trimmed == NotebookMarkers.start { throw .unterminatedOutput(path: path, line: index + 1) }
            guard let fence = MarkdownFence.opening(line) else {
                index += 1
                continue
            }
            var close = index + 1
            while close < lines.count, !fence.isClosed(by: logical(lines[close])) { close += 1 }
            guard fence.language == "recoup" else {
                index = close + 1
                continue
            }
            let commands = try parseCommands(lines: lines, from: index + 1, to: close, path: path)
            var regionStart: Int?
            var regionEnd: Int?
            var probe = close + 1
            while probe < lines.count, logical(lines[probe]).trimmingSpaces().isEmpty { probe += 1 }
            if probe < lines.count, logical(lines[probe]).trimmingSpaces() == NotebookMarkers.start {
                regionStart = probe
                regionEnd = try findRegionEnd(lines: lines, start: probe, path: path)
            }
            let lastClose = min(close, lines.count - 1)
            blocks.append(NotebookBlock(
                number: blocks.count + 1, line: index + 1, allowsFailure: fence.flags.contains("allow-failure"),
                commands: commands, closeIndex: lastClose, regionEndIndex: regionEnd,
                existingRegion: regionStart.flatMap { start in
                    regionEnd.map { lines[start...$0].map { String(logical($0)) }.joined(separator: "\n") }
                }))
            index = (regionEnd ?? close) + 1
        }
        return blocks
    }

    /// The end marker of the region starting at `start`, skipping fenced blocks inside it.
    private static func findRegionEnd(lines: [String], start: Int, path: String) throws(NotebookError) -> Int {
        var index = start + 1
        var open: MarkdownFence?
        while index < lines.count {
            let line = logical(lines[index])
            if let fence = open {
                if fence.isClosed(by: line) { open = nil }
            } else if line.trimmingSpaces() == NotebookMarkers.end {
                return index
            } else if let fence = MarkdownFence.opening(line) {
                open = fence
            }
            index += 1
        }
        throw .unterminatedOutput(path: path, line: start + 1)
    }

    private static func parseCommands(lines: [String], from: Int, to: Int, path: String) throws(NotebookError) -> [NotebookCommandLine] {
        var commands: [NotebookCommandLine] = []
        var pending = ""
        var pendingLine = 0
        for index in from..<min(to, lines.count) {
            var text = String(logical(lines[index]).trimmingSpaces())
            if pending.isEmpty {
                if text.isEmpty || text.hasPrefix("#") { continue }
                pendingLine = index + 1
            }
            let continues = text.hasSuffix("\\") && trailingBackslashes(text) % 2 == 1
            if continues { text.removeLast() }
            pending += (pending.isEmpty ? "" : " ") + text
            if continues { continue }
            commands.append(try NotebookCommandLine(text: pending, line: pendingLine, path: path))
            pending = ""
        }
        if !pending.isEmpty { commands.append(try NotebookCommandLine(text: pending, line: pendingLine, path: path)) }
        return commands
    }

    private static func trailingBackslashes(_ text: String) -> Int {
        text.reversed().prefix { $0 == "\\" }.count
    }

    /// The document with the given blocks' output regions replaced (or inserted after their
    /// closing fence, after one blank line). Blocks not in `regions` keep their text exactly.
    /// - Parameter regions: block number → region text from start marker to end marker.
    /// - Complexity: O(n) in the document's length.
    public func replacingRegions(_ regions: [Int: String]) -> String {
        var out: [String] = []
        out.reserveCapacity(lines.count + regions.count * 4)
        var index = 0
        for block in blocks {
            guard let region = regions[block.number] else { continue }
            while index <= block.closeIndex {
                out.append(lines[index])
                index += 1
            }
            out.append("")
            out.append(region)
            if let end = block.regionEndIndex { index = end + 1 }
        }
        while index < lines.count {
            out.append(lines[index])
            index += 1
        }
        // A rewritten notebook always ends with a line break.
        return out.joined(separator: "\n") + (endsWithNewline || !regions.isEmpty ? "\n" : "")
    }

    /// Every chart path the notebook's commands name (arguments ending in `.svg`), in order,
    /// without repeats.
    public var chartPaths: [String] {
        var seen = Set<String>()
        return blocks.flatMap { $0.commands.flatMap(\.chartPaths) }.filter { seen.insert($0).inserted }
    }
}

/// One `recoup` block of a notebook.
public struct NotebookBlock: Sendable, Equatable {
    /// 1 for the first block.
    public let number: Int
    /// The line of its opening fence (1-based).
    public let line: Int
    /// Whether commands may exit non-zero (`recoup allow-failure`).
    public let allowsFailure: Bool
    public let commands: [NotebookCommandLine]
    /// The index of the closing fence line (the last line when the block is never closed).
    let closeIndex: Int
    /// The index of the end marker of its output region, if it has one.
    let regionEndIndex: Int?
    /// Its current output region, start and end markers included, lines joined by `\n`.
    public let existingRegion: String?
}

/// One command of a block: the text as written and its arguments.
public struct NotebookCommandLine: Sendable, Equatable {
    /// The line it starts on (1-based).
    public let line: Int
    /// The command as written, continuation lines joined, without a leading `recoup`.
    public let text: String
    /// The arguments to pass to `recoup`.
    public let arguments: [String]

    public init(text: String, line: Int, path: String) throws(NotebookError) {
        var words: [String]
        do {
            words = try ShellWords.split(text)
        } catch {
            throw .badCommandLine(path: path, line: line, text: text, problem: error)
        }
        if words.first == "$" { words.removeFirst() }
        if words.first == "recoup" { words.removeFirst() }
        self.line = line
        self.arguments = words
        self.text = ShellWords.join(words)
    }

    /// Arguments that name an SVG file (`chart.svg`, `--chart=chart.svg`): the charts the
    /// command may write, linked under its output.
    public var chartPaths: [String] {
        arguments.compactMap { argument in
            let value = argument.hasPrefix("-") ? argument.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) : argument
            guard let value, value.lowercased().hasSuffix(".svg"), value.count > 4 else { return nil }
            return value
        }
    }
}
