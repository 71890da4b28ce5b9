import Foundation
import GRDB
import RecoupPolicy

extension LedgerImporter {
    /// Imports an export of a vendor `preset` (`--preset qbo-invoices`, …) with the preset's
    /// built-in mapping. An invoice export with an open-balance column (QuickBooks' Open
    /// Balance, Xero's InvoiceAmountDue, Stripe's Amount Remaining, ConnectWise's Invoice
    /// Balance) is a snapshot: each invoice's open balance as of one day is stored with it
    /// (`invoice_balances`), and no payment is invented.
    ///
    /// The as-of day is `asOf` when given; else the export's own date (a report-date title
    /// such as "As of June 30, 2025", or the date stamp QuickBooks writes at the foot of a
    /// report); else the latest invoice date in the file. The report's notes say which.
    ///
    /// - Throws: `LedgerImportError`; the store is then unchanged. A file that does not fit
    ///   the preset (a column it needs is missing) names the preset and the columns read; an
    ///   invoice issued after the as-of day, or an open balance over the invoice's amount, is
    ///   refused naming its line and column.
    public func importPreset(_ preset: ColumnMapping.Preset, at path: String, asOf: Day? = nil,
                             progress: (@Sendable (String, Int) -> Void)? = nil) throws(LedgerImportError) -> ImportReport {
        let mapping = ColumnMapping.preset(preset)
        let source: MappedSource
        var snapshotSource: MappedSource?
        do {
            source = try Self.mappedSource(at: path, mapping: mapping)
            if let open = preset.openBalanceColumn,
               source.ignoredColumns.contains(where: { $0.lowercased() == open.lowercased() }) {
                source.ignoredColumns.removeAll { $0.lowercased() == open.lowercased() }
                var balances = mapping
                for (key, value) in balances.columns where value == "amount" { balances.columns[key] = nil }
                balances.columns[open] = "amount"
                snapshotSource = try Self.mappedSource(at: path, mapping: balances)
            }
        } catch {
            if case .invalidMapping(let jsonPath, let reason) = error {
                throw .invalidMapping(path: "--preset \(preset.rawValue) (\(jsonPath))",
                    reason: reason + "; is this a \(preset.summary)?")
            }
            throw error
        }
        guard let spec = BundleFileSpec.named(mapping.target) else { throw .store("unreachable: target checked") }
        let exportDate = snapshotSource == nil || asOf != nil ? nil : ExportDate.find(path: path)
        var report = try write(progress: progress) { session throws(LedgerImportError) in
            session.createsMissingClients = spec.name == "invoices" && mapping.createClients
            try TableImport(spec: spec, source: source, session: session).run()
            Self.absorb(source, into: session)
            if session.createdClients > 0 {
                session.warnings.append("\(session.createdClients) clients were created from \(source.fileName) with default terms (30 days, no autopay)")
            }
            if let snapshotSource, !session.hasIssues {
                try Self.importSnapshot(snapshotSource, preset: preset, asOf: asOf, exportDate: exportDate,
                                        latestIssued: source.latestIssued, session: session)
            }
        }
        if snapshotSource == nil && spec.name == "invoices" {
            report.warnings.append("\(preset.rawValue): the export has no open-balance column (\(preset.openBalanceColumn ?? "")) and no payment dates, so every invoice is imported as unpaid; add the column to the export, or import the payments from another export (docs/import.md, \"Snapshots\")")
        }
        if preset == .stripeInvoices {
            report.warnings.append("stripe-invoices: uncollectible invoices are imported as billed and still open (the export does not say when they were marked uncollectible); record write-offs as adjustments")
        }
        return report
    }

