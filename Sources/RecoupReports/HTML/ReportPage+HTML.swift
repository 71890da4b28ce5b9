import Foundation

extension ReportPage {
    /// The page as one self-contained HTML document: inline CSS and SVG, no scripts, no
    /// external resources (a Content-Security-Policy forbids loading any), so it opens offline
    /// and can be mailed as one file. Every text is escaped; the same page gives the same bytes.
    /// The markup is also well-formed XML (void elements are self-closed), so tools and tests
    /// can parse it with an XML parser.
    /// - Complexity: O(size of the page).
    public func html() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>
            <title>\(XMLEscaping.text(title))</title>
            <style>
            \(ReportPage.stylesheet)</style>
            </head>
            <body>
            <header>
            <h1>\(XMLEscaping.text(title))</h1>

            """
        if let subtitle { out += "<p class=\"subtitle\">\(XMLEscaping.text(subtitle))</p>\n" }
        out += "</header>\n<main>\n"
        for section in sections {
            out += "<section>\n<h2>\(XMLEscaping.text(section.heading))</h2>\n"
            for block in section.blocks { out += ReportPage.html(block) }
            out += "</section>\n"
        }
        out += "</main>\n"
        if let footer { out += "<footer>\(XMLEscaping.text(footer))</footer>\n" }
        out += "</body>\n</html>\n"
        return out
    }

    static func html(_ block: Block) -> String {
        switch block {
        case .paragraph(let text):
            return "<p>\(XMLEscaping.text(text))</p>\n"
        case .note(let text):
            return "<p class=\"note\">\(XMLEscaping.text(text))</p>\n"
        case .preformatted(let text):
            return "<pre>\(XMLEscaping.text(text))</pre>\n"
        case .table(let table):
            return html(table)
        case .chart(let chart):
            var svg = chart.svg
            // An XML declaration is not allowed inside HTML.
            if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") {
                svg = String(svg[end.upperBound...].drop { $0 == "\n" })
            }
            var out = "<figure class=\"chart\" id=\"\(XMLEscaping.attribute(chart.fileName.replacingOccurrences(of: ".svg", with: "")))\">\n"
            out += svg
            if !svg.hasSuffix("\n") { out += "\n" }
            if let caption = chart.caption { out += "<figcaption>\(XMLEscaping.text(caption))</figcaption>\n" }
            out += "</figure>\n"
            return out
        }
    }

    static func html(_ table: PageTable) -> String {
        var out = "<div class=\"table-wrap\"><table>\n"
        if let caption = table.caption { out += "<caption>\(XMLEscaping.text(caption))</caption>\n" }
        func cellClass(_ index: Int) -> String {
            table.columns[index].alignment == .right ? " class=\"num\"" : ""
        }
        out += "<thead><tr>"
        for (index, column) in table.columns.enumerated() {
            out += "<th scope=\"col\"\(cellClass(index))>\(XMLEscaping.text(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (rowIndex, row) in table.normalizedRows.enumerated() {
            out += table.emphasisedRows.contains(rowIndex) ? "<tr class=\"emphasis\">" : "<tr>"
            for (index, cell) in row.enumerated() {
                out += "<td\(cellClass(index))>\(XMLEscaping.text(cell))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return out
    }

    /// The page's CSS: readable type, tables with aligned figures, charts scaled to the width.
    static let stylesheet = """
        :root { color-scheme: light; }
        body { margin: 0; background: #F6F7F9; color: #1A1A1A;
          font: 15px/1.5 "DejaVu Sans", Verdana, Arial, sans-serif; }
        header, main, footer { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        .subtitle { color: #555555; margin: 0 0 8px; }
        section { background: #FFFFFF; border: 1px solid #DDDDDD; border-radius: 6px;
          padding: 8px 20px 16px; margin: 16px 0; }
        h2 { font-size: 19px; margin: 12px 0 8px; }
        p.note { background: #FFF7E0; border-left: 4px solid #E69F00; padding: 8px 12px; }
        pre { background: #F2F2F2; padding: 10px; overflow-x: auto; font-size: 13px; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { padding: 5px 8px; border-bottom: 1px solid #E3E3E3; text-align: left; white-space: nowrap; }
        th { background: #F0F2F5; border-bottom: 2px solid #BBBBBB; white-space: normal; vertical-align: bottom; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #FAFBFC; }
        tr.emphasis td { font-weight: bold; background: #EEF4FA; }
        figure.chart { margin: 12px 0; }
        figure.chart svg { width: 100%; max-width: 980px; height: auto; display: block; }
        figcaption { color: #555555; font-size: 13px; margin-top: 4px; }
        footer { color: #777777; font-size: 12px; padding-bottom: 24px; }

        """
}
