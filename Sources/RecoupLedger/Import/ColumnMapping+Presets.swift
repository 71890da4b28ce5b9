/// The vendor presets of `recoup import FILE --preset NAME`: built-in `ColumnMapping`s for the
/// invoice exports firms have, each written from the vendor's documented export columns
/// (docs/import.md cites the pages). They use only the mapping features any `--map` file can
/// use, plus one thing a file cannot say: columns the preset does not name are listed in one
/// note rather than one warning each.
///
/// None of these exports carries payment dates: a preset imports the invoices only (issued,
/// due, amount), and the payments come from another export (a warning says so).
extension ColumnMapping {
    /// A vendor export with a built-in mapping.
    public enum Preset: String, Sendable, CaseIterable {
        /// QuickBooks Online, Reports › Invoice List, exported to CSV (title rows, `3,477.84`,
        /// a TOTAL row and a date-stamp footer; dates `MM/dd/yyyy`).
        case qboInvoices = "qbo-invoices"
        /// Xero, Sales › Invoices › Export (CSV): one row per line item, dates `dd/MM/yyyy`,
        /// the invoice `Total` repeated on each line; drafts, voided and deleted invoices
        /// dropped and counted.
        case xeroInvoices = "xero-invoices"
        /// Stripe Dashboard, Invoices › Export: amounts as decimals, dates `YYYY-MM-DD HH:MM`
        /// (UTC), lower-case currencies, an empty due date for invoices charged automatically
        /// (due when issued); void and draft invoices dropped and counted.
        case stripeInvoices = "stripe-invoices"

        /// What the preset reads, for messages and `--help`.
        public var summary: String {
            switch self {
            case .qboInvoices: return "QuickBooks Online Invoice List report (CSV export)"
            case .xeroInvoices: return "Xero invoices export (CSV, one row per line item)"
            case .stripeInvoices: return "Stripe Dashboard invoices export (CSV)"
            }
        }
    }

    /// The mapping of `preset`.
    public static func preset(_ preset: Preset) -> ColumnMapping {
        var mapping: ColumnMapping
        switch preset {
        case .qboInvoices:
            mapping = ColumnMapping(target: "invoices",
                columns: ["Num": "invoice_id", "Customer": "client_id", "Date": "issued_on", "Due Date": "due_on",
                          "Amount": "amount"],
                dateFormat: .pattern("M/d/yyyy"), createClients: true)
            // Company name, report name, date range (the empty line after them is skipped anyway).
            mapping.skipRows = 3
            mapping.thousandsSeparator = ","
            mapping.currencySymbols = true
            mapping.negativeParentheses = true
            mapping.dropRowsWhere = [RowCondition(column: "Date", test: .prefix("TOTAL")),
                                     RowCondition(column: "Date", test: .prefix("Total")),
                                     RowCondition(column: nil, test: .fewerFields)]
        case .xeroInvoices:
            mapping = ColumnMapping(target: "invoices",
                columns: ["InvoiceNumber": "invoice_id", "ContactName": "client_id", "InvoiceDate": "issued_on",
                          "DueDate": "due_on", "Total": "amount", "Currency": "currency"],
                dateFormat: .pattern("d/M/yyyy"), createClients: true)
            mapping.groupBy = "InvoiceNumber"
            mapping.groupAmounts = .repeated
            // Money owed: approved and awaiting payment, or paid. Drafts, invoices awaiting
            // approval, voided and deleted ones were never owed. Xero's API and its export
            // name the statuses in capitals; the app shows them in words.
            mapping.keepWhere = [RowCondition(column: "Status", test: .oneOf(
                ["AUTHORISED", "PAID", "Awaiting Payment", "Paid"]))]
        case .stripeInvoices:
            mapping = ColumnMapping(target: "invoices",
                columns: ["id": "invoice_id", "Customer": "client_id", "Date (UTC)": "issued_on",
                          "Due Date (UTC)": "due_on", "Amount Due": "amount", "Currency": "currency", "Number": "number"],
                dateFormat: .pattern("yyyy-MM-dd HH:mm"), createClients: true)
            mapping.thousandsSeparator = ","
            // Charged automatically: no due date, due when issued.
            mapping.defaultTermsDays = 0
            // Void and draft invoices were never owed. Uncollectible ones were billed and are
            // kept (they are sales, and the loss should show in the KPIs); the export has no
            // day on which they were marked uncollectible, so no write-off is recorded.
            mapping.keepWhere = [RowCondition(column: "Status", test: .oneOf(["open", "paid", "uncollectible"]))]
            // Invoices settled by credit balance owe nothing (Recoup's invoices are > 0).
            mapping.dropRowsWhere = [RowCondition(column: "Amount Due", test: .oneOf(["0", "0.00"]))]
        }
        mapping.ignoresOtherColumns = true
        return mapping
    }
}

extension LedgerImporter {
    /// Imports an export of a vendor `preset` (`--preset qbo-invoices`, …): `importMapped`
    /// with the preset's built-in mapping, then warnings about what the export cannot say.
    ///
    /// - Throws: `LedgerImportError`; the store is then unchanged. A file that does not fit
    ///   the preset (a column it needs is missing) names the preset and the columns read.
    public func importPreset(_ preset: ColumnMapping.Preset, at path: String,
                             progress: (@Sendable (String, Int) -> Void)? = nil) throws(LedgerImportError) -> ImportReport {
        var report: ImportReport
        do {
            report = try importMapped(at: path, mapping: .preset(preset), progress: progress)
        } catch {
            if case .invalidMapping(let jsonPath, let reason) = error {
                throw .invalidMapping(path: "--preset \(preset.rawValue) (\(jsonPath))",
                    reason: reason + "; is this a \(preset.summary)?")
            }
            throw error
        }
        report.warnings.append("\(preset.rawValue): the export has no payment dates, so every invoice is imported as unpaid; import the payments from another export (docs/import.md, \"Presets\")")
        if preset == .stripeInvoices {
            report.warnings.append("stripe-invoices: uncollectible invoices are imported as billed and still open (the export does not say when they were marked uncollectible); record write-offs as adjustments")
        }
        return report
    }
}
