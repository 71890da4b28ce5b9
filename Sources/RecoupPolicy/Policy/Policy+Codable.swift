/// `Codable` through the strict decoder, for callers that embed a policy in their own Codable
/// values. Decoding this way cannot see duplicate member names (`JSONDecoder` hides them);
/// read policy files with `PolicyDocument.load`, which also checks the signature.
extension Policy: Codable {
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        do {
            self = try Policy(json: json)
            try checkValid()
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws { try jsonValue.encode(to: encoder) }
}

extension JSONValue: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            // Member order is not available through Decoder; sort for determinism.
            self = .object(try keyed.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                JSONMember($0.stringValue, try keyed.decode(JSONValue.self, forKey: $0))
            })
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !unkeyed.isAtEnd { elements.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(elements)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null } else if let b = try? single.decode(Bool.self) { self = .bool(b) } else if let d = try? single.decode(Double.self) {
                self = .number(JSONNumber(d))
            } else { self = .string(try single.decode(String.self)) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer(); try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer(); try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if n.value.rounded() == n.value, abs(n.value) < 9e15 { try c.encode(Int64(n.value)) } else { try c.encode(n.value) }
        case .string(let s):
            var c = encoder.singleValueContainer(); try c.encode(s)
        case .array(let elements):
            var c = encoder.unkeyedContainer()
            for e in elements { try c.encode(e) }
        case .object(let members):
            var c = encoder.container(keyedBy: Key.self)
            for m in members { try c.encode(m.value, forKey: Key(stringValue: m.name)) }
        }
    }
}
