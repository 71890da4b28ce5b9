import Foundation

/// How `PolicyDocument.load` treats signatures (SPEC §4: a signed policy is verified before it
/// is used; a policy whose signature does not verify is refused).
///
/// `.required` is the default and the only requirement a live agent may use. There is no way
/// to skip the check: the one relaxation, `.unverifiedForAnalysis`, still refuses a signature
/// that fails, and marks what it lets through in `SignatureStatus` so every output can say so.
public enum SignatureRequirement: Sendable {
    /// The policy must be signed by one of these keys, and the signature must verify. An
    /// unsigned policy (including one whose `signature` member was removed) is refused, and
    /// so is one signed by a key not among `trustedKeys`.
    case required(trustedKeys: [PolicyPublicKey])
    /// **Never for a live agent.** Analysis of a candidate policy that nobody has signed yet
    /// (`recoup … --unverified`, and the inspecting commands `policy validate|show|diff`):
    /// an unsigned policy loads as `.unsigned`, one signed by a key not among `trustedKeys`
    /// as `.unverified(keyId:)`. A malformed signature, or one by a trusted key that does not
    /// match the contents, is still refused.
    case unverifiedForAnalysis(trustedKeys: [PolicyPublicKey])
}

/// What is known about a loaded policy's signature.
public enum SignatureStatus: Sendable, Equatable, CustomStringConvertible {
    /// No `signature` member (loaded only under `.unverifiedForAnalysis`).
    case unsigned
    /// Verified against the trusted key with this id.
    case verified(keyId: String)
    /// Signed by this key id, which is not a trusted key, so it could not be checked (loaded
    /// only under `.unverifiedForAnalysis`).
    case unverified(keyId: String)

    /// Whether the signature was checked against a trusted key and holds.
    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unsigned: return "unsigned, not verified"
        case .verified(let id): return "signed by key \(id), verified"
        case .unverified(let id): return "signed by key \(id), not verified (no trusted key has that id)"
        }
    }
}

/// A policy file as loaded: its JSON, the decoded and validated policy, and its signature
/// status. This is how the live agent and the workbench read a policy.
///
/// ```swift
/// let keys = try TrustedKeys.load(files: ["agent.pub"])
/// let doc = try PolicyDocument.load(path: "policy.json", trustedKeys: keys)  // signed, verified
/// let engine = try PolicyEngine(doc.policy)
/// ```
public struct PolicyDocument: Sendable {
    public var json: JSONValue
    public var policy: Policy
    public var signatureStatus: SignatureStatus

    /// Reads, verifies, decodes and validates a policy that must be signed by one of
    /// `trustedKeys` (`SignatureRequirement.required`): what the live agent calls.
    /// - Throws: `PolicyError` (`tooLarge`, `syntax`, `signature`, `field`, `invalid`).
    public static func load(data: Data, trustedKeys: [PolicyPublicKey]) throws(PolicyError) -> PolicyDocument {
        try load(data: data, signature: .required(trustedKeys: trustedKeys))
    }

    /// Reads a policy file that must be signed by one of `trustedKeys` (see
    /// `load(data:trustedKeys:)`).
    public static func load(path: String, trustedKeys: [PolicyPublicKey]) throws(PolicyError) -> PolicyDocument {
        try load(path: path, signature: .required(trustedKeys: trustedKeys))
    }

    /// Reads, verifies, decodes and validates a policy file, in that order: the signature is
    /// checked on the raw document first, so a tampered file is reported as tampered even
    /// when the change also breaks decoding.
    /// - Throws: `PolicyError` (`tooLarge`, `syntax`, `signature`, `field`, `invalid`).
    public static func load(data: Data, signature requirement: SignatureRequirement) throws(PolicyError) -> PolicyDocument {
        let json = try JSONParser.parse(data)
        let status = try checkSignature(of: json, requirement)
        let policy = try Policy(json: json)
        try policy.checkValid()
        return PolicyDocument(json: json, policy: policy, signatureStatus: status)
    }

    /// Reads a policy file from disk, refusing a file larger than a policy can be before
    /// reading it.
    public static func load(path: String, signature requirement: SignatureRequirement) throws(PolicyError) -> PolicyDocument {
        try load(data: try readFile(path, limit: JSONParser.maxBytes), signature: requirement)
    }

    /// The signature status of a parsed document under `requirement`, or the reason it is
    /// refused.
    static func checkSignature(of json: JSONValue, _ requirement: SignatureRequirement) throws(PolicyError) -> SignatureStatus {
        let keys: [PolicyPublicKey]
        let isRequired: Bool
        switch requirement {
        case .required(let k): keys = k; isRequired = true
        case .unverifiedForAnalysis(let k): keys = k; isRequired = false
        }
        guard let signature = json[member: "signature"] else {
            if isRequired { throw .unsigned }
            return .unsigned
        }
        guard case .object = signature,
              case .string(let alg)? = signature[member: "alg"], alg == "ed25519",
              case .string(let keyId)? = signature[member: "keyId"],
              case .string(let value)? = signature[member: "value"], let bytes = Base64.decode(value), bytes.count == 64
        else {
            throw .signature("the signature member is malformed: it needs \"alg\": \"ed25519\", \"keyId\" and a base64 64-byte \"value\"; restore the signed file or sign it again")
        }
        guard let key = keys.first(where: { $0.keyId == keyId }) else {
            if isRequired { throw .untrustedKey(keyId: keyId, trusted: keys.map(\.keyId)) }
            return .unverified(keyId: keyId)
        }
        guard key.isValidSignature(bytes, of: signedBytes(of: json)) else {
            throw .signature("the signature by key \(keyId) does not match the contents: the policy was changed after it was signed. Restore the signed file or sign the new one")
        }
        return .verified(keyId: keyId)
    }

    /// The contents of a file of at most `limit` bytes.
    public static func readFile(_ path: String, limit: Int) throws(PolicyError) -> Data {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
                throw PolicyError.unreadable(path: path, reason: "it is a folder, not a file")
            }
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch let error as PolicyError {
            throw error
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
}
