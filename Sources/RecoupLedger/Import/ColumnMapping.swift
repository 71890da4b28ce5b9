import Foundation
import RecoupPolicy

/// How to read one exported CSV file as one file of the bundle (`recoup import FILE --map
/// mapping.json`).
///
/// ```json
/// { "target": "invoices",
///   "columns": { "Invoice No": "invoice_id", "Customer": "client_id", "Date": "issued_on",
///                "Due": "due_on", "Total": "amount" },
///   "constants": { "currency": "EUR" },
///   "dateFormat": "d.M.yyyy",
///   "decimalComma": true,
///   "createClients": true }
/// ```
///
/// - `target` (required): the bundle file the rows become: `clients`, `invoices`, `payments`,
///   `actions`, `promises`, `disputes`, `adjustments`, `deposits` or `timesheet`.
/// - `columns`: source column → bundle column. Source columns already named as in the bundle
///   need no entry; other source columns are kept aside and reported.
/// - `constants`: bundle column → a value for every row (a column the export lacks).
/// - `dateFormat`: `yyyy-MM-dd` (default) or a pattern of `d`/`dd`, `M`/`MM`, `yyyy` and
///   literal characters, such as `M/d/yyyy` or `d.M.yyyy`.
/// - `decimalComma`: amounts are written `1234,50` (default false).
/// - `createClients`: for `invoices`, create clients the store does not know (default false:
///   an unknown client is an error).
///
/// For real exports (each off by default; docs/import.md has the whole table):
/// - `skipRows`: title rows above the header (non-empty lines; empty lines are skipped anyway).
/// - `dropRowsWhere`: conditions (`RowCondition`) that drop a row (totals, footers).
/// - `keepWhere`: conditions a row must all meet to be imported (a status filter).
/// - `thousandsSeparator`, `currencySymbols`, `negativeParentheses`, `amountsInMinorUnits`:
///   how amounts are written (`AmountStyle`).
/// - `defaultTermsDays`: an empty due date is the issue date plus this many days.
/// - `groupBy`: a source column (the invoice number): rows with the same value are line items
///   of one invoice, summed into one; they must agree on every other imported column.
///
/// Header names and the columns the mapping names are matched without regard to case, as a
/// bundle's are; a mapping whose `columns` keys differ only by case is refused. Currency codes
/// are read without regard to case (`usd` is USD). Unknown fields are an error, so a misspelt
/// option is never silently ignored.
public struct ColumnMapping: Sendable, Equatable {
    public var target: String
    public var columns: [String: String]
    public var constants: [String: String]
    public var dateFormat: DateFormat
    public var decimalComma: Bool
    public var createClients: Bool
    /// Non-empty lines above the header (a report's title rows).
    public var skipRows: Int = 0
    /// A row meeting any of these is dropped and counted (totals, footers).
    public var dropRowsWhere: [RowCondition] = []
    /// A row is imported only when it meets all of these; the others are dropped and counted
    /// per value (`Status = VOIDED`).
    public var keepWhere: [RowCondition] = []
    /// `,`, `.`, space or `'`; nil when amounts have no grouping.
    public var thousandsSeparator: Character?
    public var currencySymbols = false
    public var negativeParentheses = false
    public var amountsInMinorUnits = false
    /// An empty due date is the issue date plus this many days (0–3650); nil: required.
    public var defaultTermsDays: Int?
    /// The source column whose rows are line items of one invoice (target invoices only).
    public var groupBy: String?
    /// How grouped lines give the invoice's amount: summed (`sum`, the default: each line
    /// holds its own amount) or `repeated` (each line repeats the invoice total, as Xero's
    /// `Total`; the lines must then agree on it).
    public var groupAmounts: GroupAmounts = .sum
    /// Built-in presets only: source columns the mapping does not name are not imported and
    /// are listed in one note, instead of one warning each.
    var ignoresOtherColumns = false

    /// How line items of one invoice give its amount (`groupAmounts`).
    public enum GroupAmounts: String, Sendable, Equatable {
        case sum, repeated
    }

    public init(target: String, columns: [String: String] = [:], constants: [String: String] = [:],
                dateFormat: DateFormat = .iso, decimalComma: Bool = false, createClients: Bool = false) {
        self.target = target; self.columns = columns; self.constants = constants
        self.dateFormat = dateFormat; self.decimalComma = decimalComma; self.createClients = createClients
    }

