/// The vendor presets of `recoup import FILE --preset NAME`: built-in `ColumnMapping`s for the
/// invoice exports firms have, each written from the vendor's documented export columns
/// (docs/import.md cites the pages). They use only the mapping features any `--map` file can
/// use, plus one thing a file cannot say: columns the preset does not name are listed in one
/// note rather than one warning each.
///
/// None of the invoice exports carries payment dates: their paid or open amounts are a
/// snapshot, imported as each invoice's open balance on the export day
/// (`LedgerImporter.importPreset`, docs/import.md "Snapshots"); the payments come from
/// another export (`stripe-payments`, `qbo-transactions`, a bundle's payments.csv).
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
        /// Stripe Dashboard, Payments › Export: one row per charge, `Created (UTC)` date-times,
        /// amounts as decimals, the `Invoice ID` it paid; failed and refunded charges dropped
        /// and counted.
        case stripePayments = "stripe-payments"
        /// ConnectWise PSA (Manage), Finance › Invoice Search (or a company's Finance ›
        /// Invoices tab) exported to CSV: `Invoice Total` and `Invoice Balance`, dates
        /// `MM/dd/yyyy`; credit memos dropped and counted.
        case connectwiseInvoices = "connectwise-invoices"

        /// What the preset reads, for messages and `--help`.
        public var summary: String {
            switch self {
            case .qboInvoices: return "QuickBooks Online Invoice List report (CSV export)"
            case .xeroInvoices: return "Xero invoices export (CSV, one row per line item)"
            case .stripeInvoices: return "Stripe Dashboard invoices export (CSV)"
            case .stripePayments: return "Stripe Dashboard payments export (CSV)"
            case .connectwiseInvoices: return "ConnectWise PSA invoice search export (CSV)"
            }
        }

        /// The export's column of each invoice's open balance on the export day (a snapshot,
        /// docs/import.md "Snapshots"); nil for an export of payments.
        public var openBalanceColumn: String? {
            switch self {
            case .qboInvoices: return "Open Balance"
            case .xeroInvoices: return "InvoiceAmountDue"
            case .stripeInvoices: return "Amount Remaining"
            case .connectwiseInvoices: return "Invoice Balance"
            case .stripePayments: return nil
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
        case .stripePayments:
            mapping = ColumnMapping(target: "payments",
                columns: ["id": "payment_id", "Customer ID": "client_id", "Created (UTC)": "received_on",
                          "Amount": "amount", "Invoice ID": "invoice_id"],
                constants: ["method": "card"],
                dateFormat: .pattern("yyyy-MM-dd HH:mm"))
            mapping.thousandsSeparator = ","
            // Money received: succeeded charges not refunded. Failed charges moved no money;
            // a refunded one gave it back. A partly refunded charge is dropped and counted too
            // (its net is not a column; record it by hand), never imported at its gross.
            mapping.keepWhere = [RowCondition(column: "Status", test: .oneOf(["Paid", "paid", "succeeded", "Succeeded"])),
                                 RowCondition(column: "Amount Refunded", test: .oneOf(["0", "0.00", ""]))]
            // A charge without a customer (a one-off checkout) belongs to no client of the ledger.
            mapping.dropRowsWhere = [RowCondition(column: "Customer ID", test: .empty)]
        case .connectwiseInvoices:
            mapping = ColumnMapping(target: "invoices",
                columns: ["Invoice": "invoice_id", "Company Name": "client_id", "Date": "issued_on",
                          "Due Date": "due_on", "Invoice Total": "amount"],
                dateFormat: .pattern("M/d/yyyy"), createClients: true)
            mapping.thousandsSeparator = ","
            mapping.currencySymbols = true
            mapping.negativeParentheses = true
            // A credit memo has a negative or zero total: it is not money owed.
            mapping.keepWhere = [RowCondition(column: "Invoice Type", test: .oneOf(
                ["Standard", "Agreement", "Miscellaneous", "Progress", "Down Payment", "Downpayment"]))]
        }
        mapping.ignoresOtherColumns = true
        return mapping
    }
}
