/// A report as plain values: a title, sections, and in each paragraphs, tables, charts and
/// preformatted text. Rendered to one self-contained HTML page (`html()`) or to Markdown with
/// the charts as separate SVG files (`markdown(chartDirectory:)`).
///
/// ```swift
/// var page = ReportPage(title: "Policy comparison", subtitle: "Invoices issued 2025-01-01 … 2025-12-31")
/// page.sections.append(.init(heading: "Summary", blocks: [
///     .paragraph("Copilot mode frees 6 hours a week."),
///     .table(PageTable(columns: [.init("Policy"), .init("DSO", alignment: .right)], rows: [["fixed", "47.9"]])),
///     .chart(PageChart(name: "dso-cost", caption: "DSO vs cost", svg: chart.svg())),
/// ]))
/// try page.html().write(to: url, atomically: true, encoding: .utf8)
/// ```
public struct ReportPage: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var sections: [Section]
    /// A line at the bottom (the tool and its version; never a timestamp, so output stays
    /// reproducible).
    public var footer: String?

    public init(title: String, subtitle: String? = nil, sections: [Section] = [], footer: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
        self.footer = footer
    }

    /// A headed part of the page.
    public struct Section: Sendable, Equatable {
        public var heading: String
        public var blocks: [Block]
        public init(heading: String, blocks: [Block] = []) {
            self.heading = heading
            self.blocks = blocks
        }
    }

    /// One piece of content. All text is escaped when rendered.
    public enum Block: Sendable, Equatable {
        /// A paragraph of plain text.
        case paragraph(String)
        /// A highlighted remark (assumptions, caveats, "projection not yet available").
        case note(String)
        case table(PageTable)
        case chart(PageChart)
        /// Monospaced text kept as it is (a command's output).
        case preformatted(String)
    }

    /// Every chart on the page, in order.
    public var charts: [PageChart] {
        sections.flatMap(\.blocks).compactMap { block in
            if case .chart(let chart) = block { return chart }
            return nil
        }
    }
}

/// A table of already-formatted cells.
public struct PageTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var caption: String?
    public var columns: [Column]
    /// One cell per column (short rows are padded, extra cells dropped).
    public var rows: [[String]]
    /// Rows drawn emphasised (by index), e.g. history as the first row of a comparison or a
    /// total at the bottom.
    public var emphasisedRows: Set<Int>

    public init(caption: String? = nil, columns: [Column], rows: [[String]], emphasisedRows: Set<Int> = []) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.emphasisedRows = emphasisedRows
    }

    /// The rows padded or cut to the column count.
    var normalizedRows: [[String]] {
        rows.map { row in columns.indices.map { $0 < row.count ? row[$0] : "" } }
    }
}

/// A chart on a page: an SVG document from one of the chart types, a file name for formats
/// that keep charts as separate files, and a caption.
public struct PageChart: Sendable, Equatable {
    /// A file-name stem (`dso-cost`); Markdown output writes `<name>.svg`.
    public var name: String
    public var caption: String?
    /// The SVG document text, as returned by `IntervalScatterChart.svg()`, `LineChart.svg()` or
    /// `StackedBarChart.svg()`. HTML embeds it as markup, so it must come from those builders
    /// (which escape all text), not from user input.
    public var svg: String

    public init(name: String, caption: String? = nil, svg: String) {
        self.name = name
        self.caption = caption
        self.svg = svg
    }

    /// The file name Markdown output links to: the name with characters other than letters,
    /// digits, `-` and `_` replaced by `-`, plus `.svg`.
    public var fileName: String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        return (safe.isEmpty ? "chart" : safe) + ".svg"
    }
}
