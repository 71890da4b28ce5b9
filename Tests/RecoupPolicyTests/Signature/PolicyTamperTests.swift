import Crypto
import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// Every way of stripping or editing a policy's signature, under both requirements: what is
/// refused, with which error, and what `.unverifiedForAnalysis` lets through (marked).
@Suite struct PolicyTamperTests {
    static let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 3, count: 32))
    static let publicKey = try! PolicyPublicKey(rawRepresentation: Array(key.publicKey.rawRepresentation))
    static let otherKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 5, count: 32))
    static let otherPublicKey = try! PolicyPublicKey(rawRepresentation: Array(otherKey.publicKey.rawRepresentation))

    /// The copilot template signed by `key` (or `otherKey`).
    static func signedCopilot(by signer: Curve25519.Signing.PrivateKey = key) throws -> JSONValue {
        try PolicyDocument.signing(PolicyTemplate.copilot.policy.jsonValue, publicKey: Array(signer.publicKey.rawRepresentation)) {
            Array(try signer.signature(for: $0))
        }
    }

    static func members(_ json: JSONValue) -> [JSONMember] {
        if case .object(let m) = json { return m }
        return []
    }

    /// `json` with member `name`'s value replaced by `edit(value)`.
    static func editing(_ json: JSONValue, _ name: String, _ edit: (JSONValue) -> JSONValue) -> JSONValue {
        .object(members(json).map { $0.name == name ? JSONMember(name, edit($0.value)) : $0 })
    }

    static func text(_ json: JSONValue) -> Data { Data(PrettyJSON.string(of: json).utf8) }

    static func required(_ data: Data) throws(PolicyError) -> PolicyDocument {
        try PolicyDocument.load(data: data, trustedKeys: [publicKey])
    }

    static func analysis(_ data: Data, keys: [PolicyPublicKey] = [publicKey]) throws(PolicyError) -> PolicyDocument {
        try PolicyDocument.load(data: data, signature: .unverifiedForAnalysis(trustedKeys: keys))
    }

    static func isChanged(_ error: any Error) -> Bool {
        guard case PolicyError.signature(let reason) = error else { return false }
        return reason.contains("changed after it was signed")
    }

    static func isMalformed(_ error: any Error) -> Bool {
        guard case PolicyError.signature(let reason) = error else { return false }
        return reason.contains("malformed")
    }

    @Test func theSignedFileVerifies() throws {
        let doc = try Self.required(Self.text(try Self.signedCopilot()))
        #expect(doc.signatureStatus == .verified(keyId: Self.publicKey.keyId))
        #expect(doc.signatureStatus.isVerified)
    }

    @Test func deletedSignatureIsRefusedWhereRequiredAndUnsignedOtherwise() throws {
        let stripped = Self.text(try Self.signedCopilot().removingMember("signature"))
        #expect(throws: PolicyError.unsigned) { try Self.required(stripped) }
        // The old `.ifSigned` accepted this silently; analysis loads it, marked unsigned.
        let doc = try Self.analysis(stripped)
        #expect(doc.signatureStatus == .unsigned && !doc.signatureStatus.isVerified)
    }

    @Test func changedSignatureValueIsRefusedInBothModes() throws {
        let json = try Self.signedCopilot()
        // A well-formed signature of other bytes by the same key.
        let wrong = Data(try Self.key.signature(for: Data("something else".utf8))).base64EncodedString()
        let edited = Self.text(Self.editing(json, "signature") { sig in
            .object(Self.members(sig).map { $0.name == "value" ? JSONMember("value", .string(wrong)) : $0 })
        })
        #expect { try Self.required(edited) } throws: { Self.isChanged($0) }
        #expect { try Self.analysis(edited) } throws: { Self.isChanged($0) }
        // A value that is not base64 of 64 bytes is malformed.
        let short = Self.text(Self.editing(json, "signature") { sig in
            .object(Self.members(sig).map { $0.name == "value" ? JSONMember("value", .string("AAAA")) : $0 })
        })
        #expect { try Self.analysis(short) } throws: { Self.isMalformed($0) }
    }

    @Test func changedKeyId() throws {
        let json = try Self.signedCopilot()
        func withKeyId(_ id: String) -> Data {
            Self.text(Self.editing(json, "signature") { sig in
                .object(Self.members(sig).map { $0.name == "keyId" ? JSONMember("keyId", .string(id)) : $0 })
            })
        }
        // To an unknown id: cannot be checked, so refused where required; analysis marks it.
        #expect(throws: PolicyError.untrustedKey(keyId: "0000000000000000", trusted: [Self.publicKey.keyId])) {
            try Self.required(withKeyId("0000000000000000"))
        }
        #expect(try Self.analysis(withKeyId("0000000000000000")).signatureStatus == .unverified(keyId: "0000000000000000"))
        // To another trusted key's id: checked against that key, and fails in both modes.
        let both = [Self.publicKey, Self.otherPublicKey]
        #expect { try PolicyDocument.load(data: withKeyId(Self.otherPublicKey.keyId), trustedKeys: both) } throws: { Self.isChanged($0) }
        #expect { try Self.analysis(withKeyId(Self.otherPublicKey.keyId), keys: both) } throws: { Self.isChanged($0) }
    }

    @Test(arguments: ["rsa", "ED25519", ""])
    func changedAlgIsMalformedInBothModes(alg: String) throws {
        let edited = Self.text(Self.editing(try Self.signedCopilot(), "signature") { sig in
            .object(Self.members(sig).map { $0.name == "alg" ? JSONMember("alg", .string(alg)) : $0 })
        })
        #expect { try Self.required(edited) } throws: { Self.isMalformed($0) }
        #expect { try Self.analysis(edited) } throws: { Self.isMalformed($0) }
    }

    /// Edits of the policy itself, the signature kept: refused even in analysis mode when the
    /// signer's key is trusted (a failing signature is never used).
    @Test(arguments: ["mode", "threshold", "cadenceDay", "added", "removed"])
    func editedPolicyIsRefusedInBothModes(edit: String) throws {
        let json = try Self.signedCopilot()
        let edited: JSONValue
        switch edit {
        case "mode": edited = Self.editing(json, "mode") { _ in .string("autonomous") }
        case "threshold":
            edited = Self.editing(json, "escalation") { e in
                .object(Self.members(e).map { $0.name == "daysPastDue" ? JSONMember("daysPastDue", .number(JSONNumber(44))) : $0 })
            }
        case "cadenceDay":
            edited = Self.editing(json, "cadences") { c in
                .object(Self.members(c).map { m in
                    guard m.name == "high", case .array(var steps) = m.value else { return m }
                    steps[0] = .object(Self.members(steps[0]).map { $0.name == "day" ? JSONMember("day", .number(JSONNumber(-4))) : $0 })
                    return JSONMember("high", .array(steps))
                })
            }
        case "added": edited = .object(Self.members(json) + [JSONMember("projections", .object([JSONMember("dso", .number(JSONNumber(10)))]))])
        default: edited = .object(Self.members(json).filter { $0.name != "holds" })
        }
        #expect(PolicyDocument.signedBytes(of: edited) != PolicyDocument.signedBytes(of: json))
        #expect { try Self.required(Self.text(edited)) } throws: { Self.isChanged($0) }
        #expect { try Self.analysis(Self.text(edited)) } throws: { Self.isChanged($0) }
        // Without the signer's key the edit cannot be detected: refused where required, and
        // analysis loads it only as unverified.
        #expect(throws: PolicyError.untrustedKey(keyId: Self.publicKey.keyId, trusted: [])) {
            try PolicyDocument.load(data: Self.text(edited), trustedKeys: [])
        }
        #expect(try Self.analysis(Self.text(edited), keys: []).signatureStatus == .unverified(keyId: Self.publicKey.keyId))
    }

    @Test func addedUnknownMemberIsRefused() throws {
        let json = try Self.signedCopilot()
        let edited = JSONValue.object(Self.members(json) + [JSONMember("note", .string("hello"))])
        #expect { try Self.required(Self.text(edited)) } throws: { Self.isChanged($0) }
    }

    /// The design (docs/policy.md, "Signatures"): the signature covers the canonical form, so
    /// member order, whitespace, number spelling and escapes may change and it still verifies.
    @Test func reorderedAndReformattedStillVerify() throws {
        let json = try Self.signedCopilot()
        let reversed = JSONValue.object(Self.members(json).reversed())
        var texts = [CanonicalJSON.string(of: json), PrettyJSON.string(of: reversed)]
        texts.append(PrettyJSON.string(of: json).replacingOccurrences(of: "\n", with: "\r\n  "))
        texts.append(PrettyJSON.string(of: json).replacingOccurrences(of: "\"tiered-copilot\"", with: "\"tiered-\\u0063opilot\""))
        texts.append(PrettyJSON.string(of: json).replacingOccurrences(of: "\"reviewMinutes\": 1.5", with: "\"reviewMinutes\": 1.50"))
        for text in texts {
            let doc = try Self.required(Data(text.utf8))
            #expect(doc.signatureStatus.isVerified && doc.policy.mode == .copilot)
        }
    }

    @Test func signatureMovedIntoAnotherObjectIsUnsigned() throws {
        let json = try Self.signedCopilot()
        let signature = try #require(json[member: "signature"])
        for host in ["holds", "provenance"] {
            var m = Self.members(json.removingMember("signature"))
            if let i = m.firstIndex(where: { $0.name == host }) {
                m[i] = JSONMember(host, .object(Self.members(m[i].value) + [JSONMember("signature", signature)]))
            } else {
                m.append(JSONMember(host, .object([JSONMember("signature", signature)])))
            }
            let moved = Self.text(.object(m))
            #expect(throws: PolicyError.unsigned) { try Self.required(moved) }
            // Analysis reads it as unsigned and then refuses the unknown field.
            #expect { try Self.analysis(moved) } throws: { error in
                guard case PolicyError.field(let path, _) = error else { return false }
                return path.hasSuffix("signature")
            }
        }
    }

    @Test func duplicateSignatureMembersAreASyntaxError() throws {
        let json = try Self.signedCopilot()
        let text = PrettyJSON.string(of: json)
        let signatureText = try #require(text.range(of: "\"signature\"")).lowerBound
        // Insert a second "signature" member (an unsigned-looking null) before the first.
        let doubled = text[..<signatureText] + "\"signature\": null,\n  " + text[signatureText...]
        for requirement in [SignatureRequirement.required(trustedKeys: [Self.publicKey]), .unverifiedForAnalysis(trustedKeys: [])] {
            #expect { try PolicyDocument.load(data: Data(doubled.utf8), signature: requirement) } throws: { error in
                guard case PolicyError.syntax(_, _, _, let reason) = error else { return false }
                return reason.contains("signature")
            }
        }
        // Two "mode" members (one reading copilot, the other autonomous) are refused the same way.
        let twoModes = text.replacingOccurrences(of: "\"mode\": \"copilot\"", with: "\"mode\": \"copilot\", \"mode\": \"autonomous\"")
        #expect { try Self.required(Data(twoModes.utf8)) } throws: { error in
            if case PolicyError.syntax = error { return true }
            return false
        }
    }

    @Test func signatureOfTheWrongShapeIsMalformed() throws {
        let json = try Self.signedCopilot()
        for replacement in [JSONValue.null, .string("abc"), .array([]), .object([])] {
            let edited = Self.text(Self.editing(json, "signature") { _ in replacement })
            #expect { try Self.analysis(edited) } throws: { Self.isMalformed($0) }
        }
    }

    @Test func signedByAnUntrustedKey() throws {
        let data = Self.text(try Self.signedCopilot(by: Self.otherKey))
        #expect(throws: PolicyError.untrustedKey(keyId: Self.otherPublicKey.keyId, trusted: [Self.publicKey.keyId])) {
            try Self.required(data)
        }
        #expect(throws: PolicyError.untrustedKey(keyId: Self.otherPublicKey.keyId, trusted: [])) {
            try PolicyDocument.load(data: data, trustedKeys: [])
        }
        #expect(try Self.analysis(data).signatureStatus == .unverified(keyId: Self.otherPublicKey.keyId))
        #expect(try PolicyDocument.load(data: data, trustedKeys: [Self.publicKey, Self.otherPublicKey]).signatureStatus.isVerified)
    }

    @Test func unsignedTemplateIsRefusedWhereRequired() throws {
        #expect(throws: PolicyError.unsigned) { try Self.required(Data(PolicyTemplate.fixed.fileContents.utf8)) }
        #expect(PolicyError.unsigned.description.contains("recoup policy sign --key KEY"))
    }
}
