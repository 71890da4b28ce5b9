/// Strict typed access to a JSON object for the policy decoder: every member must be read
/// (`finish()` refuses the rest as unknown fields) and every wrong type is an error naming
/// the member's JSON path.
struct JSONObjectReader {
    let members: [JSONMember]
    let path: JSONPath

    /// Reads `value` at `path` as an object, refusing members not in `known` first, so that a
    /// misspelt field is reported as such rather than as a missing required one.
    init(_ value: JSONValue, at path: JSONPath, known: [String]) throws(PolicyError) {
        guard case .object(let members) = value else {
            throw .field(path: path.description, reason: "expected an object, found \(value.typeName)")
        }
        for member in members where !known.contains(member.name) {
            throw .field(
                path: path.appending(member.name).description,
                reason: "unknown field \"\(member.name)\"; known fields here: \(known.joined(separator: ", "))")
        }
        self.members = members
        self.path = path
    }

    func value(_ name: String) -> JSONValue? { members.first { $0.name == name }?.value }

    func required<T>(_ name: String, _ decode: (JSONValue, JSONPath) throws(PolicyError) -> T) throws(PolicyError) -> T {
        guard let value = value(name) else {
            throw .field(path: path.appending(name).description, reason: "required field \"\(name)\" is missing")
        }
        return try decode(value, path.appending(name))
    }

    /// An optional member: absent gives `nil`; `null` gives `nil` only when `nullable`.
    func optional<T>(_ name: String, nullable: Bool = false,
                     _ decode: (JSONValue, JSONPath) throws(PolicyError) -> T) throws(PolicyError) -> T? {
        guard let value = value(name) else { return nil }
        if case .null = value, nullable { return nil }
        return try decode(value, path.appending(name))
    }
}

/// Primitive decoders: each checks the JSON type and range and names the path on failure.
enum JSONDecode {
    static func typeError(_ expected: String, _ value: JSONValue, _ path: JSONPath) -> PolicyError {
        let found: String
        switch value {
        case .string(let s): found = "string \"\(s.prefix(40))\""
        case .number(let n): found = "number \(n.text)"
        case .bool(let b): found = "boolean \(b)"
        default: found = value.typeName
        }
        return .field(path: path.description, reason: "expected \(expected), found \(found)")
    }

    static func string(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> String {
        guard case .string(let s) = value else { throw typeError("a string", value, path) }
        return s
    }

    static func bool(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> Bool {
        guard case .bool(let b) = value else { throw typeError("true or false", value, path) }
        return b
    }

    static func double(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> Double {
        guard case .number(let n) = value else { throw typeError("a number", value, path) }
        return n.value
    }

    /// A whole number with magnitude at most 1 000 000 (policy counts and day offsets).
    static func int(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> Int {
        guard case .number(let n) = value else { throw typeError("a whole number", value, path) }
        guard n.value.rounded() == n.value, abs(n.value) <= 1_000_000 else {
            throw .field(path: path.description,
                         reason: "expected a whole number between -1000000 and 1000000, found \(n.text)")
        }
        return Int(n.value)
    }

    static func doubles(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> [Double] {
        guard case .array(let elements) = value else { throw typeError("an array of numbers", value, path) }
        var out: [Double] = []
        for (i, e) in elements.enumerated() { out.append(try double(e, path.appending(i))) }
        return out
    }

    static func array(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> [JSONValue] {
        guard case .array(let elements) = value else { throw typeError("an array", value, path) }
        return elements
    }

    static func day(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> Day {
        let text = try string(value, path)
        do { return try Day(iso: text) } catch {
            throw .field(path: path.description, reason: "\(error); write a date as YYYY-MM-DD")
        }
    }

    /// An amount in currency units, written as a plain decimal with at most 2 decimals.
    static func money(_ value: JSONValue, _ path: JSONPath) throws(PolicyError) -> Money {
        guard case .number(let n) = value else { throw typeError("an amount such as 5000 or 2500.50", value, path) }
        do { return try Money(decimal: n.text) } catch {
            throw .field(path: path.description,
                         reason: "amount \(n.text) is not a plain decimal with at most 2 decimals (write e.g. 5000 or 2500.50)")
        }
    }

    static func enumeration<E: RawRepresentable & CaseIterable>(
        _ type: E.Type, _ what: String, _ value: JSONValue, _ path: JSONPath
    ) throws(PolicyError) -> E where E.RawValue == String {
        let text = try string(value, path)
        guard let e = E(rawValue: text) else {
            let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw .field(path: path.description, reason: "unknown \(what) \"\(text)\"; expected one of \(allowed)")
        }
        return e
    }
}
