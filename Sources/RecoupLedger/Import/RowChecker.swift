import RecoupPolicy

/// Parses and checks one record of a source against its bundle file's spec: every per-cell rule
/// of SPEC §2, the references to clients and invoices, and the rules across columns. It writes
/// the row's cells, ready to bind, and its problems; it never writes to the store.
///
/// Read-only (the reference maps are only read), so the import can run it on a second thread
/// while the first inserts the rows it has checked (`RowPipeline`).
struct RowChecker {
    let spec: BundleFileSpec
    let file: String
    /// For each spec column, the source field holding it (-1 when absent).
    let sourceIndex: [Int]
    /// For each spec column, the name to quote in messages (the source's own header).
    let labels: [String]
    let headerCount: Int
    let dateFormat: DateFormat
    let tokens: [DateFormat.Token]
    let decimalSeparator: UInt8
    let clients: KeyMap
    let invoices: KeyMap
    let clientNames: [Int64: String]
    let isPayments: Bool
    /// Each column's rule, without the spec's strings (copying a `ColumnSpec` per cell was a
    /// tenth of the check's time).
    private let rules: [Rule]
    /// Each vocabulary's words as bytes, for `Rule.vocabulary`.
    private let vocabularies: [[[UInt8]]]
    /// The cell an empty optional column gets (its default, or NULL); nil when it is required.
    private let emptyCells: [Cell?]
    /// The last invoice looked up, and its entry: actions and payments come grouped by invoice.
    private var lastInvoiceKey: [UInt8] = []
    private var lastInvoiceEntry = -1
    /// The spec column of the invoice currency (invoices only).
    private let currencyColumn: Int?
    /// The ledger's currency: that of the invoices already stored, else of the file's first
    /// good invoice (set as it is met); nil until known. Three ASCII letters.
    private var ledgerCurrency: [UInt8]?
    /// Where `ledgerCurrency` comes from, for messages.
    private var ledgerCurrencySource: String
    /// The ordinals of `LedgerLimits.supportedDays`.
    private static let earliestOrdinal = Int64(LedgerLimits.earliestDay.ordinal)
    private static let latestOrdinal = Int64(LedgerLimits.latestDay.ordinal)

    /// What one column's cells must be, with the payloads the check needs.
    private enum Rule {
        case text
        /// An id (every key, `*_id` and the invoice number): text without control characters.
        case identifier
        case day(allowTime: Bool)
        case money(positive: Bool)
        case integer(ClosedRange<Int64>)
        case number(ClosedRange<Double>, openLowerBound: Bool)
        case boolean
        /// Index into `vocabularies`.
        case vocabulary(Int)
        case currency
        case clientRef
        case invoiceRef
    }

    /// A checker of `source`'s records for `spec`, whose columns sit at `sourceIndex` and are
    /// quoted in messages as `labels`; references are looked up in `clients` and `invoices`.
    ///
    /// `ledgerCurrency` is the currency of the invoices already stored (nil for none).
    init(spec: BundleFileSpec, source: any RowSource, sourceIndex: [Int], labels: [String], clients: KeyMap,
         invoices: KeyMap, clientNames: [Int64: String], ledgerCurrency: String? = nil) {
        self.spec = spec
        currencyColumn = spec.name == "invoices" ? spec.index(of: "currency") : nil
        self.ledgerCurrency = ledgerCurrency.map { Array($0.utf8) }
        ledgerCurrencySource = "the currency of the invoices already in the store"
        file = source.fileName
        self.sourceIndex = sourceIndex
        self.labels = labels
        headerCount = source.header.count
        dateFormat = source.dateFormat
        if case .pattern(let p) = source.dateFormat { tokens = DateFormat.tokens(p) } else { tokens = [] }
        decimalSeparator = source.decimalSeparator
        self.clients = clients
        self.invoices = invoices
        self.clientNames = clientNames
        isPayments = spec.name == "payments"
        var vocabularies: [[[UInt8]]] = []
        rules = spec.columns.map { column in
            switch column.kind {
            case .key: return .identifier
            case .text: return column.name == "number" ? .identifier : .text
            case .day(let allowTime): return .day(allowTime: allowTime)
            case .money(let positive): return .money(positive: positive)
            case .integer(let range, _): return .integer(range)
            case .number(let range, let openLowerBound): return .number(range, openLowerBound: openLowerBound)
            case .boolean: return .boolean
            case .vocabulary(let words, _):
                vocabularies.append(words.map { Array($0.utf8) })
                return .vocabulary(vocabularies.count - 1)
            case .currency: return .currency
            case .clientRef: return .clientRef
            case .invoiceRef: return .invoiceRef
            }
        }
        self.vocabularies = vocabularies
        emptyCells = spec.columns.map { column -> Cell? in
            if column.isRequired { return nil }
            switch column.kind {
            case .integer(_, let value?): return .int(value)
            case .boolean: return .int(0)
            case .vocabulary(_, let value?): return .constant(value)
            case .currency: return .constant("USD")
            default: return .null
            }
        }
    }

