import Foundation
import RecoupPolicy

/// Reading and writing policy and key files for the policy commands, with errors that name
/// the file.
enum PolicyFiles {
    /// Loads a policy file to inspect it (`policy validate|show|diff|sign`): an unsigned policy
    /// or one signed by a key not among `trust`'s keys loads, with its `signatureStatus` to
    /// state; a signature by a trusted key that fails is refused. Never for using a policy:
    /// that is `PolicyTrust.load`.
    static func inspect(_ path: String, trust: PolicyTrust = PolicyTrust()) throws -> PolicyDocument {
        let keys = try trust.keys()
        do {
            return try PolicyDocument.load(path: path, signature: .unverifiedForAnalysis(trustedKeys: keys))
        } catch {
            throw UserFacingError("\(path): \(error.description)")
        }
    }

    /// Reads a key file (public or private) for `policy sign`.
    static func readKeyFile(_ path: String) throws -> PolicyKeyFile {
        do {
            return try PolicyKeyFile(fileContents: PolicyDocument.readFile(path, limit: TrustedKeys.maxKeyFileBytes))
        } catch {
            throw UserFacingError("\(path): \(error.description)")
        }
    }

    /// A warning when the private key file at `path` may be read by its group or others
    /// (permission bits `0o077`), naming the `chmod` that fixes it; nil when it may not.
    static func privateKeyPermissionWarning(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 else { return nil }
        return "warning: \(path) is a private key readable by others (mode \(String(mode & 0o777, radix: 8))); "
            + "anyone who reads it can sign policies. Run `chmod 600 \(path)`"
    }
}
