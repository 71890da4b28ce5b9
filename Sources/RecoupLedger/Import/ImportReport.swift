import RecoupPolicy

/// What an import did: rows read, inserted and already present per file, and warnings.
public struct ImportReport: Sendable, Equatable, CustomStringConvertible {
    public struct FileCounts: Sendable, Equatable {
        /// The file the rows came from (`invoices.csv`, or the exported file for presets).
        public var file: String
        /// The table they went to.
        public var table: String
        /// Data rows read (the header not counted).
        public var rows: Int
        /// Rows added to the store.
        public var inserted: Int
        /// Rows already in the store with the same content (a re-import), left as they were.
        public var unchanged: Int
    }

    /// Rows of an exported file that a mapping or preset dropped, for one reason.
    public struct DroppedRows: Sendable, Equatable {
        /// The exported file.
        public var file: String
        /// Why (`Status = "VOIDED" (not kept by keepWhere)`, `Date starts with "Total"`).
        public var reason: String
        public var rows: Int
    }

    /// One entry per file imported, in import order.
    public var files: [FileCounts] = []
    /// Things worth knowing that did not stop the import (unknown columns, header-only files,
    /// clients created from invoices).
    public var warnings: [String] = []
    /// Rows dropped by a mapping or preset, per reason (never silently).
    public var dropped: [DroppedRows] = []
    /// What a mapping or preset read (`export.csv: 14 rows read; 9 line items grouped into 5
    /// invoices`).
    public var notes: [String] = []

    /// Total data rows read.
    public var totalRows: Int { files.reduce(0) { $0 + $1.rows } }
    /// Total rows inserted.
    public var totalInserted: Int { files.reduce(0) { $0 + $1.inserted } }

    /// The report for a terminal: file names and warnings (which quote header names) have
    /// their control characters escaped (`TerminalText.escaped`).
    public var description: String {
        var lines = notes.map(TerminalText.escaped)
        lines += dropped.map { "\(TerminalText.escaped($0.file)): dropped \($0.rows) row\($0.rows == 1 ? "" : "s"): \(TerminalText.escaped($0.reason))" }
        lines += files.map { "\(TerminalText.escaped($0.file)) → \($0.table): \($0.rows) rows, \($0.inserted) new, \($0.unchanged) unchanged" }
        lines += warnings.map { "warning: " + TerminalText.escaped($0) }
        return lines.joined(separator: "\n")
    }
}
