import RecoupPolicy

/// A test on one row of an export, for a mapping's `dropRowsWhere` (total and footer rows) and
/// `keepWhere` (a status filter): `{"column": "Date", "prefix": "Total"}`,
/// `{"column": "Status", "in": ["AUTHORISED", "PAID"]}`, `{"column": "Num", "empty": true}`,
/// `{"fewerFields": true}` (a footer line shorter than the header).
///
/// Column names are matched without regard to case, values exactly (after trimming spaces).
/// A row a condition drops is counted under `reason` in the import report, never silently.
public struct RowCondition: Sendable, Equatable {
    public enum Test: Sendable, Equatable {
        case equals(String)
        case prefix(String)
        case oneOf([String])
        case empty
        /// The row has fewer fields than the header (no column).
        case fewerFields
    }

    /// The source column tested (nil for `fewerFields`).
    public var column: String?
    public var test: Test

    public init(column: String?, test: Test) {
        self.column = column
        self.test = test
    }

    static let fields: Set<String> = ["column", "equals", "prefix", "in", "empty", "fewerFields"]

    /// Parses one condition object; `path` names it in messages (`keepWhere[0]`).
    init(json object: Any, path: String) throws(LedgerImportError) {
        guard let dictionary = object as? [String: Any] else {
            throw .invalidMapping(path: path, reason: "must be an object such as {\"column\": \"Status\", \"in\": [\"PAID\"]}")
        }
        for key in dictionary.keys.sorted() where !RowCondition.fields.contains(key) {
            throw .invalidMapping(path: path + "." + key, reason: "unknown field; a condition has column and one of equals, prefix, in, empty, or fewerFields")
        }
        var tests: [Test] = []
        if let value = dictionary["equals"] {
            guard let text = value as? String else { throw .invalidMapping(path: path + ".equals", reason: "must be a string") }
            tests.append(.equals(text))
        }
        if let value = dictionary["prefix"] {
            guard let text = value as? String, !text.isEmpty else { throw .invalidMapping(path: path + ".prefix", reason: "must be a non-empty string") }
            tests.append(.prefix(text))
        }
        if let value = dictionary["in"] {
            guard let list = value as? [Any], let words = list as? [String], !words.isEmpty else {
                throw .invalidMapping(path: path + ".in", reason: "must be a non-empty array of strings")
            }
            tests.append(.oneOf(words))
        }
        if let value = dictionary["empty"] {
            guard let flag = value as? Bool, flag else {
                throw .invalidMapping(path: path + ".empty", reason: "must be true")
            }
            tests.append(.empty)
        }
        if let value = dictionary["fewerFields"] {
            guard let flag = value as? Bool, flag else {
                throw .invalidMapping(path: path + ".fewerFields", reason: "must be true")
            }
            tests.append(.fewerFields)
        }
        guard tests.count == 1, let test = tests.first else {
            throw .invalidMapping(path: path, reason: "give exactly one of equals, prefix, in, empty, fewerFields")
        }
        let column = dictionary["column"]
        if test == .fewerFields {
            guard column == nil else { throw .invalidMapping(path: path + ".column", reason: "fewerFields tests the whole row; remove column") }
            self.init(column: nil, test: test)
        } else {
            guard let name = column as? String, !name.isEmpty else {
                throw .invalidMapping(path: path + ".column", reason: "required: the export's column to test")
            }
            self.init(column: name, test: test)
        }
    }

    /// Whether `value` (the row's field, trimmed; nil when the row is too short) passes.
    func holds(_ value: String?, fieldCount: Int, headerCount: Int) -> Bool {
        switch test {
        case .fewerFields: return fieldCount < headerCount
        case .empty: return (value ?? "").isEmpty
        case .equals(let word): return value == word
        case .prefix(let start): return value?.hasPrefix(start) ?? false
        case .oneOf(let words): return value.map(words.contains) ?? false
        }
    }

    /// The condition as a report names the rows it drops (`Date starts with "Total"`).
    var described: String {
        let name = TerminalText.escaped(column ?? "")
        switch test {
        case .fewerFields: return "fewer fields than the header (a report footer)"
        case .empty: return "\(name) is empty"
        case .equals(let word): return "\(name) = \"\(TerminalText.escaped(word))\""
        case .prefix(let start): return "\(name) starts with \"\(TerminalText.escaped(start))\""
        case .oneOf(let words): return "\(name) in [\(words.map(TerminalText.escaped).joined(separator: ", "))]"
        }
    }
}
