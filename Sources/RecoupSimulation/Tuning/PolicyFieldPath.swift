import RecoupPolicy

/// A numeric field of a policy named by its JSON path, as `recoup tune --vary` takes it:
/// members joined by dots, array indices in brackets, e.g. `escalation.daysPastDue`,
/// `tiers[0].below`, `cadences.high[1].day`, `limits.maxContactsPer7Days`.
///
/// Paths are resolved against the policy's full form (`Policy.jsonValue`, every default
/// written out), so a field the policy file leaves at its default can be varied too. A field
/// that is `null` (an escalation condition that is off) may be set; anything else must already
/// be a number. `schema`, `provenance`, `projections` and `signature` cannot be varied: they do
/// not change what the policy does.
public struct PolicyFieldPath: Sendable, Equatable, CustomStringConvertible {
    /// The path as written.
    public let text: String
    /// Its members and indices.
    public let components: [JSONPath.Component]

    /// Top-level members that describe a policy rather than drive it.
    static let informational: Set<String> = ["schema", "name", "provenance", "projections", "signature"]

    /// Parses `text`.
    /// - Throws: `TuningError.badPath` with the 1-based column of the first character that
    ///   does not fit.
    /// - Complexity: O(length).
    public init(parsing text: String) throws(TuningError) {
        self.text = text
        let chars = Array(text)
        var components: [JSONPath.Component] = []
        var i = 0
        func fail(_ reason: String) -> TuningError { .badPath(path: text, column: i + 1, reason: reason) }
        func isNameStart(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isNameChar(_ c: Character) -> Bool { isNameStart(c) || (c.isASCII && c.isNumber) }
        guard !chars.isEmpty else { throw fail("the path is empty") }
        var expectName = true
        while i < chars.count {
            if expectName {
                guard isNameStart(chars[i]) else {
                    throw fail("expected a field name, found \"\(chars[i])\"")
                }
                let start = i
                while i < chars.count, isNameChar(chars[i]) { i += 1 }
                components.append(.member(String(chars[start..<i])))
                expectName = false
            } else if chars[i] == "." {
                i += 1
                guard i < chars.count else { throw fail("the path ends after a dot") }
                expectName = true
            } else if chars[i] == "[" {
                i += 1
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                guard i > start else { throw fail("expected an index (0, 1, …) after \"[\"") }
                guard i - start <= 6, let index = Int(String(chars[start..<i])) else {
                    throw fail("the index \(String(chars[start..<i])) is too large")
                }
                guard i < chars.count, chars[i] == "]" else { throw fail("expected \"]\" after the index") }
                i += 1
                components.append(.index(index))
            } else {
                throw fail("expected \".\" or \"[\" after \(JSONPath(components)), found \"\(chars[i])\"")
            }
        }
        if case .member(let first)? = components.first, PolicyFieldPath.informational.contains(first) {
            throw .fieldNotVariable(path: text, reason: "\(first) describes the policy and does not change what it does, so sweeping it changes nothing; vary a field such as escalation.daysPastDue or tiers[0].below")
        }
        self.components = components
    }

    public var description: String { text }

    /// The value at this path in `json`: the number there, or nil when the field is `null`.
    /// - Throws: `TuningError.fieldNotVariable` naming the first part of the path that does not
    ///   exist, or the field when it is neither a number nor `null`.
    /// - Complexity: O(depth + members on the way).
    public func number(in json: JSONValue) throws(TuningError) -> JSONNumber? {
        let value = try resolve(in: json)
        switch value {
        case .number(let n): return n
        case .null: return nil
        default:
            throw .fieldNotVariable(path: text, reason: "it is \(Self.article(value.typeName)) \(value.typeName), not a number; only numeric fields can be varied")
        }
    }

    /// `json` with the field at this path replaced by `value`.
    /// - Throws: as `number(in:)`.
    public func setting(_ value: JSONNumber, in json: JSONValue) throws(TuningError) -> JSONValue {
        _ = try number(in: json)
        return Self.replace(json, components[...], with: .number(value))
    }

    private static func article(_ word: String) -> String {
        ["a", "e", "i", "o", "u"].contains(word.first.map(String.init) ?? "") ? "an" : "a"
    }

    private func resolve(in json: JSONValue) throws(TuningError) -> JSONValue {
        var current = json
        var walked = JSONPath()
        for component in components {
            let here = walked.description
            switch component {
            case .member(let name):
                guard case .object(let members) = current else {
                    throw .fieldNotVariable(path: text, reason: walked.components.isEmpty
                        ? "the policy is not an object"
                        : "\(here) is \(Self.article(current.typeName)) \(current.typeName), so it has no field \"\(name)\"")
                }
                guard let member = members.first(where: { $0.name == name }) else {
                    let names = members.map(\.name).joined(separator: ", ")
                    let place = walked.components.isEmpty ? "the policy has" : "\(here) has"
                    var reason = "\(place) no field \"\(name)\" (it has: \(names))"
                    if name == "below", case .index = walked.components.last {
                        reason = "\(here) has no \"below\": the last tier has no bound"
                    }
                    throw .fieldNotVariable(path: text, reason: reason)
                }
                current = member.value
            case .index(let index):
                guard case .array(let elements) = current else {
                    throw .fieldNotVariable(path: text, reason: "\(here) is \(Self.article(current.typeName)) \(current.typeName), not an array, so [\(index)] does not exist")
                }
                guard index < elements.count else {
                    throw .fieldNotVariable(path: text, reason: "\(here) has \(elements.count) element\(elements.count == 1 ? "" : "s") (indices 0…\(max(0, elements.count - 1))), so [\(index)] does not exist")
                }
                current = elements[index]
            }
            walked = JSONPath(walked.components + [component])
        }
        return current
    }

    private static func replace(_ json: JSONValue, _ rest: ArraySlice<JSONPath.Component>, with value: JSONValue) -> JSONValue {
        guard let head = rest.first else { return value }
        switch (head, json) {
        case (.member(let name), .object(var members)):
            if let k = members.firstIndex(where: { $0.name == name }) {
                members[k].value = replace(members[k].value, rest.dropFirst(), with: value)
            }
            return .object(members)
        case (.index(let index), .array(var elements)) where index < elements.count:
            elements[index] = replace(elements[index], rest.dropFirst(), with: value)
            return .array(elements)
        default:
            return json  // unreachable after `number(in:)` succeeded
        }
    }
}
