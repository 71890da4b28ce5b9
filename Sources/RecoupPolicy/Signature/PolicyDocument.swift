import Foundation

/// How `PolicyDocument.load` treats signatures.
public enum SignatureRequirement: Sendable {
    /// The live agent: the policy must be signed by one of these keys, and verify.
    case required(trustedKeys: [PolicyPublicKey])
    /// The workbench with keys at hand: a signed policy must verify against one of these keys;
    /// an unsigned one is accepted.
    case ifSigned(trustedKeys: [PolicyPublicKey])
    /// Analysis only (no key available): the signature is not checked. Never for a live agent.
    case unchecked
}

/// What is known about a loaded policy's signature.
public enum SignatureStatus: Sendable, Equatable, CustomStringConvertible {
    case unsigned
    /// Verified against the trusted key with this id.
    case verified(keyId: String)
    /// Signed by this key id but not checked (`SignatureRequirement.unchecked`).
    case notChecked(keyId: String)

    public var description: String {
        switch self {
        case .unsigned: return "unsigned"
        case .verified(let id): return "signed by key \(id), verified"
        case .notChecked(let id): return "signed by key \(id), not verified (no public key given)"
        }
    }
}

/// A policy file as loaded: its JSON, the decoded and validated policy, and its signature
/// status. This is how the live agent and the workbench read a policy.
///
/// ```swift
/// let key = try PolicyPublicKey(fileContents: Data(contentsOf: pubURL))
/// let doc = try PolicyDocument.load(path: "policy.json", signature: .required(trustedKeys: [key]))
/// let engine = try PolicyEngine(doc.policy)
/// ```
public struct PolicyDocument: Sendable {
    public var json: JSONValue
    public var policy: Policy
    public var signatureStatus: SignatureStatus

    /// Reads, verifies, decodes and validates a policy file, in that order: the signature is
    /// checked on the raw document first, so a tampered file is reported as tampered even
    /// when the change also breaks decoding.
    /// - Throws: `PolicyError` (`tooLarge`, `syntax`, `signature`, `field`, `invalid`).
    public static func load(data: Data, signature requirement: SignatureRequirement) throws(PolicyError) -> PolicyDocument {
        let json = try JSONParser.parse(data)
        var status = SignatureStatus.unsigned
        if let sig = json[member: "signature"] {
            let keyId = (sig[member: "keyId"]).flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "?"
            switch requirement {
            case .unchecked:
                status = .notChecked(keyId: keyId)
            case .required(let keys), .ifSigned(let keys):
                try verify(json, signature: sig, keyId: keyId, trustedKeys: keys)
                status = .verified(keyId: keyId)
            }
        } else if case .required = requirement {
            throw .signature("the policy is not signed; the live agent loads only signed policies (sign it with `recoup policy sign --key KEY`)")
        }
        let policy = try Policy(json: json)
        try policy.checkValid()
        return PolicyDocument(json: json, policy: policy, signatureStatus: status)
    }

    /// Reads a policy file from disk, refusing a file larger than a policy can be before
    /// reading it.
    public static func load(path: String, signature requirement: SignatureRequirement) throws(PolicyError) -> PolicyDocument {
        try load(data: try readFile(path, limit: JSONParser.maxBytes), signature: requirement)
    }

    /// The contents of a file of at most `limit` bytes.
    public static func readFile(_ path: String, limit: Int) throws(PolicyError) -> Data {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .unreadable(path: path, reason: "no such file, or it cannot be read")
        }
        guard size <= limit else { throw .tooLarge(bytes: size, limit: limit) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "it cannot be read")
        }
        guard data.count <= limit else { throw .tooLarge(bytes: data.count, limit: limit) }
        return data
    }

    /// The bytes a policy signature covers: the canonical form (`CanonicalJSON`) of the whole
    /// document without its `signature` member.
    public static func signedBytes(of json: JSONValue) -> [UInt8] {
        CanonicalJSON.bytes(of: json.removingMember("signature"))
    }

    static func verify(_ json: JSONValue, signature: JSONValue, keyId: String, trustedKeys: [PolicyPublicKey]) throws(PolicyError) {
        guard case .object = signature,
              case .string(let alg)? = signature[member: "alg"], alg == "ed25519",
              case .string(let value)? = signature[member: "value"], let bytes = Base64.decode(value), bytes.count == 64
        else {
            throw .signature("the signature member is malformed: it needs \"alg\": \"ed25519\", \"keyId\" and a base64 64-byte \"value\"")
        }
        guard let key = trustedKeys.first(where: { $0.keyId == keyId }) else {
            let known = trustedKeys.isEmpty ? "none given" : trustedKeys.map(\.keyId).joined(separator: ", ")
            throw .signature("the policy is signed by key \(keyId), which is not a trusted key (trusted: \(known)); pass that key's public key file")
        }
        guard key.isValidSignature(bytes, of: signedBytes(of: json)) else {
            throw .signature("the signature by key \(keyId) does not match the contents: the policy was changed after it was signed. Restore the signed file or sign the new one")
        }
    }
}

extension PolicyDocument {
    /// `json` with a `signature` member (replacing any) made by `sign`, which must return the
    /// 64-byte Ed25519 signature of the bytes it is given (`signedBytes(of:)`). The signing
    /// itself lives outside this library (the `recoup` tool uses swift-crypto).
    public static func signing(_ json: JSONValue, publicKey: [UInt8],
                               sign: ([UInt8]) throws -> [UInt8]) rethrows -> JSONValue {
        let unsigned = json.removingMember("signature")
        let signature = try sign(signedBytes(of: unsigned))
        guard case .object(var members) = unsigned else { return json }
        members.append(JSONMember("signature", .object([
            JSONMember("alg", .string("ed25519")),
            JSONMember("keyId", .string(PolicyPublicKey.keyId(forRawKey: publicKey))),
            JSONMember("value", .string(Base64.encode(signature))),
        ])))
        return .object(members)
    }
}
