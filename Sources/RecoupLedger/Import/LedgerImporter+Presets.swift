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
}