    static let fields: Set<String> = ["target", "columns", "constants", "dateFormat", "decimalComma", "createClients",
                                      "skipRows", "dropRowsWhere", "keepWhere", "thousandsSeparator", "currencySymbols",
                                      "negativeParentheses", "amountsInMinorUnits", "defaultTermsDays", "groupBy", "groupAmounts"]

    /// How the mapping's amounts are written.
    var amountStyle: AmountStyle {
        AmountStyle(decimalSeparator: decimalComma ? UInt8(ascii: ",") : UInt8(ascii: "."),
                    thousandsSeparator: thousandsSeparator.flatMap { $0.asciiValue },
                    currencySymbols: currencySymbols, negativeParentheses: negativeParentheses,
                    minorUnits: amountsInMinorUnits)
    }

    /// Checks what the JSON types alone cannot: keys differing only by case, the amount
    /// options together, the ranges.
    /// - Throws: `LedgerImportError.invalidMapping` naming the field.
    public func validate() throws(LedgerImportError) {
        var byLower: [String: String] = [:]
        for key in columns.keys.sorted() {
            if let other = byLower[key.lowercased()] {
                throw .invalidMapping(path: "columns.\(TerminalText.escaped(key))",
                    reason: "\"\(TerminalText.escaped(other))\" and \"\(TerminalText.escaped(key))\" differ only by case; header names are matched without regard to case, so keep one")
            }
            byLower[key.lowercased()] = key
        }
        if let separator = thousandsSeparator {
            guard [",", ".", " ", "'"].contains(separator) else {
                throw .invalidMapping(path: "thousandsSeparator", reason: "must be one of \",\", \".\", \" \" or \"'\"")
            }
            guard separator.asciiValue != amountStyle.decimalSeparator else {
                throw .invalidMapping(path: "thousandsSeparator", reason: "is also the decimal separator; set decimalComma to match the export")
            }
        }
        if amountsInMinorUnits && decimalComma {
            throw .invalidMapping(path: "amountsInMinorUnits", reason: "whole minor units have no decimal separator; remove decimalComma")
        }
        if !(0...1000).contains(skipRows) {
            throw .invalidMapping(path: "skipRows", reason: "must be a whole number from 0 to 1000")
        }
        if let days = defaultTermsDays, !(0...3650).contains(days) {
            throw .invalidMapping(path: "defaultTermsDays", reason: "must be a whole number of days from 0 to 3650")
        }
        if let days = defaultTermsDays, days >= 0, target != "invoices" {
            throw .invalidMapping(path: "defaultTermsDays", reason: "is for target invoices (a due date from the issue date)")
        }
        if groupBy != nil, target != "invoices" {
            throw .invalidMapping(path: "groupBy", reason: "groups invoice line items; it is for target invoices")
        }
    }

