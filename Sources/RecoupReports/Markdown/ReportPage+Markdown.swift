import Foundation

extension ReportPage {
    /// The page as GitHub-flavoured Markdown; each chart becomes an image link to
    /// `chartDirectory/<chart.fileName>` (write the files from `charts`). Text is escaped so a
    /// name cannot start a heading, a list or a table cell.
    /// - Parameter chartDirectory: where the SVG files go, relative to the Markdown file
    ///   (empty for the same folder).
    /// - Complexity: O(size of the page).
    public func markdown(chartDirectory: String = "") -> String {
        var out = "# \(ReportPage.inline(title))\n\n"
        if let subtitle { out += "\(ReportPage.inline(subtitle))\n\n" }
        for section in sections {
            out += "## \(ReportPage.inline(section.heading))\n\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    out += ReportPage.inline(text) + "\n\n"
                case .note(let text):
                    out += "> " + ReportPage.inline(text) + "\n\n"
                case .preformatted(let text):
                    let fence = MarkdownFence.backticks(enclosing: text)
                    out += fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n\n"
                case .table(let table):
                    out += ReportPage.markdown(table) + "\n"
                case .chart(let chart):
                    let path = chartDirectory.isEmpty ? chart.fileName
                        : (chartDirectory.hasSuffix("/") ? chartDirectory : chartDirectory + "/") + chart.fileName
                    out += NotebookRunner.imageLink(path) + "\n"
                    if let caption = chart.caption { out += "\n*\(ReportPage.inline(caption))*\n" }
                    out += "\n"
                }
            }
        }
        if let footer { out += "---\n\n\(ReportPage.inline(footer))\n" }
        return out
    }

    static func markdown(_ table: PageTable) -> String {
        // `inline` already escapes `|`, so a cell cannot split.
        func cell(_ text: String) -> String { inline(text) }
        var out = ""
        if let caption = table.caption { out += "**\(inline(caption))**\n\n" }
        out += "| " + table.columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.alignment == .right ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for (index, row) in table.normalizedRows.enumerated() {
            let cells = row.map { text -> String in
                let escaped = cell(text)
                return table.emphasisedRows.contains(index) && !escaped.isEmpty ? "**\(escaped)**" : escaped
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Text safe as inline Markdown: line breaks become spaces; characters that start markup
    /// (`\` `` ` `` `*` `_` `[` `]` `<` `>` `#` `|` and a leading `-`, `+` or digit-dot) are
    /// backslash-escaped, and `&` is written as an entity.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ") {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~":
                out += "\\" + String(character)
            case "&":
                out += "&amp;"
            default:
                out.append(character)
            }
        }
        if let first = out.first, first == "-" || first == "+" || first == "=" { out = "\\" + out }
        return out
    }
}
