import Foundation

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
/// - `decimalComma`: amounts are written `1234,50` (default false). Thousands separators are
///   never accepted.
/// - `createClients`: for `invoices`, create clients the store does not know (default false:
///   an unknown client is an error).
///
/// Unknown fields are an error, so a misspelt option is never silently ignored.
public struct ColumnMapping: Sendable, Equatable {
    public var target: String
    public var columns: [String: String]
    public var constants: [String: String]
    public var dateFormat: DateFormat
    public var decimalComma: Bool
    public var createClients: Bool

    public init(target: String, columns: [String: String] = [:], constants: [String: String] = [:],
                dateFormat: DateFormat = .iso, decimalComma: Bool = false, createClients: Bool = false) {
        self.target = target; self.columns = columns; self.constants = constants
        self.dateFormat = dateFormat; self.decimalComma = decimalComma; self.createClients = createClients
    }

    static let fields: Set<String> = ["target", "columns", "constants", "dateFormat", "decimalComma", "createClients"]

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
        }
        let raw: Raw
        do { raw = try JSONDecoder().decode(Raw.self, from: data) } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
                 .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                throw .invalidMapping(path: path.isEmpty ? "$" : path,
                    reason: "wrong type: targets and names are strings, decimalComma and createClients true or false")
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
