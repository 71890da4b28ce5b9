import RecoupLedger

/// The aging report as tables: per client (names where the ledger has them) and per invoice.
///
/// Text and Markdown are for people: amounts grouped with commas, the currency once in the
/// title, client names cut to `labelWidth` so the client table fits 100 columns. CSV is data:
/// plain decimal amounts (`1798.79`), ISO dates and both the client id and name, so Excel and
/// pandas read it without cleaning.
public enum AgingTables {
    /// The widest client label in text and Markdown (longer names end in `…`).
    public static let labelWidth = 22

    /// The widest line a terminal table may have.
    public static let terminalWidth = 100

    /// The per-client table as terminal text: with cents when it fits `terminalWidth`
    /// columns, otherwise in whole currency units (rounded half away from zero), the title
    /// saying so and pointing to the CSV for cents. Whole units fit 100 columns while every
    /// figure is below ten million.
    /// Markdown keeps client names whole (`cutNames: false`) and falls back to whole units the
    /// same way, so its source lines fit too.
    public static func clientsText(_ report: AgingReport, title: String, format: ReportTable.Format = .text) -> String {
        let cut = format == .text
        let exact = clients(report, title: title, cutNames: cut).rendered(as: format)
        guard exact.split(separator: "\n").contains(where: { $0.count > terminalWidth }) else { return exact }
        return clients(report, title: title + " in whole units, each rounded; --format csv for cents", wholeUnits: true,
                       cutNames: cut).rendered(as: format)
    }

    /// The per-client table (`clients: false`: the total row only, as in `report kpis`).
    /// `cutNames`: names cut to `labelWidth` (the terminal; Markdown keeps them whole).
    public static func clients(_ report: AgingReport, title: String?, clients: Bool = true, csv: Bool = false,
                               wholeUnits: Bool = false, cutNames: Bool = true) -> ReportTable {
        let buckets = AgingBucket.allCases
        let columns: [ReportTable.Column] = csv
            ? [.init("client"), .init("name")] + buckets.map { .init($0.rawValue, alignment: .right) } + [.init("total", alignment: .right)]
            : [.init("Client")] + buckets.map { .init($0.title, alignment: .right) } + [.init("Total", alignment: .right)]
        var table = ReportTable(title: title, columns: columns)
        func amounts(_ a: AgingAmounts) -> [String] {
            (buckets.map { a[$0] } + [a.total]).map {
                csv ? $0.decimalString : wholeUnits ? ReportFormatting.wholeMoney($0) : ReportFormatting.money($0, currency: nil)
            }
        }
        if clients {
            for row in report.byClient {
                table.append((csv ? [row.client, row.name ?? ""] : [cutNames ? label(row.label) : row.label]) + amounts(row.amounts))
            }
        }
        table.append((csv ? ["total", ""] : ["Total"]) + amounts(report.total))
        return table
    }

    /// The invoice-level table, in the order given (most overdue first, then the larger
    /// balance: `LedgerStore.openInvoices`).
    public static func invoices(_ invoices: [OpenInvoice], title: String?, csv: Bool = false) -> ReportTable {
        let columns: [ReportTable.Column] = csv
            ? ["invoice", "client", "name", "issuedOn", "dueOn", "daysPastDue", "bucket", "amount", "open"].enumerated().map {
                .init($1, alignment: $0 >= 5 && $0 != 6 ? .right : .left)
            }
            : [.init("Invoice"), .init("Client"), .init("Due"), .init("Days past due", alignment: .right),
               .init("Bucket"), .init("Amount", alignment: .right), .init("Open", alignment: .right)]
        var table = ReportTable(title: title, columns: columns)
        for invoice in invoices {
            if csv {
                table.append([invoice.invoice, invoice.client, invoice.clientName ?? "", invoice.issuedOn.iso, invoice.dueOn.iso,
                              String(invoice.daysPastDue), invoice.bucket.rawValue, invoice.amount.decimalString,
                              invoice.open.decimalString])
            } else {
                table.append([invoice.invoice, label(invoice.clientName ?? invoice.client), invoice.dueOn.iso,
                              invoice.daysPastDue > 0 ? String(invoice.daysPastDue) : "current",
                              invoice.bucket.title, ReportFormatting.money(invoice.amount, currency: nil),
                              ReportFormatting.money(invoice.open, currency: nil)])
            }
        }
        return table
    }

    /// `text` cut to `labelWidth` characters, the last one `…` when cut.
    static func label(_ text: String) -> String { ChartFrame.shortened(text, limit: labelWidth) }
}
