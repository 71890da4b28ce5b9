import Foundation
import RecoupPolicy

/// Reading and writing policy and key files for the policy commands, with errors that name
/// the file.
enum PolicyFiles {
    /// Loads a policy file; with public keys, a signed policy must verify against one of them.
    static func load(_ path: String, publicKeys: [String] = [], requireSignature: Bool = false) throws -> PolicyDocument {
        let keys = try publicKeys.map(readPublicKey)
        let requirement: SignatureRequirement =
            requireSignature ? .required(trustedKeys: keys) : keys.isEmpty ? .unchecked : .ifSigned(trustedKeys: keys)
        do {
            return try PolicyDocument.load(path: path, signature: requirement)
        } catch {
            throw UserFacingError("\(path): \(error.description)")
        }
    }

    static func readPublicKey(_ path: String) throws -> PolicyPublicKey {
        do {
            return try PolicyPublicKey(fileContents: PolicyDocument.readFile(path, limit: 4096))
        } catch {
            throw UserFacingError("\(path): \(error.description)")
        }
    }

    static func readKeyFile(_ path: String) throws -> PolicyKeyFile {
        do {
            return try PolicyKeyFile(fileContents: PolicyDocument.readFile(path, limit: 4096))
        } catch {
            throw UserFacingError("\(path): \(error.description)")
        }
    }
}