    /// Parses a mapping document.
    /// - Throws: `LedgerImportError.invalidMapping` naming the JSON path of the problem.
    public init(json data: Data) throws(LedgerImportError) {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalidMapping(path: "$", reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let root = object as? [String: Any] else {
            throw .invalidMapping(path: "$", reason: "must be a JSON object with at least \"target\"")
        }
        if let (path, key) = JSONKeyScan.firstDuplicate(Array(data)) {
            throw .invalidMapping(path: (path + [key]).joined(separator: "."),
                reason: "the key \"\(TerminalText.escaped(key))\" appears twice in the same object; JSON readers keep only one of them, so remove the other")
        }
        for key in root.keys.sorted() where !ColumnMapping.fields.contains(key) {
            throw .invalidMapping(path: key, reason: "unknown field; the fields are \(ColumnMapping.fields.sorted().joined(separator: ", "))")
        }
        struct Raw: Decodable {
            var target: String?
            var columns: [String: String]?
            var constants: [String: String]?
            var dateFormat: String?
            var decimalComma: Bool?
            var createClients: Bool?
            var skipRows: Int?
            var thousandsSeparator: String?
            var currencySymbols: Bool?
            var negativeParentheses: Bool?
            var amountsInMinorUnits: Bool?
            var defaultTermsDays: Int?
            var groupBy: String?
            var groupAmounts: String?
        }
        let raw: Raw
        do { raw = try JSONDecoder().decode(Raw.self, from: data) } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
                 .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                throw .invalidMapping(path: path.isEmpty ? "$" : path,
                    reason: "wrong type: targets and names are strings, skipRows and defaultTermsDays whole numbers, the other options true or false")
            @unknown default:
                throw .invalidMapping(path: "$", reason: "\(error)")
            }
        } catch {
            throw .invalidMapping(path: "$", reason: "\(error)")
        }
        guard let target = raw.target else {
            throw .invalidMapping(path: "target", reason: "required: the bundle file the rows become, such as \"invoices\"")
        }
        var format = DateFormat.iso
        if let pattern = raw.dateFormat { format = try DateFormat(pattern: pattern) }
        self.init(target: target, columns: raw.columns ?? [:], constants: raw.constants ?? [:],
                  dateFormat: format, decimalComma: raw.decimalComma ?? false, createClients: raw.createClients ?? false)
        skipRows = raw.skipRows ?? 0
        if let separator = raw.thousandsSeparator {
            guard separator.count == 1, let character = separator.first else {
                throw .invalidMapping(path: "thousandsSeparator", reason: "must be one character, such as \",\"")
            }
            thousandsSeparator = character
        }
        currencySymbols = raw.currencySymbols ?? false
        negativeParentheses = raw.negativeParentheses ?? false
        amountsInMinorUnits = raw.amountsInMinorUnits ?? false
        defaultTermsDays = raw.defaultTermsDays
        groupBy = raw.groupBy
        if let mode = raw.groupAmounts {
            guard let parsed = GroupAmounts(rawValue: mode) else {
                throw .invalidMapping(path: "groupAmounts", reason: "\"\(TerminalText.escaped(mode))\" is not sum or repeated")
            }
            guard groupBy != nil else { throw .invalidMapping(path: "groupAmounts", reason: "needs groupBy") }
            groupAmounts = parsed
        }
        for name in ["dropRowsWhere", "keepWhere"] {
            guard let value = root[name] else { continue }
            guard let list = value as? [Any] else {
                throw .invalidMapping(path: name, reason: "must be an array of conditions such as {\"column\": \"Status\", \"in\": [\"PAID\"]}")
            }
            var conditions: [RowCondition] = []
            for (k, item) in list.enumerated() { conditions.append(try RowCondition(json: item, path: "\(name)[\(k)]")) }
            if name == "keepWhere" {
                if let k = conditions.firstIndex(where: { $0.test == .fewerFields }) {
                    throw .invalidMapping(path: "keepWhere[\(k)]", reason: "fewerFields belongs in dropRowsWhere")
                }
                keepWhere = conditions
            } else {
                dropRowsWhere = conditions
            }
        }
        try validate()
    }

    /// Reads and parses the mapping file at `path`: a regular file of at most
    /// `InputFileLimit.mapping` (a folder, FIFO or device is refused before reading).
    public init(contentsOf path: String) throws(LedgerImportError) {
        switch InputFile.contents(path, limit: .mapping) {
        case .success(let bytes): try self.init(json: Data(bytes))
        case .failure(let failure): throw .from(failure, path: path, limit: .mapping)
        }
    }
}

/// Finds a key repeated within one JSON object, which `JSONSerialization` and `JSONDecoder`
/// accept silently, keeping one of the values: a mapping with `"Total": "amount"` twice would
/// otherwise import from a column nobody chose.
enum JSONKeyScan {
    /// The first key that appears twice in one object, with the keys leading to that object;
    /// nil when there is none. `bytes` must be valid JSON (parse it first).
    /// - Complexity: O(n) in the document's size.
    static func firstDuplicate(_ bytes: [UInt8]) -> (path: [String], key: String)? {
        struct Frame {
            var isObject: Bool
            var name: String
            var keys: Set<String> = []
            var expectsKey: Bool
            var lastKey = ""
        }
        var stack: [Frame] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
                    j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1
                }
                let end = min(j, bytes.count - 1)
                if let top = stack.last, top.isObject, top.expectsKey {
                    let raw = Data(bytes[i...end])
                    let key = (try? JSONSerialization.jsonObject(with: raw, options: .fragmentsAllowed)) as? String
                        ?? String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                    if top.keys.contains(key) { return (stack.dropFirst().map(\.name), key) }
                    stack[stack.count - 1].keys.insert(key)
                    stack[stack.count - 1].expectsKey = false
                    stack[stack.count - 1].lastKey = key
                }
                i = j + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let name = stack.last.map { $0.isObject ? $0.lastKey : "[]" } ?? "$"
                stack.append(Frame(isObject: c == UInt8(ascii: "{"), name: name, expectsKey: c == UInt8(ascii: "{")))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                if let top = stack.last, top.isObject { stack[stack.count - 1].expectsKey = true }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
