import RecoupPolicy

/// A small table of already-formatted text cells, rendered as aligned text, CSV or Markdown.
///
/// Commands build one per report and render it in the format the user asked for; JSON output
/// is not a table (commands encode their report values with `JSONEncoder` and sorted keys).
///
/// ```swift
/// var table = ReportTable(title: "Aging on 2026-03-31",
///                         columns: [.init("Client"), .init("Total", alignment: .right)])
/// table.append(["C1", "1,000.00 USD"])
/// print(table.rendered(as: .text))
/// ```
public struct ReportTable: Sendable, Equatable {
    /// How a column's cells line up in text and Markdown.
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// A column: its heading and alignment.
    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// The table's caption (shown above it in text and Markdown, not written to CSV); nil for none.
    public var title: String?
    public var columns: [Column]
    /// Rows of cells, one per column (short rows are padded with empty cells, extra cells
    /// are dropped).
    public var rows: [[String]]

    public init(title: String? = nil, columns: [Column], rows: [[String]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// Appends a row.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The output formats a table renders to.
    public enum Format: Sendable, Equatable {
        /// Columns padded with spaces to line up in a terminal, a rule under the header.
        case text
        /// RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
        /// break quoted and inner quotes doubled; the header row first, no title.
        case csv
        /// A GitHub-flavoured Markdown table (`|` in cells escaped), the title as a paragraph.
        case markdown
    }

    /// The table as text in `format`, ending with a line break. Text and Markdown are for
    /// people and terminals: control characters in cells and titles are escaped
    /// (`TerminalText.escaped`); CSV is data and keeps every cell as it is.
    /// - Complexity: O(cells).
    public func rendered(as format: Format) -> String {
        let cells = rows.map { row in (0..<columns.count).map { $0 < row.count ? row[$0] : "" } }
        switch format {
        case .text: return renderText(cells.map { $0.map(TerminalText.escaped) })
        case .csv: return renderCSV(cells)
        case .markdown: return renderMarkdown(cells)
        }
    }

    private func renderText(_ cells: [[String]]) -> String {
        var widths = columns.map { TerminalText.escaped($0.title).count }
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (i, value) in values.enumerated() {
                let padding = String(repeating: " ", count: widths[i] - value.count)
                parts.append(columns[i].alignment == .right ? padding + value : value + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = ""
        if let title { out += TextWrap.wrapped(TerminalText.escaped(title)) + "\n" }
        out += line(columns.map { TerminalText.escaped($0.title) }) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        return out
    }

    private func renderCSV(_ cells: [[String]]) -> String {
        func field(_ value: String) -> String {
            let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            guard needsQuotes else { return value }
            return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
        }
        var out = columns.map { field($0.title) }.joined(separator: ",") + "\r\n"
        for row in cells { out += row.map(field).joined(separator: ",") + "\r\n" }
        return out
    }

    private func renderMarkdown(_ cells: [[String]]) -> String {
        func cell(_ value: String) -> String {
            TerminalText.escaped(value.replacingAll("|", with: "\\|").replacingAll("\r\n", with: " ").replacingAll("\n", with: " "))
        }
        var out = ""
        if let title { out += cell(title) + "\n\n" }
        out += "| " + columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
        out += "| " + columns.map { $0.alignment == .right ? "---:" : "---" }.joined(separator: " | ") + " |\n"
        for row in cells { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (Foundation-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    fileprivate func range(of target: String) -> Range<Substring.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
