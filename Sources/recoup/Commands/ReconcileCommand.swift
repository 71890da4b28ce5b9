import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupReports

/// `recoup reconcile [--from D --to D] [--csv FILE] [--format …]`: matches the store's bank
/// deposits to open invoices and recorded payments, and reports the share matched
/// automatically and the exceptions a person must look at (docs/reconcile.md).
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match deposits to invoices and payments; the share matched automatically and the exceptions.",
        discussion: """
            Each deposit (deposits.csv) is matched by the invoice numbers in its memo, by the client \
            the memo names and the amount (exact, or within cents), by one combination of several open \
            invoices, and as a partial payment. Confidence: high (the memo names the invoice and the \
            amount agrees to the cent), medium (one soft point), low (a suggestion a person checks). \
            High and medium are matched automatically; the rest are exceptions. Default window: every \
            deposit. --csv writes every deposit's result with plain numbers.
            """)

    @Option(help: "First day of deposits to match (YYYY-MM-DD).", transform: Day.argument)
    var from: Day?
    @Option(help: "Last day of deposits to match (YYYY-MM-DD).", transform: Day.argument)
    var to: Day?
    @Option(help: "Also write every deposit's result to this CSV file.")
    var csv: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func validate() throws {
        if let from, let to, from > to {
            throw ValidationError("--from \(from.iso) is after --to \(to.iso); give a window whose first day is on or before its last")
        }
    }

    func run() throws {
        try UserFacingError.wrap {
            let csvFile = csv.map { OutputFile($0, replacement: .always, example: "reconcile.csv", inputs: [("--db", store.path)]) }
            try csvFile?.check()  // before the work
            let result = try LedgerStore(path: store.path, access: .readOnly).reconcile(ReconcileOptions(from: from, to: to))
            try csvFile?.write(ReconcileOutput.deposits(result).rendered(as: .csv))
            print(try ReconcileOutput.render(result, format: output.format), terminator: "")
        }
    }
}

/// The reconciliation as tables (at most `maxWidth` columns wide), CSV or JSON.
enum ReconcileOutput {
    /// The widest a text table may be.
    static let maxWidth = 100

    static func render(_ result: Reconciliation, format: OutputFormat) throws -> String {
        switch format {
        case .json: return try JSONOutput.encode(result)
        case .csv: return deposits(result).rendered(as: .csv)
        case .table, .markdown:
            var parts = [summary(result).rendered(as: format.tableFormat)]
            let exceptions = result.exceptions
            if exceptions.isEmpty {
                parts.append("No exceptions: every deposit was matched automatically.\n")
            } else {
                parts.append(exceptionsTable(exceptions, currency: result.currency).rendered(as: format.tableFormat))
            }
            return parts.joined(separator: "\n")
        }
    }

    /// The summary: deposits, the share matched automatically with its count, by method and
    /// confidence, the amounts and the exceptions.
    static func summary(_ result: Reconciliation) -> ReportTable {
        let s = result.summary
        let window = [s.from?.iso, s.to?.iso].compactMap { $0 }.joined(separator: " to ")
        var table = ReportTable(title: "Reconciliation" + (window.isEmpty ? " (no deposits)" : " of deposits \(window)"),
                                columns: [.init("Figure"), .init("Value", alignment: .right)])
        table.append(["Deposits", count(s.deposits)])
        table.append(["Matched automatically",
                      "\(ReportFormatting.percent(share: s.shareMatched)) (\(count(s.matchedAutomatically)) of \(count(s.deposits)))"])
        for method in MatchMethod.allCases where method != .unmatched {
            table.append(["  by \(method.label)", count(s.byMethod[method] ?? 0)])
        }
        table.append(["  high confidence", count(s.byConfidence[.high] ?? 0)])
        table.append(["  medium confidence", count(s.byConfidence[.medium] ?? 0)])
        table.append(["Deposited (\(result.currency))", ReportFormatting.money(s.depositAmount, currency: nil)])
        table.append(["Matched automatically (\(result.currency))", ReportFormatting.money(s.matchedAmount, currency: nil)])
        table.append(["Exceptions (a person looks at each)", count(s.exceptions)])
        return table
    }

    /// The exceptions: id, day, amount, memo (escaped for the terminal, shortened in the middle
    /// to fit) and the reason, in the result's order (received day, then id).
    static func exceptionsTable(_ exceptions: [DepositMatch], currency: String) -> ReportTable {
        let columns: [ReportTable.Column] = [.init("Deposit"), .init("Received"), .init("Amount (\(currency))", alignment: .right),
                                             .init("Memo"), .init("Reason")]
        let rows = exceptions.map { match -> [String] in
            [fit(match.deposit.id, 16), match.deposit.receivedOn.iso, ReportFormatting.money(match.deposit.amount, currency: nil),
             TerminalText.escaped(match.deposit.reference ?? ""), match.reason?.label ?? ""]
        }
        // Every column but the memo at its natural width; the memo gets what is left of maxWidth.
        var widths = columns.map { $0.title.count }
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let others = widths.enumerated().filter { $0.offset != 3 }.map(\.element).reduce(0, +)
        let memoWidth = max(columns[3].title.count, maxWidth - others - 2 * (columns.count - 1))
        return ReportTable(title: "Exceptions (\(exceptions.count)): deposits a person must match",
                           columns: columns, rows: rows.map { row in
                               var row = row
                               row[3] = fit(row[3], memoWidth)
                               return row
                           })
    }

    /// Every deposit's result, for `--csv` and `--format csv`: plain numbers, ISO days, the
    /// memo as it is (CSV is data), several ids separated by `;`.
    static func deposits(_ result: Reconciliation) -> ReportTable {
        let names = ["deposit_id", "received_on", "amount", "reference", "automatic", "method", "confidence", "invoice_ids",
                     "payment_ids", "client_id", "partial", "reason"]
        var table = ReportTable(columns: names.map { .init($0) })
        for match in result.matches {
            table.append([match.deposit.id, match.deposit.receivedOn.iso, match.deposit.amount.decimalString,
                          match.deposit.reference ?? "", match.isAutomatic ? "true" : "false", match.method.rawValue,
                          match.confidence?.rawValue ?? "", match.invoiceIDs.joined(separator: ";"),
                          match.paymentIDs.joined(separator: ";"), match.clientID ?? "", match.isPartial ? "true" : "false",
                          match.reason?.description ?? ""])
        }
        return table
    }

    /// `text` cut to `width` characters with `…` in the middle when it is longer: a memo's
    /// start (the bank's prefix and the payer) and its end (the reference) both stay.
    static func fit(_ text: String, _ width: Int) -> String {
        guard text.count > width, width >= 1 else { return text }
        let tail = (width - 1) * 2 / 5
        return String(text.prefix(width - 1 - tail)) + "…" + String(text.suffix(tail))
    }

    /// A count with thousands separated by commas.
    static func count(_ value: Int) -> String { ChartNumberFormat.fixed(Double(value), decimals: 0, grouping: true) }
}
