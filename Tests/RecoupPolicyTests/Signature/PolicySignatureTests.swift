import Crypto
import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// Signed policies: re-formatting keeps the signature valid; changing any value breaks it and
/// `PolicyDocument.load` refuses the file with a clear error.
@Suite struct PolicySignatureTests {
    static let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32))
    static var publicKey: PolicyPublicKey { try! PolicyPublicKey(rawRepresentation: Array(key.publicKey.rawRepresentation)) }

    static func signed(_ policy: Policy) throws -> JSONValue {
        try PolicyDocument.signing(policy.jsonValue, publicKey: publicKey.rawRepresentation) { Array(try key.signature(for: $0)) }
    }

    static func load(_ json: JSONValue) throws(PolicyError) -> PolicyDocument {
        try PolicyDocument.load(data: Data(PrettyJSON.string(of: json).utf8), signature: .required(trustedKeys: [publicKey]))
    }

    /// Every leaf of a JSON value with a function that changes just that leaf.
    static func leafEdits(_ value: JSONValue, path: String = "") -> [(String, JSONValue)] {
        switch value {
        case .object(let members):
            return members.indices.flatMap { i in
                leafEdits(members[i].value, path: path + "." + members[i].name).map { edit in
                    var m = members
                    m[i].value = edit.1
                    return (edit.0, JSONValue.object(m))
                }
            }
        case .array(let elements):
            return elements.indices.flatMap { i in
                leafEdits(elements[i], path: path + "[\(i)]").map { edit in
                    var e = elements
                    e[i] = edit.1
                    return (edit.0, JSONValue.array(e))
                }
            }
        case .number(let n): return [(path, .number(JSONNumber(n.value == 0 ? 1 : n.value * 2)))]
        case .string(let s): return [(path, .string(s + "x"))]
        case .bool(let b): return [(path, .bool(!b))]
        case .null: return [(path, .number(JSONNumber(1)))]
        }
    }

    @Test func signedPolicyLoadsAndSurvivesReformatting() throws {
        let json = try Self.signed(PolicyTemplate.copilot.policy)
        #expect(try Self.load(json).signatureStatus == .verified(keyId: Self.publicKey.keyId))
        // Compact canonical text, pretty text and members in reverse order all verify.
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        for text in [CanonicalJSON.string(of: json), PrettyJSON.string(of: .object(members.reversed()))] {
            let doc = try PolicyDocument.load(data: Data(text.utf8), signature: .required(trustedKeys: [Self.publicKey]))
            #expect(doc.policy.name == "tiered-copilot")
        }
    }

    @Test func flippingAnyFieldIsRefused() throws {
        let json = try Self.signed(PolicyTemplate.fixed.policy)
        let edits = Self.leafEdits(json.removingMember("signature"))
        #expect(edits.count > 30)
        for (path, edited) in edits {
            // Put the original signature back on the edited document.
            guard case .object(var m) = edited, let sig = json[member: "signature"] else { continue }
            m.append(JSONMember("signature", sig))
            do {
                _ = try Self.load(.object(m))
                Issue.record("edit at \(path) was accepted")
            } catch {
                guard case .signature(let reason) = error else { Issue.record("\(path): \(error)"); continue }
                #expect(reason.contains("changed after it was signed"), "\(path): \(reason)")
            }
        }
    }

    @Test func addedOrRemovedMembersAreRefused() throws {
        let json = try Self.signed(PolicyTemplate.fixed.policy)
        guard case .object(let members) = json else { return }
        let withExtra = JSONValue.object([JSONMember("extra", .bool(true))] + members)
        let withoutHolds = JSONValue.object(members.filter { $0.name != "holds" })
        for doc in [withExtra, withoutHolds] {
            #expect { try Self.load(doc) } throws: { error in
                guard case PolicyError.signature(let r) = error else { return false }
                return r.contains("changed after it was signed")
            }
        }
    }

    @Test func untrustedKeyUnsignedAndMalformedSignatures() throws {
        let json = try Self.signed(PolicyTemplate.fixed.policy)
        let other = try PolicyPublicKey(rawRepresentation: Array(Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 9, count: 32)).publicKey.rawRepresentation))
        let data = Data(PrettyJSON.string(of: json).utf8)
        #expect { try PolicyDocument.load(data: data, signature: .required(trustedKeys: [other])) } throws: { error in
            "\(error)".contains("not a trusted key")
        }
        let unsigned = Data(PolicyTemplate.fixed.fileContents.utf8)
        #expect { try PolicyDocument.load(data: unsigned, signature: .required(trustedKeys: [Self.publicKey])) } throws: { error in
            "\(error)".contains("not signed")
        }
        #expect(try PolicyDocument.load(data: unsigned, signature: .unverifiedForAnalysis(trustedKeys: [])).signatureStatus == .unsigned)
        #expect(try PolicyDocument.load(data: data, signature: .unverifiedForAnalysis(trustedKeys: [])).signatureStatus == .unverified(keyId: Self.publicKey.keyId))
        let garbled = PrettyJSON.string(of: json).replacingOccurrences(of: "\"alg\": \"ed25519\"", with: "\"alg\": \"rsa\"")
        #expect { try PolicyDocument.load(data: Data(garbled.utf8), signature: .required(trustedKeys: [Self.publicKey])) } throws: { error in
            "\(error)".contains("malformed")
        }
    }

    @Test func keyFilesRoundTripAndCheckTheirId() throws {
        let file = PolicyKeyFile(publicKey: Self.publicKey.rawRepresentation, privateKey: [UInt8](repeating: 7, count: 32))
        let reread = try PolicyKeyFile(fileContents: Data(file.fileContents.utf8))
        #expect(reread == file)
        #expect(try PolicyPublicKey(fileContents: Data(Self.publicKey.fileContents.utf8)) == Self.publicKey)
        #expect(Self.publicKey.keyId.count == 16)
        // keyId = first 8 bytes of SHA-512(public key), checked against swift-crypto's SHA-512.
        let expected = Crypto.SHA512.hash(data: Self.publicKey.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
        #expect(Self.publicKey.keyId == expected)
        let edited = Self.publicKey.fileContents.replacingOccurrences(of: Self.publicKey.keyId, with: "0000000000000000")
        #expect(throws: PolicyError.self) { try PolicyPublicKey(fileContents: Data(edited.utf8)) }
    }
}
