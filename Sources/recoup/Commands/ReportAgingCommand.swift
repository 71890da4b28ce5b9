import ArgumentParser
import Foundation
import RecoupLedger
import RecoupReports

/// `recoup report aging [--as-of D] [--format …]`: open balances by days past due, per
/// client and in total (SPEC §3).
struct ReportAgingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aging",
        abstract: "Open balances by days past due (current, 1–30, …, over 120), per client and total.")

    @Option(name: .customLong("as-of"), help: "The day (YYYY-MM-DD). Default: the latest invoice or payment day.", transform: Day.argument)
    var asOf: Day?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try UserFacingError.wrap {
            let report = try LedgerStore(path: store.path, access: .readOnly).kpiCalculator().agingReport(asOf: asOf)
            print(try AgingOutput.render(report, format: output.format), terminator: "")
        }
    }
}

/// Aging as a table or JSON.
enum AgingOutput {
    static func table(_ report: AgingReport, title: String?, clients: Bool) -> ReportTable {
        var table = ReportTable(
            title: title,
            columns: [.init("Client")] + AgingBucket.allCases.map { .init($0.title, alignment: .right) }
                + [.init("Total", alignment: .right)])
        func row(_ name: String, _ amounts: AgingAmounts) -> [String] {
            [name] + AgingBucket.allCases.map { ReportFormatting.money(amounts[$0], currency: report.currency) }
                + [ReportFormatting.money(amounts.total, currency: report.currency)]
        }
        if clients { for (client, amounts) in report.byClient { table.append(row(client, amounts)) } }
        table.append(row("Total", report.total))
        return table
    }

    static func render(_ report: AgingReport, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try JSONOutput.encode(AgingJSON(report: report))
        case .table, .csv, .markdown:
            let table = self.table(report, title: format == .csv ? nil : "Aging on \(report.asOf.iso) (\(report.currency))", clients: true)
            return table.rendered(as: format.tableFormat)
        }
    }

    struct AgingJSON: Encodable {
        let report: AgingReport
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(report.asOf, forKey: Key("asOf"))
            try c.encode(report.currency, forKey: Key("currency"))
            func amounts(_ a: AgingAmounts, _ container: inout KeyedEncodingContainer<Key>) throws {
                for bucket in AgingBucket.allCases {
                    try container.encode(JSONOutput.decimal(a[bucket]), forKey: Key(bucket.rawValue))
                }
                try container.encode(JSONOutput.decimal(a.total), forKey: Key("total"))
            }
            var aging = c.nestedContainer(keyedBy: Key.self, forKey: Key("aging"))
            try amounts(report.total, &aging)
            var byClient = aging.nestedContainer(keyedBy: Key.self, forKey: Key("byClient"))
            for (client, a) in report.byClient {
                var row = byClient.nestedContainer(keyedBy: Key.self, forKey: Key(client))
                try amounts(a, &row)
            }
        }
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
