import Foundation
import RecoupPolicy

/// A coding key for any string, used to find keys the cost model does not know.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// Helpers for strict, path-naming decoding of the cost file.
struct StrictObject {
    let container: KeyedDecodingContainer<AnyCodingKey>
    let path: [CodingKey]

    init(_ decoder: any Decoder, known: [String]) throws {
        container = try decoder.container(keyedBy: AnyCodingKey.self)
        path = decoder.codingPath
        let knownSet = Set(known)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !knownSet.contains(key.stringValue) {
            throw CostModelError.unknownKey(file: "", path: StrictObject.text(path + [key]))
        }
    }

    static func text(_ path: [CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }

    func pathText(_ key: String) -> String { StrictObject.text(path + [AnyCodingKey(key)]) }

    /// A money amount written as a decimal string (`"0.12"`) or a JSON number (`0.12`), ≥ 0.
    func money(_ key: String, _ current: Money) throws -> Money {
        let k = AnyCodingKey(key)
        guard container.contains(k) else { return current }
        let text: String
        if let s = try? container.decode(String.self, forKey: k) { text = s } else if let d = try? container.decode(Double.self, forKey: k) {
            text = String(d)
        } else {
            throw CostModelError.invalidValue(file: "", path: pathText(key), reason: "expected an amount such as \"0.12\"")
        }
        do {
            let m = try Money(decimal: text)
            guard m >= .zero else {
                throw CostModelError.invalidValue(file: "", path: pathText(key), reason: "\"\(text)\" is negative")
            }
            return m
        } catch let error as MoneyParseError {
            throw CostModelError.invalidValue(file: "", path: pathText(key), reason: error.description)
        }
    }

    /// An optional money amount (`null` = none).
    func optionalMoney(_ key: String, _ current: Money?) throws -> Money? {
        let k = AnyCodingKey(key)
        guard container.contains(k) else { return current }
        if try container.decodeNil(forKey: k) { return nil }
        return try money(key, current ?? .zero)
    }

    /// A non-negative finite number.
    func number(_ key: String, _ current: Double) throws -> Double {
        let k = AnyCodingKey(key)
        guard container.contains(k) else { return current }
        guard let d = try? container.decode(Double.self, forKey: k), d.isFinite, d >= 0 else {
            throw CostModelError.invalidValue(file: "", path: pathText(key), reason: "expected a non-negative number")
        }
        return d
    }

    func bool(_ key: String, _ current: Bool) throws -> Bool {
        let k = AnyCodingKey(key)
        guard container.contains(k) else { return current }
        guard let b = try? container.decode(Bool.self, forKey: k) else {
            throw CostModelError.invalidValue(file: "", path: pathText(key), reason: "expected true or false")
        }
        return b
    }

    func nested<T: Decodable>(_ key: String, _ current: T) throws -> T {
        let k = AnyCodingKey(key)
        guard container.contains(k) else { return current }
        return try container.decode(T.self, forKey: k)
    }
}

extension CostModel: Codable {
    static let keys = ["email", "sms", "voiceAgentPerMinute", "voiceAgentMinutes", "letter", "hourlyRate", "humanMinutes",
                       "paymentFees", "includeFees", "costOfCapital"]

