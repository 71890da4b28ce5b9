import Foundation

/// A strict RFC 8259 JSON parser for policy files and key files.
///
/// Stricter than `JSONSerialization` where a signed file needs it: a duplicate member name is
/// an error (a signature over one reading of the file must not be shown another), as are
/// `NaN`/`Infinity`, numbers outside the range of a `Double`, nesting deeper than
/// `maxDepth`, documents larger than `maxBytes`, invalid UTF-8, lone surrogates and trailing
/// content. Every error names the line, column and JSON path where it was found.
///
/// ```swift
/// let value = try JSONParser.parse(Data(#"{"a": [1, 2]}"#.utf8))
/// ```
public struct JSONParser {
    /// Nesting limit for arrays and objects.
    public static let maxDepth = 64
    /// Size limit of a document in bytes (1 MiB: a policy is a few kilobytes).
    public static let maxBytes = 1 << 20

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    private var path: [JSONPath.Component] = []

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document.
    /// - Throws: `PolicyError.tooLarge` or `PolicyError.syntax`.
    /// - Complexity: O(n) in the document's size.
    public static func parse(_ data: Data, maxBytes: Int = JSONParser.maxBytes) throws(PolicyError) -> JSONValue {
        guard data.count <= maxBytes else { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        var parser = JSONParser(bytes: [UInt8](data))
        // A UTF-8 byte-order mark is tolerated, as editors on some systems write one.
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else {
            throw parser.error("unexpected content after the end of the document")
        }
        return value
    }

    private func error(_ reason: String, at offset: Int? = nil) -> PolicyError {
        let end = min(offset ?? position, bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return .syntax(line: line, column: column, path: JSONPath(path).description, reason: reason)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the document" }
        let b = bytes[offset]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    private mutating func parseValue() throws(PolicyError) -> JSONValue {
        guard position < bytes.count else { throw error("expected a value, found the end of the document") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw error("NaN and Infinity are not JSON numbers; write a finite number")
        default:
            throw error("expected a value, found \(describeByte(at: position))")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(PolicyError) {
        let text = literal.utf8Start
        for i in 0..<literal.utf8CodeUnitCount {
            guard position + i < bytes.count, bytes[position + i] == text[i] else {
                throw error("expected \(literal), found \(describeByte(at: position + i))", at: position + i)
            }
        }
        position += literal.utf8CodeUnitCount
    }

    private mutating func enter() throws(PolicyError) {
        depth += 1
        guard depth <= JSONParser.maxDepth else {
            throw error("nesting deeper than \(JSONParser.maxDepth) levels; a policy needs at most 4")
        }
    }

    private mutating func parseObject() throws(PolicyError) -> JSONValue {
        try enter()
        position += 1
        var members: [JSONMember] = []
        var names = Set<String>()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1; depth -= 1
            return .object([])
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes, found \(describeByte(at: position))")
            }
            let nameOffset = position
            let name = try parseString()
            guard names.insert(name).inserted else {
                throw error("duplicate member \"\(name)\"; each name may appear once per object", at: nameOffset)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after member name \"\(name)\", found \(describeByte(at: position))")
            }
            position += 1
            skipWhitespace()
            path.append(.member(name))
            let value = try parseValue()
            path.removeLast()
            members.append(JSONMember(name, value))
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated object: expected ',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; break }
            throw error("expected ',' or '}' in object, found \(describeByte(at: position))")
        }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(PolicyError) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1; depth -= 1
            return .array([])
        }
        while true {
            skipWhitespace()
            path.append(.index(elements.count))
            let value = try parseValue()
            path.removeLast()
            elements.append(value)
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated array: expected ',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; break }
            throw error("expected ',' or ']' in array, found \(describeByte(at: position))")
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func parseNumber() throws(PolicyError) -> JSONNumber {
        let start = position
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[position] == UInt8(ascii: "-") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "I") {
                throw error("NaN and Infinity are not JSON numbers; write a finite number")
            }
        }
        guard isDigit(position) else { throw error("expected a digit, found \(describeByte(at: position))") }
        if bytes[position] == 0x30 {
            position += 1
            if isDigit(position) { throw error("a number may not have a leading zero") }
        } else {
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(position) else { throw error("expected a digit after the decimal point") }
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard isDigit(position) else { throw error("expected a digit in the exponent") }
            while isDigit(position) { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard text.utf8.count <= 64 else {
            throw error("number \(text.prefix(24))… has \(text.utf8.count) characters; at most 64 are accepted", at: start)
        }
        guard let value = Double(text), value.isFinite else {
            throw error("number \(text) is out of range; the largest magnitude accepted is about 1.8e308", at: start)
        }
        return JSONNumber(text: text, value: value)
    }

    private mutating func parseHex4() throws(PolicyError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw error("expected a hex digit in \\u escape, found \(describeByte(at: position))")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func parseString() throws(PolicyError) -> String {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            let b = bytes[position]
            switch b {
            case UInt8(ascii: "\""):
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw error("unterminated escape in string") }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw error("lone high surrogate \\u\(String(code, radix: 16)) in string") }
                        position += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("high surrogate not followed by a low surrogate in string")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("lone low surrogate \\u\(String(code, radix: 16)) in string")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    scalars.append(scalar)
                default:
                    throw error("invalid escape \\\(Character(Unicode.Scalar(e))) in string", at: position - 2)
                }
            case 0x00..<0x20:
                throw error("control character 0x\(String(b, radix: 16)) in string; escape it (\\n, \\t, \\u00XX)")
            case 0x00..<0x80:
                scalars.append(Unicode.Scalar(b))
                position += 1
            default:
                scalars.append(try decodeUTF8Scalar())
            }
        }
    }

    /// Decodes one multi-byte UTF-8 sequence at `position`, refusing overlong forms and surrogates.
    private mutating func decodeUTF8Scalar() throws(PolicyError) -> Unicode.Scalar {
        let lead = bytes[position]
        let count: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: count = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: count = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: count = 4; value = UInt32(lead & 0x07)
        default: throw error("invalid UTF-8 byte 0x\(String(lead, radix: 16)) in string")
        }
        guard position + count <= bytes.count else { throw error("truncated UTF-8 sequence in string") }
        for i in 1..<count {
            let c = bytes[position + i]
            guard c & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence in string") }
            value = value << 6 | UInt32(c & 0x3F)
        }
        let minimum: UInt32 = count == 2 ? 0x80 : count == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else {
            throw error("invalid UTF-8 sequence in string")
        }
        position += count
        return scalar
    }
}
