import RecoupPolicy

/// The records of one exported file read through a `ColumnMapping` (`--map`, and the vendor
/// presets built on it), converted to the bundle's own form before the row checker sees them:
/// dates become `YYYY-MM-DD`, amounts `1234.50` (from `$3,477.84`, `(120.00)`, cents),
/// currency codes upper case, an empty due date the issue date plus the terms.
///
/// Rows a mapping drops (title rows are skipped before the header; totals, footers and rows a
/// status filter refuses) are counted per reason in `dropped`, never silently lost. A value
/// that does not convert is a problem (`issues`) naming the file, line and source column, the
/// row is not passed on, and the import then fails as a whole. With `groupBy`, the file's rows
/// are read first and line items of one invoice summed into one record (the only case that
/// holds the file in memory; line-item exports are small).
///
/// The bundle path never uses this type (`BundleFileSource` reads bundle files as they are).
final class MappedSource: RowSource {
    /// Where an output field comes from.
    enum Pick {
        case column(Int)
        case constant([UInt8])
    }

    /// What an output field goes through.
    enum Conversion: Equatable {
        case none
        case day(allowTime: Bool)
        case amount
        case currency
    }

    /// Why a value does not convert: the reason a message gives.
    struct Problem: Error {
        var reason: String
    }

    /// One output field: its bundle column name (`~Name` for a column kept aside), the name
    /// messages quote, where it comes from and its conversion.
    struct Output {
        var name: String
        var label: String
        var pick: Pick
        var conversion: Conversion
    }

    /// A condition and the source field it tests (-1 for `fewerFields`).
    struct BoundCondition {
        var condition: RowCondition
        var field: Int
    }

    let fileName: String
    let header: [String]
    let labels: [String]
    /// Records leave this source in the bundle's form.
    let dateFormat = DateFormat.iso
    let decimalSeparator = UInt8(ascii: ".")
    let allowsIdenticalDuplicates = false

    /// Conversion problems, in line order (at most `LedgerImporter.issueLimit` kept).
    private(set) var issues: [ImportIssue] = []
    private(set) var moreIssues = 0
    /// Rows dropped, per reason, in the order the reasons were first met.
    private(set) var dropped: [(reason: String, rows: Int)] = []
    /// Data rows read from the file (dropped ones included).
    private(set) var rowsRead = 0
    /// Source columns a preset does not import (listed in one note).
    var ignoredColumns: [String] = []
    /// With grouping: the records emitted and the line items they hold.
    private(set) var groupedInvoices = 0
    /// The latest issue day of the rows converted (a snapshot's as-of day when the export
    /// does not say when it was made).
    private(set) var latestIssued: Day?

    private let reader: CSVReader
    private let outputs: [Output]
    private let sourceFormat: DateFormat
    private let tokens: [DateFormat.Token]
    private let amountStyle: AmountStyle
    private let drop: [BoundCondition]
    private let keep: [BoundCondition]
    private let sourceHeaderCount: Int
    /// Output fields of the issue and due dates, and the terms, when an empty due is filled.
    private let dueDefault: (issued: Int, due: Int, days: Int)?
    /// The source field of the group key and the amount output, when line items are grouped.
    private let grouping: (key: Int, keyLabel: String, amount: Int)?
    private let groupAmounts: ColumnMapping.GroupAmounts
    private var input = CSVRecord()
    private var grouped: [CSVRecord]?
    private var groupedNext = 0

    init(reader: CSVReader, fileName: String, sourceHeaderCount: Int, outputs: [Output], mapping: ColumnMapping,
         drop: [BoundCondition], keep: [BoundCondition], dueDefault: (issued: Int, due: Int, days: Int)?,
         grouping: (key: Int, keyLabel: String, amount: Int)?) {
        self.reader = reader
        self.fileName = fileName
        self.sourceHeaderCount = sourceHeaderCount
        self.outputs = outputs
        header = outputs.map(\.name)
        labels = outputs.map(\.label)
        sourceFormat = mapping.dateFormat
        if case .pattern(let p) = mapping.dateFormat { tokens = DateFormat.tokens(p) } else { tokens = [] }
        amountStyle = mapping.amountStyle
        self.drop = drop
        self.keep = keep
        self.dueDefault = dueDefault
        self.grouping = grouping
        groupAmounts = mapping.groupAmounts
    }

    func next(_ record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        if grouping != nil {
            if grouped == nil { grouped = try readGroups() }
            guard let grouped, groupedNext < grouped.count else { return false }
            record = grouped[groupedNext]
            groupedNext += 1
            return true
        }
        return try nextConverted(&record)
    }

    /// The next row that is neither dropped nor refused, converted.
    private func nextConverted(_ record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        while try reader.read(into: &input) {
            rowsRead += 1
            if let reason = dropReason(input) {
                if let k = dropped.firstIndex(where: { $0.reason == reason }) { dropped[k].rows += 1 } else {
                    dropped.append((reason, 1))
                }
                continue
            }
            if convert(input, into: &record) { return true }
        }
        return false
    }

