import Foundation
import RecoupPolicy

extension PolicyDocument {
    /// `json` with a `signature` member (replacing any) made by `sign`, which must return the
    /// 64-byte Ed25519 signature of the bytes it is given (`PolicyDocument.signedBytes(of:)`).
    ///
    /// Producing a signature is authoring, so it lives here and not in `RecoupPolicy`, which
    /// only verifies. The private-key arithmetic itself stays with the caller (the `recoup`
    /// tool uses swift-crypto), so neither library carries a signing implementation.
    ///
    /// ```swift
    /// let signed = try PolicyDocument.signing(policy.jsonValue, publicKey: key.publicKey) {
    ///     Array(try privateKey.signature(for: $0))
    /// }
    /// ```
    public static func signing(_ json: JSONValue, publicKey: [UInt8],
                               sign: ([UInt8]) throws -> [UInt8]) rethrows -> JSONValue {
        let unsigned = json.removingMember("signature")
        let signature = try sign(signedBytes(of: unsigned))
        guard case .object(var members) = unsigned else { return json }
        members.append(JSONMember("signature", .object([
            JSONMember("alg", .string("ed25519")),
            JSONMember("keyId", .string(PolicyPublicKey.keyId(forRawKey: publicKey))),
            JSONMember("value", .string(Data(signature).base64EncodedString())),
        ])))
        return .object(members)
    }
}
