import Crypto
import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// The fuzz harness, policy side: seeded (`RECOUP_FUZZ_SEED`) and time-bounded
/// (`RECOUP_FUZZ_SECONDS`, `FuzzSettings`) mutations of signed policies and of key files.
///
/// Asserts no crash, every refusal a `PolicyError` with a message, and the property that
/// matters: no mutated signed document verifies unless its canonical signed bytes are those
/// that were signed (a whitespace or member-order change verifies; any change of content,
/// however it is spelled, does not).
@Suite struct SignatureFuzzTests {
    static let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 21, count: 32))
    static let publicKey = try! PolicyPublicKey(rawRepresentation: Array(key.publicKey.rawRepresentation))

    /// The four templates, signed, as text, with the bytes their signatures cover and the
    /// signature member.
    static let signed: [(text: [UInt8], covered: [UInt8], signature: JSONValue?)] = PolicyTemplate.allCases.map { template in
        let json = try! PolicyDocument.signing(template.policy.jsonValue, publicKey: publicKey.rawRepresentation) {
            Array(try key.signature(for: $0))
        }
        return (Array(PrettyJSON.string(of: json).utf8), PolicyDocument.signedBytes(of: json), json[member: "signature"])
    }

    /// Snippets that stress the strict parser and the signature: duplicate keys, huge numbers,
    /// deep nesting, escapes, a second signature.
    static let snippets: [String] = [
        "\"mode\": \"autonomous\", ", "\"signature\": null, ", "\"name\": \"x\", ", "1e400", "-1e309", "1e-400",
        "123456789012345678901234567890", "0.30000000000000004", "-0", "\"\\u0000\"", "\"\\ud800\"", "\u{FEFF}",
        String(repeating: "[", count: 80), String(repeating: "{\"a\":", count: 70), "NaN", "Infinity", "true", "null", ",", "}", "]",
    ]

    enum Mutation: CaseIterable { case flipBit, truncate, insertByte, insertSnippet, deleteRange, duplicateMember, replaceNumber, deepNesting, whitespace, swapLines }

    static func mutate(_ original: [UInt8], _ g: inout SplitMix64) -> (bytes: [UInt8], how: Mutation) {
        var bytes = original
        let how = Mutation.allCases.randomElement(using: &g)!
        let at = Int.random(in: 0..<bytes.count, using: &g)
        switch how {
        case .flipBit: bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &g)
        case .truncate: bytes.removeSubrange(at...)
        case .insertByte: bytes.insert(UInt8.random(in: 0...255, using: &g), at: at)
        case .insertSnippet: bytes.insert(contentsOf: Array(snippets.randomElement(using: &g)!.utf8), at: at)
        case .deleteRange: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &g)))
        case .duplicateMember:
            // Right after an opening brace: a member that may already exist there.
            let braces = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") }
            let name = ["mode", "signature", "name", "day", "below", "daysPastDue", "value", "keyId"].randomElement(using: &g)!
            let value = ["\"autonomous\"", "null", "1", "{}", "\"x\""].randomElement(using: &g)!
            if let brace = braces.randomElement(using: &g) { bytes.insert(contentsOf: Array("\"\(name)\": \(value), ".utf8), at: brace + 1) }
        case .replaceNumber:
            let digits = bytes.indices.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
            if let d = digits.randomElement(using: &g) {
                let replacement = ["1e308", "1e400", "-1e309", "99999999999999999999", "0.1e1", "1.0", "10e-1", "7"].randomElement(using: &g)!
                bytes.replaceSubrange(d...d, with: Array(replacement.utf8))
            }
        case .deepNesting:
            let depth = Int.random(in: 1...100, using: &g)
            bytes = Array(String(repeating: "[", count: depth).utf8) + bytes + Array(String(repeating: "]", count: depth).utf8)
        case .whitespace:
            // Outside strings only (after a comma or colon): the canonical bytes are unchanged.
            let places = bytes.indices.filter { bytes[$0] == UInt8(ascii: ",") || bytes[$0] == UInt8(ascii: ":") }
            if let p = places.randomElement(using: &g) { bytes.insert(contentsOf: Array(["  ", "\n", "\t", "\r\n"].randomElement(using: &g)!.utf8), at: p + 1) }
        case .swapLines:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            if lines.count > 2 {
                let i = Int.random(in: 0..<lines.count, using: &g), j = Int.random(in: 0..<lines.count, using: &g)
                lines.swapAt(i, j)
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
        }
        return (bytes, how)
    }

    @Test func mutatedSignedPoliciesVerifyOnlyWhenTheSignedBytesAreUnchanged() {
        let settings = FuzzSettings.current
        var g = settings.generator(salt: 1)
        let deadline = settings.deadline(fraction: 0.6)
        var iterations = 0, verified = 0, verifiedAfterChange = 0, refused = 0
        while Date() < deadline && iterations < 200_000 {
            let base = Self.signed[iterations % Self.signed.count]
            var (bytes, how) = Self.mutate(base.text, &g)
            if Bool.random(using: &g) { (bytes, how) = Self.mutate(bytes, &g) }
            let data = Data(bytes)
            let parsed = try? JSONParser.parse(data)
            let unchanged = parsed.map(PolicyDocument.signedBytes(of:)) == base.covered
            let intact = unchanged && parsed?[member: "signature"] == base.signature
            // Verification is slow in a debug build: checked once, under `.required`; the
            // analysis mode without keys exercises the parser and decoder on the same bytes.
            for requirement in [SignatureRequirement.required(trustedKeys: [Self.publicKey]), .unverifiedForAnalysis(trustedKeys: [])] {
                do {
                    let doc = try PolicyDocument.load(data: data, signature: requirement)
                    if doc.signatureStatus.isVerified {
                        verified += 1
                        if !unchanged { verifiedAfterChange += 1 }
                        #expect(unchanged, "\(settings), iteration \(iterations) (\(how)): a changed document verified:\n\(String(decoding: bytes, as: UTF8.self))")
                    } else if case .required = requirement {
                        Issue.record("\(settings), iteration \(iterations): .required loaded an unverified policy")
                    }
                } catch {
                    refused += 1
                    #expect(!error.description.isEmpty, "\(settings), iteration \(iterations)")
                    // A document whose signed bytes are unchanged and whose signature member is
                    // intact is never refused for its signature.
                    if intact, case .signature(let reason) = error, reason.contains("changed after it was signed") {
                        Issue.record("\(settings), iteration \(iterations) (\(how)): unchanged bytes refused: \(reason)")
                    }
                }
            }
            iterations += 1
        }
        #expect(iterations >= 20, "\(settings): only \(iterations) iterations ran")
        #expect(verifiedAfterChange == 0, "\(settings)")
        // Whitespace and line swaps inside the pretty text keep the content: some verified.
        #expect(verified > 0 && refused > 0, "\(settings): \(verified) verified, \(refused) refused in \(iterations) iterations")
    }

    @Test func mutatedKeyFilesNeverCrashAndNeverYieldAnotherKey() throws {
        let settings = FuzzSettings.current
        var g = settings.generator(salt: 2)
        let pair = PolicyKeyFile(publicKey: Self.publicKey.rawRepresentation, privateKey: [UInt8](repeating: 21, count: 32))
        let texts = [Array(Self.publicKey.fileContents.utf8), Array(pair.fileContents.utf8)]
        let deadline = settings.deadline(fraction: 0.3)
        var iterations = 0, parsed = 0
        while Date() < deadline && iterations < 200_000 {
            let (bytes, how) = Self.mutate(texts[iterations % 2], &g)
            do {
                let file = try PolicyKeyFile(fileContents: Data(bytes))
                parsed += 1
                // Only a change of spelling parses: the key (and its id, checked by the parser)
                // is the original one.
                #expect(file.publicKey == Self.publicKey.rawRepresentation, "\(settings), iteration \(iterations) (\(how))")
            } catch {
                #expect(!error.description.isEmpty, "\(settings), iteration \(iterations)")
            }
            do {
                let key = try PolicyPublicKey(fileContents: Data(bytes))
                #expect(key == Self.publicKey, "\(settings), iteration \(iterations) (\(how))")
                #expect(iterations % 2 == 0, "\(settings), iteration \(iterations): a private key file was read as a public key")
            } catch {
                #expect(!error.description.isEmpty)
            }
            iterations += 1
        }
        #expect(iterations >= 20 && parsed > 0, "\(settings): \(parsed) of \(iterations) parsed")
    }
}
