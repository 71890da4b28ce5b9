import ArgumentParser
import Foundation
import RecoupLedger

/// `recoup import PATH [--preset bundle|ibm-ar] [--map FILE]` (SPEC §2, §7).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a ledger bundle folder, or one exported file with a preset or a mapping.",
        discussion: """
            All or nothing: one bad row refuses the whole import with file:line: column: reason \
            for every bad row, and the store is left as it was. Re-importing the same data \
            changes nothing. See docs/import.md.
            """)

    enum Preset: String, ExpressibleByArgument, CaseIterable {
        case bundle
        case ibmAR = "ibm-ar"
    }

    @Argument(help: "A bundle folder (invoices.csv, …), or one CSV file with --preset ibm-ar or --map.")
    var path: String

    @Option(help: "bundle (a folder of SPEC §2 files, the default) or ibm-ar (IBM's accounts-receivable sample).")
    var preset: Preset = .bundle

    @Option(name: .customLong("map"), help: "A mapping.json that reads one exported CSV file as one bundle file.")
    var mapping: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if mapping != nil && preset == .ibmAR {
            throw ValidationError("--map and --preset ibm-ar cannot be combined; a mapping describes its own file")
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            // The mapping is read first: a bad --map leaves no store behind.
            let columnMapping = try mapping.map { path throws(LedgerImportError) in try ColumnMapping(contentsOf: path) }
            let ledgerStore = try LedgerStore(path: store.path, access: .readWrite(createIfMissing: true))
            let importer = LedgerImporter(store: ledgerStore)
            let rows = TerminalProgress.FileRows()
            let progress = rows.callback
            let report: ImportReport
            if let columnMapping {
                report = try importer.importMapped(at: path, mapping: columnMapping, progress: progress)
            } else if preset == .ibmAR {
                report = try importer.importIBMAccountsReceivable(at: path, progress: progress)
            } else {
                report = try importer.importBundle(at: path, progress: progress)
            }
            rows.finish()
            print(report.description)
            print("imported \(report.totalInserted) new rows of \(report.totalRows) into \(store.path)")
        }
    }
}