    /// Checks `record`, writing its cells into `cells` (one per spec column) and appending
    /// its problems to `issues`; true when the row may be inserted.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func check(_ record: CSVRecord, cells: inout [Cell], issues: inout [ImportIssue]) -> Bool {
        let line = record.line
        guard record.count == headerCount else {
            issues.append(ImportIssue(file: file, line: line, column: "-",
                reason: "the row has \(record.count) fields but the header has \(headerCount); quote fields that contain commas"))
            return false
        }
        var rowOK = true
        var invoiceClient: Int64? = nil
        var invoiceRange = 0..<0
        func fail(_ j: Int, _ reason: String) {
            issues.append(ImportIssue(file: file, line: line, column: labels[j], reason: reason))
            rowOK = false
        }
        for j in 0..<rules.count {
            let k = sourceIndex[j]
            if record.isEmpty(k) {
                if let empty = emptyCells[j] { cells[j] = empty } else { fail(j, "is empty; a value is required") }
                continue
            }
            let r = record.range(k)
            switch rules[j] {
            case .text:
                guard record.isValidUTF8(k) else { fail(j, "is not valid UTF-8 text; save the file as UTF-8"); continue }
                cells[j] = .text(r)
            case .identifier:
                guard record.isValidUTF8(k) else { fail(j, "is not valid UTF-8 text; save the file as UTF-8"); continue }
                if let at = ControlBytes.first(record.storage, r) {
                    fail(j, ControlBytes.reason(record.storage, r, offset: at))
                    continue
                }
                cells[j] = .text(r)
            case .day(let allowTime):
                switch DayBytes.parse(record.storage, r, format: dateFormat, tokens: tokens, allowTime: allowTime) {
                case .success(let day):
                    let ordinal = Int64(day.ordinal)
                    guard ordinal >= Self.earliestOrdinal, ordinal <= Self.latestOrdinal else {
                        fail(j, "\(quoted(record, k)) is outside the dates Recoup accepts, \(LedgerLimits.supportedDaysText); check the year")
                        continue
                    }
                    cells[j] = .int(ordinal)
                case .failure(.malformed):
                    fail(j, "\(quoted(record, k)) is not a date of the form \(dateFormat)\(allowTime && dateFormat == .iso ? " (or an ISO date-time)" : "")")
                case .failure(.nonexistent):
                    fail(j, "\(quoted(record, k)) is not a day of the calendar")
                }
            case .money(let positive):
                switch MoneyBytes.parse(record.storage, r, decimalSeparator: decimalSeparator) {
                case .success(let money):
                    if positive && money.minorUnits <= 0 {
                        fail(j, "\(quoted(record, k)) must be greater than 0")
                    } else if money.minorUnits.magnitude > LedgerLimits.maxAmountMinorUnits.magnitude {
                        fail(j, "\(groupedAmount(money.minorUnits)) is over the largest amount Recoup accepts, \(LedgerLimits.maxAmountText); every report must be able to sum the ledger")
                    } else {
                        cells[j] = .int(money.minorUnits)
                    }
                case .failure(.outOfRange):
                    fail(j, "\(quoted(record, k)) is over the largest amount Recoup accepts, \(LedgerLimits.maxAmountText); every report must be able to sum the ledger")
                case .failure(let error):
                    fail(j, TerminalText.escaped(error.description))
                }
            case .integer(let range):
                if let value = Int64(record.string(k)), range.contains(value) {
                    cells[j] = .int(value)
                } else {
                    fail(j, "\(quoted(record, k)) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
            case .number(let range, let openLower):
                let value = record.storage.withUnsafeBufferPointer { NumberBytes.parse(UnsafeBufferPointer(rebasing: $0[r])) }
                if let value, range.contains(value), !(openLower && value == range.lowerBound) {
                    cells[j] = .real(value)
                } else {
                    let bounds = openLower ? "in (\(fmt(range.lowerBound)), \(fmt(range.upperBound))]"
                        : "from \(fmt(range.lowerBound)) to \(fmt(range.upperBound))"
                    fail(j, "\(quoted(record, k)) is not a number \(bounds)")
                }
            case .boolean:
                switch record.string(k).lowercased() {
                case "true", "1": cells[j] = .int(1)
                case "false", "0": cells[j] = .int(0)
                default: fail(j, "\(quoted(record, k)) is not true or false")
                }
            case .vocabulary(let v):
                if vocabularies[v].contains(where: { word in word.withUnsafeBufferPointer { bytesEqual(record.storage, r, $0) } }) {
                    cells[j] = .text(r)
                } else {
                    let words = vocabularies[v].map { String(decoding: $0, as: UTF8.self) }
                    fail(j, "\(quoted(record, k)) is not one of \(words.joined(separator: ", "))")
                }
            case .currency:
                let bytes = record.storage[r]
                if bytes.count == 3, bytes.allSatisfy({ $0 >= 65 && $0 <= 90 }) {
                    cells[j] = .text(r)
                } else {
                    fail(j, "\(quoted(record, k)) is not an ISO 4217 currency code such as USD")
                }
            case .clientRef:
                if let entry = clients.find(record.storage, r) {
                    cells[j] = .int(clients.first(entry))
                } else if let at = ControlBytes.first(record.storage, r) {
                    fail(j, ControlBytes.reason(record.storage, r, offset: at))
                } else {
                    fail(j, "unknown client \(quoted(record, k)): it is neither in clients.csv nor in the store; add it to clients.csv")
                }
            case .invoiceRef:
                if let entry = findInvoice(record.storage, r) {
                    cells[j] = .int(invoices.first(entry))
                    invoiceClient = invoices.second(entry)
                    invoiceRange = r
                } else if let at = ControlBytes.first(record.storage, r) {
                    fail(j, ControlBytes.reason(record.storage, r, offset: at))
                } else {
                    fail(j, "unknown invoice \(quoted(record, k)): it is neither in invoices.csv nor in the store")
                }
            }
        }
        guard rowOK else { return false }
        // Rules across columns.
        if let (a, b, message) = spec.orderedPair, case .int(let first) = cells[a], case .int(let second) = cells[b],
            second < first {
            fail(b, "\(Day(ordinal: Int(second)).iso) is before \(spec.columns[a].name) \(Day(ordinal: Int(first)).iso); \(message)")
            return false
        }
        if let c = currencyColumn, !checkCurrency(record, cells[c], column: c, issues: &issues) { return false }
        if isPayments, let invoiceClient, case .int(let payer) = cells[1], payer != invoiceClient,
            let j = spec.index(of: "invoice_id") {
            fail(j, "invoice \"\(TerminalText.escaped(String(decoding: record.storage[invoiceRange], as: UTF8.self)))\" belongs to client \"\(TerminalText.escaped(clientNames[invoiceClient] ?? "?"))\", not to the paying client \"\(TerminalText.escaped(clientNames[payer] ?? "?"))\"; apply the payment to one of that client's invoices or leave invoice_id empty")
            return false
        }
        return true
    }
}

extension RowChecker {
    /// Whether an invoice's currency `cell` is the ledger's; the first one met sets it when the
    /// store has none. A ledger sums its invoices, so one currency only (multi-currency
    /// ledgers are not supported yet).
    private mutating func checkCurrency(_ record: CSVRecord, _ cell: Cell, column: Int,
                                        issues: inout [ImportIssue]) -> Bool {
        let written: String
        switch cell {
        case .text(let r):
            guard let ledger = ledgerCurrency else {
                ledgerCurrency = Array(record.storage[r])
                ledgerCurrencySource = "the currency of this file's first invoice (line \(record.line))"
                return true
            }
            if ledger.withUnsafeBufferPointer({ bytesEqual(record.storage, r, $0) }) { return true }
            written = String(decoding: record.storage[r], as: UTF8.self)
        case .constant(let s):
            guard let ledger = ledgerCurrency else {
                ledgerCurrency = Array(s.utf8)
                ledgerCurrencySource = "the currency of this file's first invoice (line \(record.line), empty currency = USD)"
                return true
            }
            if s.utf8.elementsEqual(ledger) { return true }
            written = s + " (an empty currency means USD)"
        default:
            return true
        }
        let ledger = String(decoding: ledgerCurrency ?? [], as: UTF8.self)
        issues.append(ImportIssue(file: file, line: record.line, column: labels[column],
            reason: "\(written) differs from the ledger's currency \(ledger), \(ledgerCurrencySource); a \(ledger) ledger cannot sum \(written.prefix(3)) amounts, and multi-currency ledgers are not supported yet: import each currency into its own store (--db)"))
        return false
    }

    /// The invoice entry for `bytes[range]`, remembering the last one found: consecutive rows
    /// of actions and payments mostly name the same invoice.
    private mutating func findInvoice(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        if lastInvoiceEntry >= 0 && lastInvoiceKey.withUnsafeBufferPointer({ bytesEqual(bytes, range, $0) }) {
            return lastInvoiceEntry
        }
        guard let entry = invoices.find(bytes, range) else { return nil }
        lastInvoiceKey.removeAll(keepingCapacity: true)
        lastInvoiceKey.append(contentsOf: bytes[range])
        lastInvoiceEntry = entry
        return entry
    }
}

/// A number as a message shows it (no `.0` on whole numbers).
func fmt(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}

/// Field `k` of `record` in quotes, cut to 40 characters, for messages.
func quoted(_ record: CSVRecord, _ k: Int) -> String {
    let text = record.string(k)
    return "\"" + TerminalText.escaped(text.count <= 40 ? text : String(text.prefix(37)) + "…") + "\""
}