    /// Why `row` is dropped, or nil to keep it.
    private func dropReason(_ row: CSVRecord) -> String? {
        func value(_ field: Int) -> String? { field >= 0 && field < row.count ? row.string(field).trimmingSpaces : nil }
        for bound in drop where bound.condition.holds(value(bound.field), fieldCount: row.count, headerCount: sourceHeaderCount) {
            return bound.condition.described
        }
        for bound in keep where !bound.condition.holds(value(bound.field), fieldCount: row.count, headerCount: sourceHeaderCount) {
            return "\(TerminalText.escaped(bound.condition.column ?? "")) = \"\(TerminalText.escaped(value(bound.field) ?? ""))\" (not kept by keepWhere)"
        }
        return nil
    }

    private func add(_ issue: ImportIssue) {
        if issues.count < LedgerImporter.issueLimit { issues.append(issue) } else { moreIssues += 1 }
    }

    /// Converts `row` into `record`; false (with its problems added) when a value does not.
    private func convert(_ row: CSVRecord, into record: inout CSVRecord) -> Bool {
        let line = row.line
        guard row.count == sourceHeaderCount else {
            add(ImportIssue(file: fileName, line: line, column: "-",
                reason: "the row has \(row.count) fields but the header has \(sourceHeaderCount); quote fields that contain commas, or drop report footers with dropRowsWhere [{\"fewerFields\": true}]"))
            return false
        }
        record.removeAll()
        record.line = line
        var ok = true
        for output in outputs {
            let bytes: [UInt8]
            let range: Range<Int>
            switch output.pick {
            case .column(let k):
                bytes = row.storage
                range = row.range(k)
            case .constant(let value):
                bytes = value
                range = 0..<value.count
            }
            if range.isEmpty || output.conversion == .none {
                record.append(field: bytes[range])
                continue
            }
            let text = String(decoding: bytes[range], as: UTF8.self)
            var failed = false
            func fail(_ reason: String) {
                add(ImportIssue(file: fileName, line: line, column: output.label, reason: reason))
                failed = true
                ok = false
            }
            switch output.conversion {
            case .none:
                break
            case .currency:
                record.append(field: bytes[range].map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 })
            case .day(let allowTime):
                switch DayBytes.parse(bytes, range, format: sourceFormat, tokens: tokens, allowTime: allowTime) {
                case .success(let day) where LedgerLimits.supportedDays.contains(day):
                    if output.name == "issued_on" { latestIssued = max(latestIssued ?? day, day) }
                    if allowTime, sourceFormat == .iso { record.append(field: bytes[range]) } else {
                        record.append(field: Array(day.iso.utf8))
                    }
                case .success:
                    fail("\(Self.quoted(text)) is outside the dates Recoup accepts, \(LedgerLimits.supportedDaysText); check the year")
                case .failure(.malformed):
                    fail("\(Self.quoted(text)) is not a date of the form \(sourceFormat)\(allowTime && sourceFormat == .iso ? " (or an ISO date-time)" : "")")
                case .failure(.nonexistent):
                    fail("\(Self.quoted(text)) is not a day of the calendar")
                }
            case .amount:
                switch amount(bytes, range, text) {
                case .success(let minor): record.append(field: AmountStyle.canonical(minor))
                case .failure(let problem): fail(problem.reason)
                }
            }
            if failed { record.append(field: EmptyCollection<UInt8>()) }
        }
        if ok, let dueDefault, record.isEmpty(dueDefault.due), !record.isEmpty(dueDefault.issued) {
            let issued = record.string(dueDefault.issued)
            if let day = try? Day(iso: String(issued.prefix(10))) {
                record = record.replacing(field: dueDefault.due, with: Array((day + dueDefault.days).iso.utf8))
            }
        }
        return ok
    }

    /// The amount in minor units, or the message for the row checker's column.
    private func amount(_ bytes: [UInt8], _ range: Range<Int>, _ text: String) -> Result<Int64, Problem> {
        var plain = amountStyle
        plain.decimalSeparator = UInt8(ascii: ".")
        if plain.isPlain {
            // The bundle's own forms, with the row checker's messages.
            switch MoneyBytes.parse(bytes, range, decimalSeparator: amountStyle.decimalSeparator) {
            case .success(let money): return .success(money.minorUnits)
            case .failure(.outOfRange):
                return .failure(Problem(reason: "\(Self.quoted(text)) is over the largest amount Recoup accepts, \(LedgerLimits.maxAmountText); every report must be able to sum the ledger"))
            case .failure(let error): return .failure(Problem(reason: TerminalText.escaped(error.description)))
            }
        }
        switch amountStyle.minorUnits(text) {
        case .success(let minor): return .success(minor)
        case .failure(.tooLarge):
            return .failure(Problem(reason: "\(Self.quoted(text)) is over the largest amount Recoup accepts, \(LedgerLimits.maxAmountText); every report must be able to sum the ledger"))
        case .failure(.malformed(let why)):
            return .failure(Problem(reason: "\(Self.quoted(text)) is not an amount as the mapping writes them (\(amountStyle.described)): \(why)"))
        }
    }

    /// Reads the whole file and sums line items of one invoice (same `groupBy` value) into
    /// one record: the first line's, with the summed amount. Lines that disagree with their
    /// invoice's first line on any other imported column are problems.
    private func readGroups() throws(CSVSyntaxError) -> [CSVRecord] {
        guard let grouping else { return [] }
        var records: [CSVRecord] = []
        var sums: [Int64] = []
        var indexByKey: [String: Int] = [:]
        var record = CSVRecord()
        var lineItems = 0
        while true {
            // The key is read from the source row; `input` holds it after the read.
            guard try nextConverted(&record) else { break }
            lineItems += 1
            let key = input.string(grouping.key).trimmingSpaces
            guard !key.isEmpty else {
                add(ImportIssue(file: fileName, line: record.line, column: grouping.keyLabel,
                    reason: "is empty; line items are grouped into invoices by this column"))
                continue
            }
            let minor: Int64 = (try? Money(decimal: record.string(grouping.amount)).minorUnits) ?? 0
            guard let k = indexByKey[key] else {
                indexByKey[key] = records.count
                records.append(record)
                sums.append(minor)
                continue
            }
            let first = records[k]
            var agrees = true
            for (j, output) in outputs.enumerated() where j != grouping.amount && !output.name.hasPrefix("~") {
                let a = first.storage[first.range(j)], b = record.storage[record.range(j)]
                if !a.elementsEqual(b) {
                    add(ImportIssue(file: fileName, line: record.line, column: output.label,
                        reason: "\(Self.quoted(record.string(j))) differs from \(Self.quoted(first.string(j))) on line \(first.line), the first line of invoice \(Self.quoted(key)); the lines of one invoice must agree on client, dates and currency"))
                    agrees = false
                    break
                }
            }
            guard agrees else { continue }
            if groupAmounts == .repeated {
                if minor != sums[k] {
                    add(ImportIssue(file: fileName, line: record.line, column: outputs[grouping.amount].label,
                        reason: "\(Self.quoted(record.string(grouping.amount))) differs from \(Self.quoted(first.string(grouping.amount))) on line \(first.line), the first line of invoice \(Self.quoted(key)); each line repeats the invoice's total, so they must agree"))
                }
                continue
            }
            let (sum, overflow) = sums[k].addingReportingOverflow(minor)
            if overflow || sum.magnitude > LedgerLimits.maxAmountMinorUnits.magnitude {
                add(ImportIssue(file: fileName, line: record.line, column: outputs[grouping.amount].label,
                    reason: "the line items of invoice \(Self.quoted(key)) total over the largest amount Recoup accepts, \(LedgerLimits.maxAmountText)"))
                sums[k] = 0
                continue
            }
            sums[k] = sum
        }
        for k in records.indices {
            records[k] = records[k].replacing(field: grouping.amount, with: AmountStyle.canonical(sums[k]))
        }
        groupedInvoices = records.count
        groupedLineItems = lineItems
        return records
    }

    /// With grouping: the line items read into `groupedInvoices` invoices.
    private(set) var groupedLineItems = 0

    /// `text` in quotes, cut to 40 characters, escaped for a terminal.
    static func quoted(_ text: String) -> String {
        "\"" + TerminalText.escaped(text.count <= 40 ? text : String(text.prefix(37)) + "…") + "\""
    }

    /// Opens `path`, skips `skipRows` non-empty lines and reads the header.
    static func open(path: String, fileName: String, skipRows: Int) throws(LedgerImportError) -> (CSVReader, [String]) {
        let reader: CSVReader
        var record = CSVRecord()
        do {
            reader = try CSVReader(path: path)
            for _ in 0..<skipRows {
                guard try reader.read(into: &record) else {
                    throw LedgerImportError.invalidRows([ImportIssue(file: fileName, line: max(record.line, 1), column: "-",
                        reason: "the file ends before its header: skipRows is \(skipRows) but the file has fewer non-empty lines")], more: 0)
                }
            }
            guard try reader.read(into: &record) else {
                throw LedgerImportError.invalidRows([ImportIssue(file: fileName, line: 1, column: "-",
                    reason: skipRows == 0 ? "the file is empty; it needs a header row and at least one row"
                        : "the file ends before its header: skipRows is \(skipRows) but nothing follows")], more: 0)
            }
        } catch let error as LedgerImportError { throw error } catch {
            throw LedgerImportError.from(error, fileName: fileName)
        }
        return (reader, (0..<record.count).map { record.string($0).trimmingSpaces })
    }
}

extension CSVRecord {
    /// This record with field `index` replaced by `bytes`.
    func replacing(field index: Int, with bytes: [UInt8]) -> CSVRecord {
        var copy = CSVRecord()
        copy.line = line
        for k in 0..<count {
            if k == index { copy.append(field: bytes) } else { copy.append(field: storage[range(k)]) }
        }
        return copy
    }
}
