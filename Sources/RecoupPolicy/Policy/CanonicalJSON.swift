/// The canonical form of a JSON value: the bytes a policy signature covers (docs/policy.md,
/// "Canonical form").
///
/// - Objects: members sorted by name, comparing names as sequences of UTF-8 bytes.
/// - No white space outside strings.
/// - Strings: UTF-8; `"` and `\` escaped as `\"` and `\\`; U+0008, U+0009, U+000A, U+000C,
///   U+000D as `\b`, `\t`, `\n`, `\f`, `\r`; other characters below U+0020 as `\u00xx` (lower-case
///   hex); everything else (including `/` and non-ASCII) as itself.
/// - Numbers: the shortest decimal that reads back as the same binary64 value (`numberText`).
/// - `true`, `false`, `null` as themselves.
///
/// Re-formatting a file (indentation, member order, `1.50` vs `1.5`, escapes such as `\u0041`
/// for `A`) leaves the canonical form unchanged; changing any value changes it.
public enum CanonicalJSON {
    /// The canonical UTF-8 bytes of `value`.
    /// - Complexity: O(n log n) in the number of members (sorting).
    public static func bytes(of value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, into: &out)
        return out
    }

    /// `text` as a JSON string literal, escaped as in the canonical form: for writers of JSON
    /// text elsewhere (reports), so every JSON Recoup prints escapes strings the same way.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        writeString(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The canonical form of `value` as a string.
    public static func string(of value: JSONValue) -> String {
        String(decoding: bytes(of: value), as: UTF8.self)
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: numberText(n.value).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            for (i, member) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.name, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `s` as a JSON string literal with the canonical escapes.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The shortest decimal text that reads back as `value` (which must be finite).
    ///
    /// The digits are Swift's shortest round-trip digits (`Double.description`); the text is
    /// then normalised: `-0` is `0`; a trailing `.0` is dropped (`120`, not `120.0`); an
    /// exponent is written `e` then an optional `-` then its digits without leading zeros
    /// (`1e-7`, `1e16`). Swift uses plain notation for magnitudes in [1e-4, 2^53) and
    /// exponent notation `d.ddde±x` outside it (2^53 itself is plain).
    public static func numberText(_ value: Double) -> String {
        if value == 0 { return "0" }
        let text = value.description
        var mantissa = Substring(text)
        var exponent: Substring = ""
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = text[text.index(after: e)...]
        }
        if mantissa.hasSuffix(".0") { mantissa = mantissa.dropLast(2) }
        guard !exponent.isEmpty else { return String(mantissa) }
        var negative = false
        if exponent.first == "+" { exponent = exponent.dropFirst() } else if exponent.first == "-" {
            negative = true
            exponent = exponent.dropFirst()
        }
        while exponent.count > 1, exponent.first == "0" { exponent = exponent.dropFirst() }
        return String(mantissa) + "e" + (negative ? "-" : "") + String(exponent)
    }
}

/// Human-oriented JSON output: two-space indentation, members in the order given, short
/// arrays of scalars and small objects of scalars on one line. Used to write policy files and
/// key files; the result parses back to the same `JSONValue`.
public enum PrettyJSON {
    /// `value` as indented text ending in a newline.
    public static func string(of value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out + "\n"
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: return false
        default: return true
        }
    }

    private static func inline(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements): return "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .object(let members):
            return "{ " + members.map { scalarString($0.name) + ": " + inline($0.value) }.joined(separator: ", ") + " }"
        case .number(let n): return n.text
        default: return String(decoding: CanonicalJSON.bytes(of: value), as: UTF8.self)
        }
    }

    private static func scalarString(_ s: String) -> String {
        var bytes: [UInt8] = []
        CanonicalJSON.writeString(s, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func fitsOnOneLine(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let elements): return elements.allSatisfy(isScalar) && inline(value).count <= 80
        case .object(let members):
            return !members.isEmpty && members.allSatisfy { isScalar($0.value) } && inline(value).count <= 72
        default: return true
        }
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        switch value {
        case .array(let elements) where !elements.isEmpty && !fitsOnOneLine(value):
            out += "[\n"
            for (i, element) in elements.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += i + 1 < elements.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members) where !members.isEmpty && (indent == 0 || !fitsOnOneLine(value)):
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += pad + scalarString(member.name) + ": "
                write(member.value, indent: indent + 1, into: &out)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        default:
            out += inline(value)
        }
    }
}
