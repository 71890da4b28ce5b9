import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// Bounded, seeded fuzzing of the parser, decoder, validator and engine: random byte edits and
/// random tree edits of the example policies. None may crash or hang; every refusal is a
/// `PolicyError` that names where the problem is; every accepted policy is valid, has a stable
/// canonical JSON that decodes back to it, and gets deterministic decisions (`exercise`). The seed comes from `RECOUP_FUZZ_SEED` (`FuzzSettings`; every
/// failure names it); the signature side is `SignatureFuzzTests`.
@Suite struct PolicyFuzzTests {
    static func randomValue(_ g: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &g) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &g))
        case 2: return .number(JSONNumber([0, -1, 1, 2, 7, 0.5, 1e300, -1e300, 1e-300, 999_999, 2_000_000, 0.2, 120].randomElement(using: &g)!))
        case 3: return .string(["", "email", "call", "voice_agent", "firm", "low", "high", "x\u{0}y", "é", "2026-01-01"].randomElement(using: &g)!)
        case 4: return .number(JSONNumber(Double(Int.random(in: -200...200, using: &g))))
        case 5: return .array((0..<Int.random(in: 0...3, using: &g)).map { _ in randomValue(&g, depth: depth + 1) })
        case 6:
            let names = ["day", "channel", "tone", "actor", "name", "below", "features", "zzz"]
            var seen = Set<String>()
            return .object((0..<Int.random(in: 0...3, using: &g)).compactMap { _ in
                let n = names.randomElement(using: &g)!
                return seen.insert(n).inserted ? JSONMember(n, randomValue(&g, depth: depth + 1)) : nil
            })
        default: return .array([randomValue(&g, depth: depth + 1)])
        }
    }

    /// Replaces one random node of `value` with `replacement(…)`.
    static func mutate(_ value: JSONValue, _ g: inout SplitMix64) -> JSONValue {
        switch value {
        case .object(var members) where !members.isEmpty && Int.random(in: 0..<4, using: &g) != 0:
            let i = Int.random(in: 0..<members.count, using: &g)
            switch Int.random(in: 0..<6, using: &g) {
            case 0: members.remove(at: i)
            case 1: members[i].name += "x"
            default: members[i].value = mutate(members[i].value, &g)
            }
            return .object(members)
        case .array(var elements) where !elements.isEmpty && Int.random(in: 0..<4, using: &g) != 0:
            let i = Int.random(in: 0..<elements.count, using: &g)
            switch Int.random(in: 0..<5, using: &g) {
            case 0: elements.remove(at: i)
            case 1: elements.append(elements[i])
            default: elements[i] = mutate(elements[i], &g)
            }
            return .array(elements)
        default:
            return randomValue(&g)
        }
    }

    /// Loads `data` and checks the properties every outcome must have. An accepted policy is
    /// valid; its canonical JSON decodes to the same policy and re-encodes to the same bytes;
    /// and the engine decides the same days twice over from fresh states. A refusal is a
    /// `PolicyError` that says where: a line and column for syntax, a field path (never empty)
    /// for a field, at least one problem with its field path for an invalid policy.
    /// - Returns: whether the policy was accepted.
    static func exercise(_ data: Data) -> Bool {
        let seed = FuzzSettings.current
        do {
            let doc = try PolicyDocument.load(data: data, signature: .unverifiedForAnalysis(trustedKeys: []))
            #expect(doc.policy.validate().isEmpty, "\(seed)")
            let canonical = CanonicalJSON.bytes(of: doc.policy.jsonValue)
            let again = try Policy(json: try JSONParser.parse(Data(canonical)))
            #expect(again == doc.policy, "\(seed): the accepted policy does not round-trip")
            #expect(CanonicalJSON.bytes(of: again.jsonValue) == canonical, "\(seed): the canonical form is not stable")
            let engine = try PolicyEngine(doc.policy)
            #expect(decisions(engine) == decisions(engine), "\(seed): the same facts gave different decisions")
            return true
        } catch {
            switch error {
            case .syntax(let line, let column, let path, let reason):
                #expect(line >= 1 && column >= 1 && !path.isEmpty && !reason.isEmpty, "\(seed): \(error)")
            case .field(let path, let reason):
                #expect(!path.isEmpty && !reason.isEmpty, "\(seed): \(error)")
            case .invalid(let problems):
                #expect(!problems.isEmpty, "\(seed): an invalid policy with no problem listed")
                #expect(problems.allSatisfy { !$0.path.isEmpty && !$0.message.isEmpty }, "\(seed): \(error)")
            case .tooLarge, .signature, .unreadable, .unsigned, .untrustedKey, .keyFile:
                #expect(!error.description.isEmpty, "\(seed)")
            }
            return false
        }
    }

    /// The engine's decisions for one invoice of 1,000.00 due 2026-03-02, from 20 days before
    /// due until write-off or 130 days after, as text (one line a day) and the final state.
    static func decisions(_ engine: PolicyEngine) -> ([String], InvoicePolicyState) {
        var state = engine.makeState(risk: 0.3)
        var decision = DayDecision()
        var lines: [String] = []
        let due = Day(year: 2026, month: 3, day: 2)!
        for offset in -20...130 {
            engine.decide(&state, InvoiceDayFacts(day: due + offset, dueOn: due, openBalance: Money(minorUnits: 1_000_00)), into: &decision)
            lines.append("\(decision.day.iso) writeOff \(decision.writeOff) held \(decision.isHeld) escalated \(decision.escalatedToday) \(Array(decision))")
            if decision.writeOff { break }
        }
        return (lines, state)
    }

    @Test func treeMutationsNeverCrash() throws {
        var g = FuzzSettings.current.generator(salt: 2026)
        let bases = try PolicyTemplate.allCases.map { try JSONParser.parse(Data($0.fileContents.utf8)) }
        var accepted = 0
        for i in 0..<1500 {
            var doc = bases[i % bases.count]
            for _ in 0..<Int.random(in: 1...3, using: &g) { doc = Self.mutate(doc, &g) }
            if Self.exercise(Data(PrettyJSON.string(of: doc).utf8)) { accepted += 1 }
        }
        // Some mutations (e.g. a changed name or tone) leave a valid policy: the engine ran on them.
        #expect(accepted > 20, "\(FuzzSettings.current)")
    }

    @Test func byteMutationsNeverCrash() {
        var g = FuzzSettings.current.generator(salt: 4)
        let texts = PolicyTemplate.allCases.map { Array($0.fileContents.utf8) }
        let alphabet = Array("{}[]\":,-.0123456789eEtrufalsn \\u\n".utf8) + [0x00, 0xFF, 0xC3, 0xA9]
        for i in 0..<1500 {
            var bytes = texts[i % texts.count]
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                let at = Int.random(in: 0..<bytes.count, using: &g)
                switch Int.random(in: 0..<3, using: &g) {
                case 0: bytes[at] = alphabet.randomElement(using: &g)!
                case 1: bytes.insert(alphabet.randomElement(using: &g)!, at: at)
                default: bytes.remove(at: at)
                }
            }
            _ = Self.exercise(Data(bytes))
        }
    }

    @Test func randomDocumentsNeverCrash() {
        var g = FuzzSettings.current.generator(salt: 8)
        for _ in 0..<1000 {
            _ = Self.exercise(Data(PrettyJSON.string(of: Self.randomValue(&g)).utf8))
            _ = Self.exercise(Data((0..<Int.random(in: 0...64, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }))
        }
    }
}
