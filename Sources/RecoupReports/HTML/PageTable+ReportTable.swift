extension PageTable {
    /// A page table with the same columns, alignments, cells and caption as a `ReportTable`, so a
    /// command's table can go on an HTML page as it is.
    /// - Parameter emphasisedRows: rows to draw emphasised (history, totals).
    public init(_ table: ReportTable, emphasisedRows: Set<Int> = []) {
        self.init(caption: table.title,
                  columns: table.columns.map { Column($0.title, alignment: $0.alignment == .right ? .right : .left) },
                  rows: table.rows, emphasisedRows: emphasisedRows)
    }
}

extension PageTable {
    /// The same table as a `ReportTable`, for text output.
    public var reportTable: ReportTable {
        var table = ReportTable(title: caption,
                                columns: columns.map { .init($0.title, alignment: $0.alignment == .right ? .right : .left) })
        for row in normalizedRows { table.append(row) }
        return table
    }
}
