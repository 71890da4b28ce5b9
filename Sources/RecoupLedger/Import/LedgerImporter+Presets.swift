import Foundation

extension LedgerImporter {
    /// The columns of IBM's public accounts-receivable sample.
    static let ibmColumns = ["countryCode", "customerID", "PaperlessDate", "invoiceNumber", "InvoiceDate",
                             "DueDate", "InvoiceAmount", "Disputed", "SettledDate", "PaperlessBill",
                             "DaysToSettle", "DaysLate"]

    /// Imports IBM's public accounts-receivable sample (`--preset ibm-ar`): one row per invoice
    /// with its settlement, dates `M/d/yyyy`.
    ///
    /// Mapping (docs/import.md): `customerID` → a client (`segment` = `countryCode`; repeated
    /// customers must agree); `invoiceNumber`, `InvoiceDate`, `DueDate`, `InvoiceAmount` → an
    /// invoice of that client; `SettledDate` → one payment of the full amount on that day
    /// (payment_id = invoiceNumber; none when the date is empty); `Disputed` = `Yes` → a
    /// dispute opened on the invoice date and resolved on the settled date (an assumption: the
    /// sample does not say when disputes open or close). `DaysToSettle` and `DaysLate` are
    /// outcomes and are not imported; `PaperlessDate` and `PaperlessBill` are not imported.
    /// Messages name the sample's own columns and lines.
    ///
    /// - Throws: `LedgerImportError`; the store is then unchanged.
    public func importIBMAccountsReceivable(at path: String, progress: (@Sendable (String, Int) -> Void)? = nil)
        throws(LedgerImportError) -> ImportReport {
        guard InputFile.exists(path) else { throw .notFound(path: path) }
        let fileName = (path as NSString).lastPathComponent
        let (_, header) = try DerivedSource.open(path: path, fileName: fileName)
        var index: [String: Int] = [:]
        for (k, name) in header.enumerated() { index[name] = k }
        let needed = ["customerID", "countryCode", "invoiceNumber", "InvoiceDate", "DueDate", "InvoiceAmount",
                      "Disputed", "SettledDate"]
        let missing = needed.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw .invalidRows(missing.map { ImportIssue(file: fileName, line: 1, column: $0,
                reason: "required column of the ibm-ar preset is missing; is this IBM's accounts-receivable sample?") }, more: 0)
        }
        func column(_ name: String) -> Int { index[name] ?? 0 }
        let disputed = column("Disputed"), settled = column("SettledDate")
        let format = try DateFormat(pattern: "M/d/yyyy")
        func source(_ fields: [(String, String)], duplicates: Bool = false,
                    keep: @escaping (CSVRecord) -> Bool = { _ in true }) throws(LedgerImportError) -> DerivedSource {
            let (reader, _) = try DerivedSource.open(path: path, fileName: fileName)
            return DerivedSource(
                reader: reader, fileName: fileName, header: fields.map(\.0), labels: fields.map(\.1),
                picks: fields.map { .column(column($0.1)) }, dateFormat: format,
                decimalSeparator: UInt8(ascii: "."), allowsIdenticalDuplicates: duplicates, keep: keep)
        }
        let clients = try source([("client_id", "customerID"), ("segment", "countryCode")], duplicates: true)
        let invoices = try source([("invoice_id", "invoiceNumber"), ("client_id", "customerID"),
                                   ("issued_on", "InvoiceDate"), ("due_on", "DueDate"), ("amount", "InvoiceAmount")])
        let payments = try source([("payment_id", "invoiceNumber"), ("client_id", "customerID"),
                                   ("received_on", "SettledDate"), ("amount", "InvoiceAmount"),
                                   ("invoice_id", "invoiceNumber")],
                                  keep: { !$0.isEmpty(settled) })
        let disputes = try source([("invoice_id", "invoiceNumber"), ("opened_on", "InvoiceDate"),
                                   ("resolved_on", "SettledDate")],
                                  keep: { $0.string(disputed).lowercased() == "yes" })
        return try write(progress: progress) { session throws(LedgerImportError) in
            for (name, source) in [("clients", clients), ("invoices", invoices), ("payments", payments),
                                   ("disputes", disputes)] as [(String, DerivedSource)] {
                guard let spec = BundleFileSpec.named(name) else { continue }
                try TableImport(spec: spec, source: source, session: session).run()
            }
            session.warnings.append("\(fileName): DaysToSettle and DaysLate are outcomes and were not imported; PaperlessDate and PaperlessBill were not imported")
        }
    }

    /// Imports one exported CSV file into the bundle table `mapping.target`, renaming and
    /// converting its columns as `mapping` says (`--map mapping.json`, see `ColumnMapping`).
    ///
    /// - Throws: `LedgerImportError`; the store is then unchanged.
    public func importMapped(at path: String, mapping: ColumnMapping, progress: (@Sendable (String, Int) -> Void)? = nil)
        throws(LedgerImportError) -> ImportReport {
        guard InputFile.exists(path) else { throw .notFound(path: path) }
        guard let spec = BundleFileSpec.named(mapping.target) else {
            throw .invalidMapping(path: "target", reason: "\"\(mapping.target)\" is not a bundle file; use one of \(BundleFileSpec.all.map(\.name).joined(separator: ", "))")
        }
        let fileName = (path as NSString).lastPathComponent
        let (reader, header) = try DerivedSource.open(path: path, fileName: fileName)
        var outputs: [(String, String, DerivedSource.Pick)] = []
        var used = Set<String>()
        for (k, name) in header.enumerated() {
            let target = mapping.columns[name] ?? name
            guard spec.index(of: target) != nil, !used.contains(target) else {
                outputs.append(("~" + name, name, .column(k)))  // kept aside and reported by the import
                continue
            }
            used.insert(target)
            outputs.append((target, name, .column(k)))
        }
        for (sourceName, target) in mapping.columns.sorted(by: { $0.key < $1.key }) {
            guard spec.index(of: target) != nil else {
                throw .invalidMapping(path: "columns.\(sourceName)",
                    reason: "\"\(target)\" is not a column of \(spec.fileName); use one of \(spec.columns.map(\.name).joined(separator: ", "))")
            }
            guard header.contains(sourceName) else {
                throw .invalidMapping(path: "columns.\(sourceName)",
                    reason: "\(fileName) has no column \"\(sourceName)\"; its columns are \(header.joined(separator: ", "))")
            }
        }
        for (target, value) in mapping.constants.sorted(by: { $0.key < $1.key }) {
            guard spec.index(of: target) != nil else {
                throw .invalidMapping(path: "constants.\(target)",
                    reason: "\"\(target)\" is not a column of \(spec.fileName)")
            }
            guard !used.contains(target) else {
                throw .invalidMapping(path: "constants.\(target)", reason: "the column is also mapped from the file; keep one")
            }
            outputs.append((target, "constants.\(target)", .constant(Array(value.utf8))))
        }
        let source = DerivedSource(
            reader: reader, fileName: fileName, header: outputs.map(\.0), labels: outputs.map(\.1),
            picks: outputs.map(\.2), dateFormat: mapping.dateFormat,
            decimalSeparator: mapping.decimalComma ? UInt8(ascii: ",") : UInt8(ascii: "."),
            allowsIdenticalDuplicates: false)
        return try write(progress: progress) { session throws(LedgerImportError) in
            session.createsMissingClients = spec.name == "invoices" && mapping.createClients
            try TableImport(spec: spec, source: source, session: session).run()
            if session.createdClients > 0 {
                session.warnings.append("\(session.createdClients) clients were created from \(fileName) with default terms (30 days, no autopay)")
            }
        }
    }
}
