import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupReports

/// `recoup report aging [--as-of D] [--invoices] [--format …]`: open balances by days past
/// due, per client (names where the ledger has them) and in total, or per invoice (SPEC §3).
struct ReportAgingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aging",
        abstract: "Open balances by days past due (current, 1–30, …, over 120), per client or per invoice.",
        discussion: "CSV and JSON carry plain decimal amounts and ISO dates, for spreadsheets and scripts.")

    @Option(name: .customLong("as-of"), help: "The day (YYYY-MM-DD). Default: the latest invoice or payment day, or a snapshot's export date.", transform: Day.argument)
    var asOf: Day?

    @Flag(help: "One row per open invoice, most overdue first, then the larger balance.")
    var invoices = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try UserFacingError.wrap {
            let ledger = try LedgerStore(path: store.path, access: .readOnly)
            if invoices {
                let open = try ledger.openInvoices(asOf: asOf)
                print(try AgingOutput.render(open.invoices, asOf: open.asOf, currency: open.currency, format: output.format),
                      terminator: "")
            } else {
                let report = try ledger.kpiCalculator().agingReport(asOf: asOf)
                print(try AgingOutput.render(report, format: output.format), terminator: "")
            }
        }
    }
}

/// Aging as a table or JSON.
enum AgingOutput {
    static func render(_ report: AgingReport, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try JSONOutput.encode(AgingJSON(report: report))
        case .table:
            return AgingTables.clientsText(report, title: "Aging on \(report.asOf.iso) (\(report.currency))")
        case .markdown:
            return AgingTables.clientsText(report, title: "Aging on \(report.asOf.iso) (\(report.currency))", format: .markdown)
        case .csv:
            return AgingTables.clients(report, title: nil, csv: true, cutNames: false).rendered(as: .csv)
        }
    }

    static func render(_ invoices: [OpenInvoice], asOf: Day, currency: String, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try JSONOutput.encode(InvoicesJSON(asOf: asOf, currency: currency,
                                                      invoices: invoices.map(InvoicesJSON.Row.init)))
        case .table, .csv, .markdown:
            let csv = format == .csv
            let total = invoices.reduce(Money.zero) { $0 + $1.open }
            let title = "Open invoices on \(asOf.iso) (\(currency)): \(invoices.count), \(ReportFormatting.money(total, currency: currency)) open"
            return AgingTables.invoices(invoices, title: csv ? nil : title, csv: csv).rendered(as: format.tableFormat)
        }
    }

    /// `{"asOf", "currency", "invoices": [{invoice, client, name?, issuedOn, dueOn, daysPastDue,
    /// bucket, amount, open}]}`, amounts as decimal numbers.
    struct InvoicesJSON: Encodable {
        struct Row: Encodable {
            let invoice: String, client: String, name: String?, issuedOn: Day, dueOn: Day, daysPastDue: Int, bucket: String
            let amount: Decimal, open: Decimal
            init(_ o: OpenInvoice) {
                invoice = o.invoice; client = o.client; name = o.clientName; issuedOn = o.issuedOn; dueOn = o.dueOn
                daysPastDue = o.daysPastDue; bucket = o.bucket.rawValue
                amount = JSONOutput.decimal(o.amount); open = JSONOutput.decimal(o.open)
            }
        }
        let asOf: Day, currency: String, invoices: [Row]
    }

    /// `{"asOf", "currency", "aging"}` with the buckets as `report kpis` writes them.
    struct AgingJSON: Encodable {
        let asOf: Day, currency: String, aging: AgingBucketsJSON
        init(report: AgingReport) { asOf = report.asOf; currency = report.currency; aging = AgingBucketsJSON(report) }
    }
}

/// JSON output shared by the report commands: sorted keys, exact decimal amounts.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func decimal(_ money: Money) -> Decimal {
        Decimal(money.minorUnits) / Decimal(Money.minorUnitsPerUnit)
    }
}

extension OutputFormat {
    /// The table renderer's format (JSON is not a table; callers handle it first).
    var tableFormat: ReportTable.Format {
        switch self {
        case .csv: return .csv
        case .markdown: return .markdown
        case .table, .json: return .text
        }
    }
}