    /// Stores the open balances `source` gives (its `amount` field is the export's open
    /// column) as a snapshot as of the chosen day, in the import's transaction.
    static func importSnapshot(_ source: MappedSource, preset: ColumnMapping.Preset, asOf: Day?,
                               exportDate: ExportDate?, latestIssued: Day?,
                               session: ImportSession) throws(LedgerImportError) {
        let fileName = source.fileName
        guard let idField = source.header.firstIndex(of: "invoice_id"),
              let openField = source.header.firstIndex(of: "amount"),
              let issuedField = source.header.firstIndex(of: "issued_on") else { return }
        var rows: [(line: Int, invoice: String, open: Int64)] = []
        var record = CSVRecord()
        do {
            while try source.next(&record) {
                let open = (try? Money(decimal: record.string(openField)).minorUnits) ?? 0
                rows.append((record.line, record.string(idField), open))
            }
        } catch { throw .from(error, fileName: fileName) }
        for issue in source.issues { session.add(issue) }
        guard !session.hasIssues, !rows.isEmpty else { return }
        let day: Day, basis: LedgerSnapshot.AsOfBasis, why: String
        if let asOf {
            (day, basis, why) = (asOf, .option, "--as-of")
        } else if let exportDate {
            (day, basis, why) = (exportDate.day, .export,
                                 "the export's date, line \(exportDate.line): \(MappedSource.quoted(exportDate.text))")
        } else if let latestIssued {
            (day, basis, why) = (latestIssued, .latest,
                                 "the latest invoice date in the file: the export does not say when it was made; pass --as-of YYYY-MM-DD, the day you exported it")
        } else { return }
        let db = session.db
        do {
            var snapshot = try Int64.fetchOne(db, sql: "SELECT id FROM snapshots WHERE source = ? AND as_of = ?",
                                              arguments: [fileName, day.ordinal])
            var inserted = 0, unchanged = 0, openCount = 0
            var openTotal: Int64 = 0
            for row in rows {
                guard let invoice = try Row.fetchOne(db, sql: "SELECT id, amount, issued_on FROM invoices WHERE invoice_id = ?",
                                                     arguments: [row.invoice]) else { continue }
                let id: Int64 = invoice[0], amount: Int64 = invoice[1], issued = Day(ordinal: Int(invoice[2] as Int64))
                if issued > day {
                    session.add(ImportIssue(file: fileName, line: row.line, column: source.labels[issuedField],
                        reason: "invoice \(MappedSource.quoted(row.invoice)) was issued on \(issued.iso), after the snapshot's as-of day \(day.iso) (\(basis == .option ? "--as-of" : "the export's date")); an export cannot show an invoice issued after it was made: give the day of the export with --as-of"))
                    continue
                }
                if row.open < 0 || row.open > amount {
                    session.add(ImportIssue(file: fileName, line: row.line, column: source.labels[openField],
                        reason: "\(groupedAmount(row.open)) is \(row.open < 0 ? "negative" : "more than the invoice's amount, \(groupedAmount(amount))"); an open balance lies from 0 to the amount"))
                    continue
                }
                if row.open > 0 { openCount += 1; openTotal += row.open }
                if snapshot == nil {
                    try db.execute(sql: "INSERT INTO snapshots (as_of, source, preset, as_of_basis) VALUES (?, ?, ?, ?)",
                                   arguments: [day.ordinal, fileName, preset.rawValue, basis.rawValue])
                    snapshot = db.lastInsertedRowID
                }
                if let stored = try Int64.fetchOne(db, sql: "SELECT open_amount FROM invoice_balances WHERE invoice = ? AND snapshot = ?",
                                                   arguments: [id, snapshot]) {
                    if stored == row.open { unchanged += 1; continue }
                    session.add(ImportIssue(file: fileName, line: row.line, column: source.labels[openField],
                        reason: "\(groupedAmount(row.open)) differs from the open balance stored for invoice \(MappedSource.quoted(row.invoice)) as of \(day.iso) from this file, \(groupedAmount(stored)); Recoup never overwrites history: import a later export with its own --as-of day"))
                    continue
                }
                try db.execute(sql: "INSERT INTO invoice_balances (snapshot, invoice, open_amount) VALUES (?, ?, ?)",
                               arguments: [snapshot, id, row.open])
                inserted += 1
            }
            session.notes.append("\(fileName): a snapshot of open balances as of \(day.iso) (\(why)); \(rows.count) invoices, \(openCount) with \(groupedAmount(openTotal)) open; \(inserted) new, \(unchanged) unchanged")
            session.warnings.append("\(preset.rawValue): the export has open balances but no payment dates; balance reports (aging, DSO, % current) work as of \(day.iso), while those that need payment dates (collection rate, days to pay, CEI, train, simulate, compare, tune, time audit, ROI) refuse until the payments are imported: \(LedgerSnapshot(asOf: day, source: fileName, preset: preset.rawValue, basis: basis, invoices: 0, open: .zero).paymentsExport), or a bundle's payments.csv")
        } catch let error as LedgerImportError { throw error } catch {
            throw .store(LedgerStore.reason(error))
        }
    }

    /// When the store holds both snapshots and payments, warns about every invoice whose
    /// snapshot balance differs from what its payments give on the snapshot's day (the
    /// payments are then the ledger; docs/import.md "Snapshots").
    static func noteSnapshotDisagreements(_ session: ImportSession) throws(LedgerImportError) {
        do {
            let (count, first) = try LedgerStore.snapshotDisagreements(session.db)
            guard count > 0 else { return }
            let shown = first.map { "\($0.invoice) as of \($0.asOf.iso): snapshot \(groupedAmount($0.snapshot.minorUnits)), payments give \(groupedAmount($0.ledger.minorUnits))" }
            session.warnings.append("\(count) invoice\(count == 1 ? "" : "s") of a snapshot disagree with the payments: \(shown.joined(separator: "; "))\(count > first.count ? "; …" : ""). The payments are the ledger now (balances come from them); a payments export that starts later than the invoices misses the earlier payments")
        } catch {
            throw .store(LedgerStore.reason(error))
        }
    }
}

/// The day an exported report says it was made or is as of: a title row "As of June 30, 2025"
/// (QuickBooks' A/R Aging Detail), or the date stamp at the foot of a QuickBooks report
/// ("Monday, June 30, 2025 09:12 AM GMT-04:00"). The calendar day is taken as written (no
/// time-zone shift).
struct ExportDate: Equatable {
    var day: Day
    var text: String
    var line: Int

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    /// The export date of the file at `path`: an "As of" title wins over a date stamp (the
    /// balances are as of the report date even when it was run later); nil when neither.
    /// Only one-field rows are read (title rows and footers); date ranges ("May 1 - June 30,
    /// 2025") are not export dates.
    static func find(path: String) -> ExportDate? {
        guard let reader = try? CSVReader(path: path) else { return nil }
        var record = CSVRecord()
        var stamp: ExportDate?
        var rows = 0
        while (try? reader.read(into: &record)) == true {
            rows += 1
            let filled = (0..<record.count).filter { !record.isEmpty($0) }
            guard filled.count == 1, let k = filled.first else { continue }
            let text = record.string(k).trimmingSpaces
            guard text.count <= 80, !text.contains(" - "), !text.contains("–"), let day = longDate(in: text) else { continue }
            if text.lowercased().hasPrefix("as of") { return ExportDate(day: day, text: text, line: record.line) }
            if stamp == nil { stamp = ExportDate(day: day, text: text, line: record.line) }
        }
        return stamp
    }

    /// The first "June 30, 2025" (month name, day, comma, four-digit year) in `text`.
    static func longDate(in text: String) -> Day? {
        let words = text.lowercased().replacingOccurrences(of: ",", with: " , ").split(separator: " ").map(String.init)
        for (k, word) in words.enumerated() {
            guard let month = months.firstIndex(where: { $0 == word || ($0.prefix(3) == word && word.count == 3) }),
                  k + 3 < words.count, let dayOfMonth = Int(words[k + 1]), words[k + 2] == ",",
                  words[k + 3].count == 4, let year = Int(words[k + 3]) else { continue }
            return Day(year: year, month: month + 1, day: dayOfMonth)
        }
        return nil
    }
}