    /// Decodes a cost file: every key optional (SPEC §5 defaults), unknown keys an error naming them.
    public init(from decoder: any Decoder) throws {
        self.init()
        let o = try StrictObject(decoder, known: CostModel.keys)
        email = try o.money("email", email)
        sms = try o.money("sms", sms)
        voiceAgentPerMinute = try o.money("voiceAgentPerMinute", voiceAgentPerMinute)
        voiceAgentMinutes = try o.number("voiceAgentMinutes", voiceAgentMinutes)
        letter = try o.money("letter", letter)
        hourlyRate = try o.money("hourlyRate", hourlyRate)
        humanMinutes = try o.nested("humanMinutes", humanMinutes)
        paymentFees = try o.nested("paymentFees", paymentFees)
        includeFees = try o.bool("includeFees", includeFees)
        costOfCapital = try o.number("costOfCapital", costOfCapital)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(email.decimalString, forKey: .init("email"))
        try c.encode(sms.decimalString, forKey: .init("sms"))
        try c.encode(voiceAgentPerMinute.decimalString, forKey: .init("voiceAgentPerMinute"))
        try c.encode(voiceAgentMinutes, forKey: .init("voiceAgentMinutes"))
        try c.encode(letter.decimalString, forKey: .init("letter"))
        try c.encode(hourlyRate.decimalString, forKey: .init("hourlyRate"))
        try c.encode(humanMinutes, forKey: .init("humanMinutes"))
        try c.encode(paymentFees, forKey: .init("paymentFees"))
        try c.encode(includeFees, forKey: .init("includeFees"))
        try c.encode(costOfCapital, forKey: .init("costOfCapital"))
    }

    /// Loads a cost file (docs/costs.md).
    /// - Throws: `CostModelError` naming the file and the JSON path of a bad or unknown key.
    public static func load(contentsOf url: URL) throws(CostModelError) -> CostModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(file: url.path, reason: error.localizedDescription) }
        return try decode(data, file: url.path)
    }

    /// Decodes cost-file JSON; `file` names the source in errors.
    public static func decode(_ data: Data, file: String = "costs.json") throws(CostModelError) -> CostModel {
        do { return try JSONDecoder().decode(CostModel.self, from: data) } catch let error as CostModelError {
            throw error.inFile(file)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw .malformedJSON(file: file, reason: context.debugDescription)
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidValue(file: file, path: StrictObject.text(context.codingPath), reason: "expected an object")
        } catch {
            throw .malformedJSON(file: file, reason: String(describing: error))
        }
    }
}

extension CostModel.HumanMinutes: Codable {
    static let keys = ["email", "sms", "call", "letter", "copilotReview", "dispute", "promiseFollowUp",
                       "reconciliationException"]

    public init(from decoder: any Decoder) throws {
        self.init()
        let o = try StrictObject(decoder, known: Self.keys)
        email = try o.number("email", email)
        sms = try o.number("sms", sms)
        call = try o.number("call", call)
        letter = try o.number("letter", letter)
        copilotReview = try o.number("copilotReview", copilotReview)
        dispute = try o.number("dispute", dispute)
        promiseFollowUp = try o.number("promiseFollowUp", promiseFollowUp)
        reconciliationException = try o.number("reconciliationException", reconciliationException)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        let values = [email, sms, call, letter, copilotReview, dispute, promiseFollowUp, reconciliationException]
        for (k, v) in zip(Self.keys, values) { try c.encode(v, forKey: .init(k)) }
    }
}

extension PaymentFees: Codable {
    static let keys = ["card", "ach", "check", "wire", "other"]

    public init(from decoder: any Decoder) throws {
        self.init()
        let o = try StrictObject(decoder, known: Self.keys)
        card = try o.nested("card", card)
        ach = try o.nested("ach", ach)
        check = try o.nested("check", check)
        wire = try o.nested("wire", wire)
        other = try o.nested("other", other)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        for (k, v) in zip(Self.keys, [card, ach, check, wire, other]) { try c.encode(v, forKey: .init(k)) }
    }
}

extension FeeRule: Codable {
    /// `{"percent": "2.9", "fixed": "0.30", "cap": null}`; percent has at most 2 decimals.
    public init(from decoder: any Decoder) throws {
        self.init(basisPoints: 0)
        let o = try StrictObject(decoder, known: ["percent", "fixed", "cap"])
        basisPoints = try o.money("percent", Money(minorUnits: basisPoints)).minorUnits
        fixed = try o.money("fixed", fixed)
        cap = try o.optionalMoney("cap", cap)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(Money(minorUnits: basisPoints).decimalString, forKey: .init("percent"))
        try c.encode(fixed.decimalString, forKey: .init("fixed"))
        if let cap { try c.encode(cap.decimalString, forKey: .init("cap")) } else { try c.encodeNil(forKey: .init("cap")) }
    }
}
