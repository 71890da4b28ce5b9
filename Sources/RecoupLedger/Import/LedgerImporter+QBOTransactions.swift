import Foundation
import RecoupPolicy

extension LedgerImporter {
    /// Imports QuickBooks Online's **Transaction List by Customer** report exported to CSV
    /// (`--preset qbo-transactions`): the export that carries payment dates.
    ///
    /// The report as QuickBooks exports it: title rows (company, report name, date range), a
    /// header whose first column is blank, then per customer a row with the customer's name
    /// alone, its transactions (first column blank) and a `Total for …` row; a `TOTAL` row and
    /// a date-stamp footer. Amounts carry thousands separators (`3,477.84`, sometimes `$`),
    /// dates are `MM/dd/yyyy`.
    ///
    /// - `Invoice` rows become invoices (`Num` the invoice id, the customer the client, `Date`
    ///   the issue day, `Due Date` the due day when the column is shown, else the issue day
    ///   plus 30 days, said in a warning).
    /// - `Payment` rows become payments received on their `Date`. The report does not say
    ///   which invoice a payment paid, so each is applied to the customer's open invoices of
    ///   the file oldest first (issued on or before the payment), split where it covers more
    ///   than one; what is left over is an unapplied payment. An assumption, stated in the
    ///   report's notes and docs/import.md.
    /// - Dropped and counted: customer and total rows, the footer, rows of amount 0 (voided
    ///   transactions), and every other transaction type (Sales Receipt, Credit Memo, Journal
    ///   Entry, …: not invoices owed or payments of them), per type.
    ///
    /// - Throws: `LedgerImportError`; the store is then unchanged. Messages name the export's
    ///   own lines and columns (`transactions.csv:9: Amount: …`).
    public func importQBOTransactions(at path: String, progress: (@Sendable (String, Int) -> Void)? = nil)
        throws(LedgerImportError) -> ImportReport {
        guard InputFile.exists(path) else { throw .notFound(path: path) }
        let fileName = (path as NSString).lastPathComponent
        let parsed = try QBOTransactionList.read(path: path, fileName: fileName)
        return try write(progress: progress) { session throws(LedgerImportError) in
            for issue in parsed.issues { session.add(issue) }
            guard !session.hasIssues else { return }
            let unknown = parsed.customers.filter { session.clients.find($0) == nil }
            let sources: [(String, RecordListSource)] = [
                ("clients", RecordListSource(fileName: fileName, header: ["client_id"], labels: ["Customer"],
                                             records: unknown.map { RecordListSource.record(line: 1, [$0]) })),
                ("invoices", RecordListSource(fileName: fileName,
                    header: ["invoice_id", "client_id", "issued_on", "due_on", "amount"],
                    labels: ["Num", "Customer", "Date", parsed.hasDueDates ? "Due Date" : "Date", "Amount"],
                    records: parsed.invoices)),
                ("payments", RecordListSource(fileName: fileName,
                    header: ["payment_id", "client_id", "received_on", "amount", "invoice_id", "method"],
                    labels: ["Num", "Customer", "Date", "Amount", "Num", "Transaction Type"],
                    records: parsed.payments)),
            ]
            for (name, source) in sources where !source.records.isEmpty {
                guard let spec = BundleFileSpec.named(name) else { continue }
                try TableImport(spec: spec, source: source, session: session).run()
            }
            for (reason, rows) in parsed.dropped {
                session.dropped.append(ImportReport.DroppedRows(file: fileName, reason: reason, rows: rows))
            }
            let droppedRows = parsed.dropped.reduce(0) { $0 + $1.rows }
            session.notes.append("\(fileName): \(parsed.rowsRead) rows read under \(parsed.customers.count) customers; \(parsed.invoices.count) invoices, \(parsed.paymentRows) payments (\(parsed.payments.count) payment rows once applied); \(droppedRows) dropped")
            session.notes.append("\(fileName): the report does not say which invoice a payment paid: each was applied to its customer's open invoices oldest first (\(parsed.splitPayments) split over several invoices, \(parsed.unappliedPayments) with an unapplied rest)")
            if !parsed.hasDueDates {
                session.warnings.append("\(fileName): no Due Date column, so every invoice is due 30 days after its date; add Due Date to the report (Customize › Rows/Columns) for the real due dates")
            }
            if !unknown.isEmpty {
                session.warnings.append("\(unknown.count) clients were created from \(fileName) with default terms (30 days, no autopay)")
            }
        }
    }
}

/// The rows of a Transaction List by Customer export, read into bundle records
/// (`LedgerImporter.importQBOTransactions`).
struct QBOTransactionList {
    var customers: [String] = []
    var invoices: [CSVRecord] = []
    var payments: [CSVRecord] = []
    var paymentRows = 0
    var splitPayments = 0
    var unappliedPayments = 0
    var hasDueDates = false
    var rowsRead = 0
    var dropped: [(reason: String, rows: Int)] = []
    var issues: [ImportIssue] = []

