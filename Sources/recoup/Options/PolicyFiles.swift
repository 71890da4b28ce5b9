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

    /// Writes `text` to `path`, refusing to replace an existing file unless `force`.
    static func write(_ text: String, to path: String, force: Bool, permissions: Int? = nil) throws {
        if !force && FileManager.default.fileExists(atPath: path) {
            throw UserFacingError("\(path) exists; pass --force to replace it")
        }
        var attributes: [FileAttributeKey: Any]? = nil
        if let permissions { attributes = [.posixPermissions: permissions] }
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: attributes) else {
            throw UserFacingError("cannot write \(path)")
        }
    }
}
