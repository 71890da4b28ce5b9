/// Where an import's rows come from: a bundle file as it is, or records derived from an
/// exported file (a preset or a mapping), already renamed to the bundle's column names.
protocol RowSource: AnyObject {
    /// The file name used in messages (`invoices.csv`, `export.csv`).
    var fileName: String { get }
    /// The bundle column name of each field of the records `next` gives.
    var header: [String] { get }
    /// The column name to quote in messages for each field (the source file's own name).
    var labels: [String] { get }
    /// How dates and amounts are written.
    var dateFormat: DateFormat { get }
    var decimalSeparator: UInt8 { get }
    /// Whether a key repeated within the file is fine when the rows agree (presets that derive
    /// one client row per invoice row); otherwise a repeated key is an error.
    var allowsIdenticalDuplicates: Bool { get }
    /// Reads the next record; false at the end.
    func next(_ record: inout CSVRecord) throws(CSVSyntaxError) -> Bool
}

/// A bundle file read as it is.
final class BundleFileSource: RowSource {
    let fileName: String
    let header: [String]
    var labels: [String] { header }
    let dateFormat = DateFormat.iso
    let decimalSeparator = UInt8(ascii: ".")
    let allowsIdenticalDuplicates = false
    private let reader: CSVReader

    /// Opens `path` and reads its header; nil when the file is empty (no header at all).
    init?(path: String, fileName: String) throws(CSVSyntaxError) {
        reader = try CSVReader(path: path)
        self.fileName = fileName
        var record = CSVRecord()
        guard try reader.read(into: &record) else { return nil }
        header = (0..<record.count).map { record.string($0).trimmingSpaces }
    }

    func next(_ record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        try reader.read(into: &record)
    }
}

/// Records derived field by field from another file: each output field is a column of the
/// input record or a constant, and a filter may drop input records.
final class DerivedSource: RowSource {
    enum Pick {
        case column(Int)
        case constant([UInt8])
    }

    let fileName: String
    let header: [String]
    let labels: [String]
    let dateFormat: DateFormat
    let decimalSeparator: UInt8
    let allowsIdenticalDuplicates: Bool
    private let reader: CSVReader
    private let picks: [Pick]
    private let keep: (CSVRecord) -> Bool
    private var input = CSVRecord()

    init(reader: CSVReader, fileName: String, header: [String], labels: [String], picks: [Pick],
         dateFormat: DateFormat, decimalSeparator: UInt8, allowsIdenticalDuplicates: Bool,
         keep: @escaping (CSVRecord) -> Bool = { _ in true }) {
        self.reader = reader; self.fileName = fileName; self.header = header; self.labels = labels
        self.picks = picks; self.dateFormat = dateFormat; self.decimalSeparator = decimalSeparator
        self.allowsIdenticalDuplicates = allowsIdenticalDuplicates; self.keep = keep
    }

    func next(_ record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        while try reader.read(into: &input) {
            guard keep(input) else { continue }
            record.removeAll()
            record.line = input.line
            for pick in picks {
                switch pick {
                case .column(let index):
                    if index < input.count {
                        record.append(field: input.storage[input.range(index)])
                    } else {
                        record.append(field: EmptyCollection<UInt8>())
                    }
                case .constant(let bytes): record.append(field: bytes)
                }
            }
            return true
        }
        return false
    }

    /// Reads the header of the file at `path`: its column names and the open reader.
    static func open(path: String, fileName: String) throws(LedgerImportError) -> (CSVReader, [String]) {
        let reader: CSVReader
        var record = CSVRecord()
        do {
            reader = try CSVReader(path: path)
            guard try reader.read(into: &record) else {
                throw LedgerImportError.invalidRows([ImportIssue(file: fileName, line: 1, column: "-",
                    reason: "the file is empty; it needs a header row and at least one row")], more: 0)
            }
        } catch let error as LedgerImportError { throw error } catch {
            throw LedgerImportError.from(error, fileName: fileName)
        }
        return (reader, (0..<record.count).map { record.string($0).trimmingSpaces })
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let f = slice.first, f == " " || f == "\t" { slice = slice.dropFirst() }
        while let l = slice.last, l == " " || l == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

extension LedgerImportError {
    /// The import error for a CSV syntax problem in `fileName`.
    static func from(_ error: any Error, fileName: String) -> LedgerImportError {
        guard let syntax = error as? CSVSyntaxError else { return .store(String(describing: error)) }
        switch syntax {
        case .unreadable(let path, let reason): return .unreadable(path: path, reason: reason)
        case .input(let path, let failure): return .from(failure, path: path, limit: .csv)
        case .unterminatedQuote(let line):
            return .invalidRows([ImportIssue(file: fileName, line: line, column: "-",
                reason: "a quoted field opened here is never closed; close it with \" (write \"\" for a quote inside)")], more: 0)
        case .textAfterClosingQuote(let line):
            return .invalidRows([ImportIssue(file: fileName, line: line, column: "-",
                reason: "text after a closing quote; a quoted field must end right before a comma or the line end")], more: 0)
        case .quoteInUnquotedField(let line):
            return .invalidRows([ImportIssue(file: fileName, line: line, column: "-",
                reason: "a quote inside an unquoted field; quote the whole field and double the inner quote (\"\")")], more: 0)
        }
    }
}
