import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// Imports a ledger bundle (SPEC §2), or one exported file through a preset or a mapping, into
/// a `LedgerStore`.
///
/// ```swift
/// let report = try LedgerImporter(store: store).importBundle(at: "bundle/")
/// ```
///
/// Every file is streamed row by row (constant memory in the file's size; the reference maps of
/// client and invoice ids are the only thing that grows). The whole import is ONE write
/// transaction: when any row is bad, every problem (up to `issueLimit`) is thrown together as
/// `LedgerImportError.invalidRows` and the store is left exactly as it was. Rows whose natural
/// key is already stored with the same content are left alone, so re-importing a bundle
/// changes nothing; the same key with different content is an error naming both values.
public struct LedgerImporter: Sendable {
    /// The most problems reported in detail; the rest are counted ("… and N more").
    public static let issueLimit = 50

    public let store: LedgerStore
    /// A dry run's importer (on an in-memory copy, `dryRun(storeAt:rows:_:)`): rows that pass
    /// are kept even when others fail, so the preview can show them. Never on a file store.
    let keepsCheckedRowsOnFailure: Bool

    public init(store: LedgerStore) {
        self.store = store
        keepsCheckedRowsOnFailure = false
    }

    init(inMemoryDryRun store: LedgerStore) {
        self.store = store
        keepsCheckedRowsOnFailure = store.path == nil
    }

    /// Imports the bundle folder at `folder`.
    ///
    /// `invoices.csv` is required; every other file of SPEC §2 is optional. Without
    /// `clients.csv`, clients that invoices name and the store does not know are created with
    /// default terms (a warning says how many); with it, an unknown client is an error.
    ///
    /// - Parameter progress: called now and then with a file name and the rows read so far.
    /// - Throws: `LedgerImportError`; the store is then unchanged.
    /// - Complexity: O(n log m) for n rows into a store of m rows.
    public func importBundle(at folder: String, progress: (@Sendable (String, Int) -> Void)? = nil)
        throws(LedgerImportError) -> ImportReport {
        switch InputFile.kind(folder) {
        case .failure(let failure): throw .from(failure, path: folder, limit: .csv)
        case .success(let type) where type == S_IFREG:
            throw .invalidMapping(path: folder,
                reason: "is a file, not a bundle folder; import one exported file with --preset ibm-ar or --map mapping.json")
        case .success(let type) where type != S_IFDIR:
            throw .notRegularFile(path: folder, kind: InputFile.describe(type))
        case .success: break
        }
        let invoicesPath = (folder as NSString).appendingPathComponent("invoices.csv")
        guard InputFile.exists(invoicesPath) else { throw .missingInvoices(folder: folder) }
        let hasClients = InputFile.exists((folder as NSString).appendingPathComponent("clients.csv"))
        return try write(progress: progress) { session throws(LedgerImportError) in
            session.createsMissingClients = !hasClients
            for spec in BundleFileSpec.all {
                let path = (folder as NSString).appendingPathComponent(spec.fileName)
                guard InputFile.exists(path) else { continue }
                let source: BundleFileSource
                do {
                    guard let opened = try BundleFileSource(path: path, fileName: spec.fileName) else {
                        session.add(ImportIssue(file: spec.fileName, line: 1, column: "-",
                            reason: "the file is empty; it needs a header row (\(spec.columns.filter(\.isRequired).map(\.name).joined(separator: ",")), …)\(spec.name == "invoices" ? " and at least one row" : "") or should be removed"))
                        continue
                    }
                    source = opened
                } catch {
                    let converted = LedgerImportError.from(error, fileName: spec.fileName)
                    if converted.issues.isEmpty { throw converted }
                    for issue in converted.issues { session.add(issue) }
                    continue
                }
                try TableImport(spec: spec, source: source, session: session).run()
            }
            if session.createdClients > 0 {
                session.warnings.append("clients.csv is absent: \(session.createdClients) clients were created from invoices.csv with default terms (30 days, no autopay)")
            }
        }
    }

    /// Runs `body` in one write transaction; throws the collected problems (rolling back) if any.
    func write(progress: (@Sendable (String, Int) -> Void)?,
               _ body: (ImportSession) throws(LedgerImportError) -> Void) throws(LedgerImportError) -> ImportReport {
        var outcome: Result<ImportReport, LedgerImportError> = .success(ImportReport())
        do {
            // The importer checks every CHECK and FOREIGN KEY rule of the schema itself, row by
            // row, with messages naming the row (ImportSession, tested rule by rule), so SQLite's
            // own re-check is switched off for this one transaction (4 M rows: ~30% of the time)
            // and back on afterwards. NOT NULL and UNIQUE stay enforced by SQLite.
            //
            // The transaction runs with a rollback journal rather than the store's WAL: in WAL
            // mode every page of a bulk load is written twice (into the log, then checkpointed
            // into the file), while a rollback journal saves only the pages that held data
            // before, none for a new store. Just as atomic; WAL again afterwards. If another
            // connection holds the store open the switch is refused and the import stays in WAL.
            try store.queue.inDatabase { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON")
                _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            defer {
                try? store.queue.inDatabase { db in
                    try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF")
                    _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            }
            try store.queue.inTransaction(.immediate) { db in
                try db.execute(sql: "PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY")
                do {
                    let session = try ImportSession(db: db, progress: progress)
                    try body(session)
                    // Snapshots and payments together: say where they disagree (docs/import.md).
                    if !session.hasIssues { try LedgerImporter.noteSnapshotDisagreements(session) }
                    if session.hasIssues {
                        outcome = .failure(.invalidRows(session.issues, more: session.moreIssues))
                        return keepsCheckedRowsOnFailure ? .commit : .rollback
                    }
                    outcome = .success(ImportReport(files: session.files, warnings: session.warnings,
                                                    dropped: session.dropped, notes: session.notes))
                    return .commit
                } catch let error as LedgerImportError {
                    outcome = .failure(error)
                    return .rollback
                }
            }
        } catch {
            // A failure already known (SQLite may have ended the transaction itself, so the
            // rollback then finds none) says more than the rollback's own complaint.
            if case .failure(let known) = outcome { throw known }
            throw .store(LedgerStore.reason(error))
        }
        return try outcome.get()
    }
}
