import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy

/// `recoup import PATH [--preset NAME] [--map FILE] [--dry-run]` (SPEC §2, §7).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a ledger bundle folder, or one exported file with a preset or a mapping.",
        discussion: """
            All or nothing: one bad row refuses the whole import with file:line: column: reason \
            for every bad row, and the store is left as it was. Re-importing the same data \
            changes nothing. --dry-run checks everything and shows the first rows without \
            touching the store. See docs/import.md.
            """)

    enum Preset: String, ExpressibleByArgument, CaseIterable {
        case bundle
        case ibmAR = "ibm-ar"
        case qboInvoices = "qbo-invoices"
        case xeroInvoices = "xero-invoices"
        case stripeInvoices = "stripe-invoices"
        case stripePayments = "stripe-payments"
        case qboTransactions = "qbo-transactions"
        case connectwiseInvoices = "connectwise-invoices"

        /// The vendor preset's built-in mapping, for the exports that have one.
        var vendor: ColumnMapping.Preset? { ColumnMapping.Preset(rawValue: rawValue) }
    }

    @Argument(help: "A bundle folder (invoices.csv, …), or one CSV file with --preset or --map.")
    var path: String

    @Option(help: "bundle (a folder of SPEC §2 files, the default), ibm-ar (IBM's accounts-receivable sample), qbo-invoices (QuickBooks Online Invoice List), xero-invoices (Xero invoices export), stripe-invoices (Stripe invoices export), stripe-payments (Stripe payments export), qbo-transactions (QuickBooks Online Transaction List by Customer), connectwise-invoices (ConnectWise PSA invoice search export).")
    var preset: Preset = .bundle

    @Option(name: .customLong("map"), help: "A mapping.json that reads one exported CSV file as one bundle file.")
    var mapping: String?

    @Option(name: .customLong("as-of"), help: "The day an invoice export's open balances are as of (YYYY-MM-DD). Default: the export's own date, else its latest invoice date.", transform: Day.argument)
    var asOf: Day?

    @Flag(help: "Check everything and show the first rows as they would be imported; write nothing.")
    var dryRun = false

    @OptionGroup var store: StoreOptions

    /// Rows of each table a dry run shows.
    static let previewRows = 10
    /// The widest line a dry run's table prints.
    static let previewWidth = 100

    func validate() throws {
        if mapping != nil && preset != .bundle {
            throw ValidationError("--map and --preset \(preset.rawValue) cannot be combined; a mapping describes its own file")
        }
        if asOf != nil && preset.vendor?.openBalanceColumn == nil {
            throw ValidationError("--as-of is for an invoice export with open balances (--preset qbo-invoices, xero-invoices, stripe-invoices or connectwise-invoices), not --preset \(preset.rawValue)")
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            // The mapping is read first: a bad --map leaves no store behind.
            let columnMapping = try mapping.map { path throws(LedgerImportError) in try ColumnMapping(contentsOf: path) }
            let rows = TerminalProgress.FileRows()
            let progress = rows.callback
            let body = { (importer: LedgerImporter) throws(LedgerImportError) -> ImportReport in
                if let columnMapping {
                    return try importer.importMapped(at: path, mapping: columnMapping, progress: progress)
                }
                if let vendor = preset.vendor { return try importer.importPreset(vendor, at: path, asOf: asOf, progress: progress) }
                switch preset {
                case .ibmAR: return try importer.importIBMAccountsReceivable(at: path, progress: progress)
                case .qboTransactions: return try importer.importQBOTransactions(at: path, progress: progress)
                default: return try importer.importBundle(at: path, progress: progress)
                }
            }
            if dryRun {
                let preview = try LedgerImporter.dryRun(storeAt: store.path, rows: Self.previewRows, body)
                rows.finish()
                print("dry run: nothing was written to \(store.path)")
                for table in preview.tables { print(Self.render(table)) }
                let report = try preview.outcome.get()
                print(report.description)
                print("would import \(report.totalInserted) new rows of \(report.totalRows) into \(store.path)")
                return
            }
            let ledgerStore = try LedgerStore(path: store.path, access: .readWrite(createIfMissing: true))
            let report = try body(LedgerImporter(store: ledgerStore))
            rows.finish()
            print(report.description)
            print("imported \(report.totalInserted) new rows of \(report.totalRows) into \(store.path)")
        }
    }

    /// A preview table at most `previewWidth` characters wide: cells cut with "…" to an even
    /// share of the width.
    static func render(_ table: ImportPreview.Table) -> String {
        let count = max(table.columns.count, 1)
        let cell = max(6, (previewWidth - 2 * (count - 1)) / count)
        func cut(_ text: String) -> String {
            let escaped = TerminalText.escaped(text)
            return escaped.count <= cell ? escaped : String(escaped.prefix(cell - 1)) + "…"
        }
        let rows = [table.columns] + table.rows
        var widths = [Int](repeating: 0, count: table.columns.count)
        for row in rows { for (k, value) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], cut(value).count) } }
        func line(_ values: [String]) -> String {
            var text = values.enumerated().map { k, value in
                let shown = cut(value)
                return shown + String(repeating: " ", count: widths[k] - shown.count)
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        let shownCount = table.rows.count
        var out = "\(table.name): \(table.newRows) new row\(table.newRows == 1 ? "" : "s")"
            + (shownCount < table.newRows ? ", the first \(shownCount):" : ":") + "\n"
        out += line(table.columns) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in table.rows { out += line(row) + "\n" }
        return out
    }
}
