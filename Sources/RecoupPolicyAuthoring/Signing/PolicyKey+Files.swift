import Foundation
import RecoupPolicy

/// Writing key files is authoring (`recoup keys generate`); reading them (`PolicyKeyFile`,
/// `PolicyPublicKey(fileContents:)`) stays in `RecoupPolicy`, which the live agent needs to
/// trust a key.
extension PolicyPublicKey {
    /// The text of this key's public key file.
    public var fileContents: String {
        PrettyJSON.string(of: .object([
            JSONMember("kind", .string(PolicyPublicKey.publicKind)),
            JSONMember("keyId", .string(keyId)),
            JSONMember("publicKey", .string(Data(rawRepresentation).base64EncodedString())),
        ]))
    }
}

extension PolicyKeyFile {
    /// The text of the key file: a private key file when `privateKey` is set, else a public one.
    public var fileContents: String {
        var members = [
            JSONMember("kind", .string(privateKey == nil ? PolicyPublicKey.publicKind : PolicyPublicKey.privateKind)),
            JSONMember("keyId", .string(PolicyPublicKey.keyId(forRawKey: publicKey))),
            JSONMember("publicKey", .string(Data(publicKey).base64EncodedString())),
        ]
        if let privateKey { members.append(JSONMember("privateKey", .string(Data(privateKey).base64EncodedString()))) }
        return PrettyJSON.string(of: .object(members))
    }
}
