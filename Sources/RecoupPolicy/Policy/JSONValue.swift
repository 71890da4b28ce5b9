/// A parsed JSON document as a value tree that keeps what the policy file needs and
/// `JSONSerialization` loses: object members in document order, the exact text of every
/// number, and a guarantee (from `JSONParser`) that no object has two members with one name.
///
/// The canonical form that signatures cover (`CanonicalJSON`) and the strict policy decoder
/// both work on this tree.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    /// Members in document order; names are unique.
    case object([JSONMember])

    /// The member named `name` of an object, or `nil` (also for non-objects).
    public subscript(member name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.name == name }?.value
    }

    /// The JSON type's name as a user reads it in an error message: `object`, `array`,
    /// `string`, `number`, `boolean` or `null`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// An object without its member `name` (the value itself when it has none or is no object).
    public func removingMember(_ name: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.name != name })
    }
}

/// One `"name": value` member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var name: String
    public var value: JSONValue
    public init(_ name: String, _ value: JSONValue) { self.name = name; self.value = value }
}

/// A JSON number: its text as written (for exact decimal conversion, e.g. to `Money`) and its
/// value as the nearest `Double` (always finite: the parser refuses numbers out of range).
public struct JSONNumber: Sendable, Equatable {
    /// The number's text exactly as in the document, e.g. `-3`, `0.25`, `1e3`.
    public var text: String
    /// The nearest binary64 value.
    public var value: Double

    public init(text: String, value: Double) { self.text = text; self.value = value }

    /// A number written from a `Double` (shortest round-trip text).
    public init(_ value: Double) {
        self.value = value
        self.text = CanonicalJSON.numberText(value)
    }

    /// A number written from an integer.
    public init(_ value: Int) {
        self.value = Double(value)
        self.text = String(value)
    }

    /// Two numbers are equal when their values are (`1.0` equals `1`).
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.value == rhs.value }
}

/// A location inside a JSON document, printed as `cadences.high[2].channel` (the root is `$`).
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Component: Sendable, Equatable {
        case member(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// This path extended by a member name.
    public func appending(_ name: String) -> JSONPath { JSONPath(components + [.member(name)]) }
    /// This path extended by an array index.
    public func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    public var description: String {
        if components.isEmpty { return "$" }
        var out = ""
        for component in components {
            switch component {
            case .index(let i): out += "[\(i)]"
            case .member(let name):
                let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
                    ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
                }
                if plain {
                    out += out.isEmpty ? name : "." + name
                } else {
                    out += "[\"" + name.replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
                }
            }
        }
        return out
    }
}