    mutating func drop(_ reason: String) {
        if let k = dropped.firstIndex(where: { $0.reason == reason }) { dropped[k].rows += 1 } else { dropped.append((reason, 1)) }
    }

    /// An invoice of the file, for applying payments.
    struct OpenInvoice {
        var id: String
        var issued: Day
        var open: Int64
    }

    static func read(path: String, fileName: String) throws(LedgerImportError) -> QBOTransactionList {
        var list = QBOTransactionList()
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw .from(error, fileName: fileName) }
        var record = CSVRecord()
        var header: [String]?
        var column: [String: Int] = [:]
        var customer: String?
        var openByCustomer: [String: [OpenInvoice]] = [:]
        var paymentKeys: [String: Int] = [:]
        let format = DateFormat.pattern("M/d/yyyy")
        let tokens = DateFormat.tokens("M/d/yyyy")
        let style = AmountStyle(decimalSeparator: UInt8(ascii: "."), thousandsSeparator: UInt8(ascii: ","),
                                currencySymbols: true, negativeParentheses: true, minorUnits: false)
        func issue(_ line: Int, _ name: String, _ reason: String) {
            if list.issues.count < LedgerImporter.issueLimit {
                list.issues.append(ImportIssue(file: fileName, line: line, column: name, reason: reason))
            }
        }
        do {
            while try reader.read(into: &record) {
                let fields = (0..<record.count).map { record.string($0).trimmingSpaces }
                guard let names = header else {
                    if fields.contains(where: { $0.lowercased() == "transaction type" }) {
                        header = fields
                        for (k, name) in fields.enumerated() where !name.isEmpty { column[name.lowercased()] = k }
                        if column["num"] == nil, let k = column["no."] { column["num"] = k }
                        let missing = ["date", "transaction type", "num", "amount"].filter { column[$0] == nil }
                        guard missing.isEmpty else {
                            throw LedgerImportError.invalidRows(missing.map { ImportIssue(file: fileName, line: record.line, column: $0,
                                reason: "required column of the qbo-transactions preset is missing; is this QuickBooks Online's Transaction List by Customer report?") }, more: 0)
                        }
                        list.hasDueDates = column["due date"] != nil
                    }
                    continue
                }
                list.rowsRead += 1
                let filled = fields.indices.filter { !fields[$0].isEmpty }
                func value(_ name: String) -> String {
                    guard let k = column[name], k < fields.count else { return "" }
                    return fields[k]
                }
                // A customer's name alone in the first column; its total; the report's total and footer.
                if filled == [0] || (filled.count == 1 && record.count < names.count) {
                    let text = fields[filled[0]]
                    if record.count < names.count { list.drop("the report's footer (fewer fields than the header)"); continue }
                    customer = text
                    if !list.customers.contains(text) { list.customers.append(text) }
                    list.rowsRead -= 1  // a heading, not a row of data
                    continue
                }
                if filled.isEmpty { list.rowsRead -= 1; continue }  // a row of empty fields
                if !fields[0].isEmpty {
                    if fields[0].lowercased().hasPrefix("total for ") { list.drop("a customer's total row (Total for …)"); continue }
                    if fields[0].uppercased() == "TOTAL" { list.drop("the report's TOTAL row"); continue }
                }
                guard record.count == names.count else {
                    issue(record.line, "-", "the row has \(record.count) fields but the header has \(names.count); quote fields that contain commas")
                    continue
                }
                let type = value("transaction type")
                let isInvoice = type.lowercased() == "invoice", isPayment = type.lowercased() == "payment"
                guard isInvoice || isPayment else {
                    list.drop("Transaction Type = \"\(TerminalText.escaped(type))\" (neither an invoice nor a payment)")
                    continue
                }
                guard let customer else {
                    issue(record.line, "-", "a transaction before any customer's name row; the rows of this report are grouped under a row naming the customer")
                    continue
                }
                func day(_ name: String, _ label: String) -> Day? {
                    let text = value(name)
                    let bytes = Array(text.utf8)
                    switch DayBytes.parse(bytes, 0..<bytes.count, format: format, tokens: tokens, allowTime: false) {
                    case .success(let day) where LedgerLimits.supportedDays.contains(day): return day
                    case .success: issue(record.line, label, "\(MappedSource.quoted(text)) is outside the dates Recoup accepts, \(LedgerLimits.supportedDaysText); check the year")
                    case .failure(.malformed): issue(record.line, label, "\(MappedSource.quoted(text)) is not a date of the form MM/dd/yyyy")
                    case .failure(.nonexistent): issue(record.line, label, "\(MappedSource.quoted(text)) is not a day of the calendar")
                    }
                    return nil
                }
                let amountText = value("amount")
                var amount: Int64?
                switch style.minorUnits(amountText) {
                case .success(let minor): amount = minor
                case .failure(.tooLarge): issue(record.line, "Amount", "\(MappedSource.quoted(amountText)) is over the largest amount Recoup accepts, \(LedgerLimits.maxAmountText)")
                case .failure(.malformed(let why)): issue(record.line, "Amount", "\(MappedSource.quoted(amountText)) is not an amount as QuickBooks writes them (3,477.84): \(why)")
                }
                if amount == 0 { list.drop("amount 0 (a voided transaction)"); continue }
                guard let date = day("date", "Date"), let signed = amount else { continue }
                let num = value("num")
                if isInvoice {
                    guard !num.isEmpty else { issue(record.line, "Num", "an invoice without a number; the number is the invoice's id"); continue }
                    guard signed > 0 else { issue(record.line, "Amount", "\(MappedSource.quoted(amountText)) is not above 0; an invoice is money owed"); continue }
                    var due = date + 30
                    if list.hasDueDates {
                        guard let parsed = day("due date", "Due Date") else { continue }
                        due = parsed
                    }
                    list.invoices.append(RecordListSource.record(line: record.line,
                        [num, customer, date.iso, due.iso, AmountStyle.canonicalText(signed)]))
                    openByCustomer[customer, default: []].append(OpenInvoice(id: num, issued: date, open: signed))
                    continue
                }
                // A payment: applied to the customer's open invoices, oldest first.
                list.paymentRows += 1
                var rest = signed.magnitude > UInt64(Int64.max) ? Int64.max : Int64(signed.magnitude)
                let base = "qbo:\(customer):\(date.iso):\(num.isEmpty ? "-" : num)"
                let occurrence = paymentKeys[base, default: 0]
                paymentKeys[base] = occurrence + 1
                let id = occurrence == 0 ? base : "\(base):\(occurrence + 1)"
                var parts: [(invoice: String, amount: Int64)] = []
                var open = openByCustomer[customer, default: []]
                let order = open.indices.sorted { (open[$0].issued, $0) < (open[$1].issued, $1) }
                for k in order where rest > 0 && open[k].open > 0 && open[k].issued <= date {
                    let paid = min(rest, open[k].open)
                    open[k].open -= paid
                    rest -= paid
                    parts.append((open[k].id, paid))
                }
                openByCustomer[customer] = open
                if parts.count > 1 { list.splitPayments += 1 }
                if rest > 0 { parts.append(("", rest)); list.unappliedPayments += 1 }
                for part in parts {
                    let partID = parts.count == 1 ? id : "\(id)/\(part.invoice.isEmpty ? "unapplied" : part.invoice)"
                    list.payments.append(RecordListSource.record(line: record.line,
                        [partID, customer, date.iso, AmountStyle.canonicalText(part.amount), part.invoice, "other"]))
                }
            }
        } catch let error as LedgerImportError { throw error } catch { throw .from(error, fileName: fileName) }
        guard header != nil else {
            throw .invalidRows([ImportIssue(file: fileName, line: 1, column: "-",
                reason: "no header row with a \"Transaction Type\" column; is this QuickBooks Online's Transaction List by Customer report?")], more: 0)
        }
        if list.invoices.isEmpty && list.payments.isEmpty && list.issues.isEmpty {
            list.issues.append(ImportIssue(file: fileName, line: 1, column: "-",
                reason: "no Invoice or Payment rows (\(list.dropped.map { "\($0.rows) × \($0.reason)" }.joined(separator: "; "))); there is nothing to import"))
        }
        return list
    }
}

/// Records already in the bundle's form, held in memory (the rows a report export such as
/// QuickBooks' Transaction List by Customer gives once read).
final class RecordListSource: RowSource {
    let fileName: String
    let header: [String]
    let labels: [String]
    let dateFormat = DateFormat.iso
    let decimalSeparator = UInt8(ascii: ".")
    let allowsIdenticalDuplicates = false
    let records: [CSVRecord]
    private var next = 0

    init(fileName: String, header: [String], labels: [String], records: [CSVRecord]) {
        self.fileName = fileName; self.header = header; self.labels = labels; self.records = records
    }

    func next(_ record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        guard next < records.count else { return false }
        record = records[next]
        next += 1
        return true
    }

    /// A record of `fields` from `line`.
    static func record(line: Int, _ fields: [String]) -> CSVRecord {
        var record = CSVRecord()
        record.line = line
        for field in fields { record.append(field: Array(field.utf8)) }
        return record
    }
}

extension AmountStyle {
    /// `minor` minor units as the bundle writes amounts (`1234.50`).
    static func canonicalText(_ minor: Int64) -> String { String(decoding: canonical(minor), as: UTF8.self) }
}
