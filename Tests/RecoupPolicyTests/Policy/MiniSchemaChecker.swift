import Foundation
@testable import RecoupPolicy

/// A checker for the subset of JSON Schema (2020-12) that docs/policy-v1.schema.json uses:
/// `type` (a name or a list), `const`, `enum`, `properties`, `required`,
/// `additionalProperties` (false or a schema), `items`, `minItems`, `maxItems`, `minimum`,
/// `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `minLength`, `maxLength`,
/// `pattern` and local `$ref`s (`#/$defs/…`). Annotations (`title`, `description`, `$id`,
/// `$schema`) are ignored; any other keyword is reported, so the schema cannot silently use
/// more than this checks.
struct MiniSchemaChecker {
    let root: JSONValue

    static let known: Set<String> = [
        "$schema", "$id", "$defs", "title", "description", "type", "const", "enum", "properties", "required",
        "additionalProperties", "items", "minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "$ref",
    ]

    /// Every violation as `path: reason`; empty when `value` conforms.
    func errors(_ value: JSONValue) -> [String] {
        var out: [String] = []
        check(value, against: root, path: "$", into: &out)
        return out
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard case .string(let ref)? = schema[member: "$ref"] else { return schema }
        var node = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node[member: String(part)] ?? .null }
        return node
    }

    private static func typeMatches(_ name: String, _ value: JSONValue) -> Bool {
        switch (name, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("number", .number): return true
        case ("integer", .number(let n)): return n.value.rounded() == n.value
        default: return false
        }
    }

    private func check(_ value: JSONValue, against rawSchema: JSONValue, path: String, into out: inout [String]) {
        let schema = resolve(rawSchema)
        guard case .object(let keywords) = schema else { return }
        for k in keywords where !Self.known.contains(k.name) { out.append("schema uses unsupported keyword \(k.name)") }
        if let type = schema[member: "type"] {
            let names: [String]
            switch type {
            case .string(let s): names = [s]
            case .array(let a): names = a.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default: names = []
            }
            if !names.contains(where: { Self.typeMatches($0, value) }) { out.append("\(path): not of type \(names)"); return }
        }
        if let c = schema[member: "const"], c != value { out.append("\(path): not \(CanonicalJSON.string(of: c))") }
        if case .array(let options)? = schema[member: "enum"], !options.contains(value) { out.append("\(path): not in enum") }
        func number(_ key: String) -> Double? { if case .number(let n)? = schema[member: key] { n.value } else { nil } }
        if case .number(let n) = value {
            let x = n.value
            if let m = number("minimum"), x < m { out.append("\(path): below minimum") }
            if let m = number("maximum"), x > m { out.append("\(path): above maximum") }
            if let m = number("exclusiveMinimum"), x <= m { out.append("\(path): not above exclusiveMinimum") }
            if let m = number("exclusiveMaximum"), x >= m { out.append("\(path): not below exclusiveMaximum") }
            if let m = number("multipleOf") {
                let q = x / m
                if !q.isFinite || abs(q - q.rounded()) > 1e-9 * max(1, abs(q)) { out.append("\(path): not a multiple of \(m)") }
            }
        }
        if case .string(let s) = value {
            if let m = number("minLength"), Double(s.count) < m { out.append("\(path): too short") }
            if let m = number("maxLength"), Double(s.count) > m { out.append("\(path): too long") }
            if case .string(let pattern)? = schema[member: "pattern"] {
                if s.range(of: pattern, options: .regularExpression) == nil { out.append("\(path): does not match \(pattern)") }
            }
        }
        if case .array(let elements) = value {
            if let m = number("minItems"), Double(elements.count) < m { out.append("\(path): too few items") }
            if let m = number("maxItems"), Double(elements.count) > m { out.append("\(path): too many items") }
            if let items = schema[member: "items"] {
                for (i, e) in elements.enumerated() { check(e, against: items, path: "\(path)[\(i)]", into: &out) }
            }
        }
        if case .object(let members) = value {
            if case .array(let required)? = schema[member: "required"] {
                for case .string(let name) in required where !members.contains(where: { $0.name == name }) {
                    out.append("\(path): missing \(name)")
                }
            }
            let properties = schema[member: "properties"]
            for m in members {
                if let p = properties?[member: m.name] {
                    check(m.value, against: p, path: "\(path).\(m.name)", into: &out)
                } else if let extra = schema[member: "additionalProperties"] {
                    if case .bool(false) = extra { out.append("\(path): unknown member \(m.name)") } else {
                        check(m.value, against: extra, path: "\(path).\(m.name)", into: &out)
                    }
                }
            }
        }
    }
}
