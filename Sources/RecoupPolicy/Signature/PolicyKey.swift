import Foundation

/// An Ed25519 public key that policies may be signed with, and the key-file format
/// (docs/policy.md, "Keys").
///
/// A public key file is a small JSON object:
/// `{"kind": "recoup.ed25519.public", "keyId": "3f2a…", "publicKey": "<base64 of 32 bytes>"}`.
/// The private key file (written and read by `recoup keys generate` / `policy sign`) has
/// `"kind": "recoup.ed25519.private"` and also `"privateKey"`: the base64 32-byte seed.
/// `keyId` is the first 8 bytes of SHA-512 of the raw public key, in lower-case hex.
public struct PolicyPublicKey: Sendable, Equatable {
    /// The raw 32-byte key (RFC 8032 encoding).
    public let rawRepresentation: [UInt8]

    /// Kinds of key file.
    public static let publicKind = "recoup.ed25519.public"
    public static let privateKind = "recoup.ed25519.private"

    /// A key from its raw 32 bytes.
    /// - Throws: `PolicyError.signature` if it is not 32 bytes or not a curve point.
    public init(rawRepresentation: [UInt8]) throws(PolicyError) {
        guard rawRepresentation.count == 32, EdwardsPoint(encoding: rawRepresentation) != nil else {
            throw .signature("the public key is not a 32-byte Ed25519 key")
        }
        self.rawRepresentation = rawRepresentation
    }

    /// The key's id: 16 hex digits.
    public var keyId: String { PolicyPublicKey.keyId(forRawKey: rawRepresentation) }

    /// The id of a raw public key: the first 8 bytes of its SHA-512, in lower-case hex.
    public static func keyId(forRawKey raw: [UInt8]) -> String {
        SHA512.hash(raw).prefix(8).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Reads a public key file. A private key file is refused (`PolicyError.field` at `kind`):
    /// a private key has no business among trusted keys, and accepting one where a public key
    /// is asked for would hide that it is being passed around.
    /// - Throws: `PolicyError` naming the field that is wrong.
    public init(fileContents: Data) throws(PolicyError) {
        let file = try PolicyKeyFile(fileContents: fileContents)
        guard file.privateKey == nil else { throw PolicyKeyFile.privateKeyGivenAsPublic }
        try self.init(rawRepresentation: file.publicKey)
    }

    /// Whether `signature` is this key's signature of `message`.
    public func isValidSignature(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        Ed25519.isValidSignature(signature, of: message, publicKey: rawRepresentation)
    }
}

/// A parsed key file (public or private), without any cryptography: the CLI turns
/// `privateKey` into a signing key with swift-crypto.
public struct PolicyKeyFile: Sendable, Equatable {
    /// The raw 32-byte public key.
    public var publicKey: [UInt8]
    /// The raw 32-byte private seed, for private key files.
    public var privateKey: [UInt8]?

    public init(publicKey: [UInt8], privateKey: [UInt8]?) { self.publicKey = publicKey; self.privateKey = privateKey }

    /// Parses a key file strictly; the stated `keyId` must match the key.
    public init(fileContents: Data) throws(PolicyError) {
        let json = try JSONParser.parse(fileContents, maxBytes: 4096)
        let r = try JSONObjectReader(json, at: JSONPath(), known: ["kind", "keyId", "publicKey", "privateKey"])
        let kind = try r.required("kind", JSONDecode.string)
        guard kind == PolicyPublicKey.publicKind || kind == PolicyPublicKey.privateKind else {
            throw .field(path: "kind", reason: "unknown key kind \"\(kind)\"; expected \"\(PolicyPublicKey.publicKind)\" or \"\(PolicyPublicKey.privateKind)\"")
        }
        func raw(_ v: JSONValue, _ p: JSONPath) throws(PolicyError) -> [UInt8] {
            let text = try JSONDecode.string(v, p)
            guard let bytes = Base64.decode(text), bytes.count == 32 else {
                throw .field(path: p.description, reason: "expected the base64 of 32 bytes")
            }
            return bytes
        }
        publicKey = try r.required("publicKey", raw)
        privateKey = kind == PolicyPublicKey.privateKind ? try r.required("privateKey", raw) : try r.optional("privateKey", raw)
        if kind == PolicyPublicKey.publicKind && privateKey != nil {
            throw .field(path: "privateKey", reason: "a public key file must not contain the private key")
        }
        let stated = try r.required("keyId", JSONDecode.string)
        let actual = PolicyPublicKey.keyId(forRawKey: publicKey)
        guard stated == actual else {
            throw .field(path: "keyId", reason: "key id \"\(stated)\" does not match the key (its id is \(actual)); the file was edited")
        }
    }

    /// The refusal of a private key file where a public key file is wanted.
    static let privateKeyGivenAsPublic = PolicyError.field(
        path: "kind", reason: "this is a private key file (\"\(PolicyPublicKey.privateKind)\"), not a public key file")
}
