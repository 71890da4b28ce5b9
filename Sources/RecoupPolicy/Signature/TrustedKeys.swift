import Foundation

/// The public keys a policy may be signed by: the files given on the command line (`--pub`)
/// and the trust store named by `$RECOUP_TRUSTED_KEYS` (docs/policy.md, "Trusted keys").
///
/// The trust store is a colon-separated list of entries; each entry is either a public key
/// file or a folder, of which every `*.pub` file is read (other files are ignored). An entry
/// that does not exist, a folder without `*.pub` files, a malformed key file and a private key
/// file are all refused, naming the entry, so a mistyped store is never silently empty.
///
/// ```swift
/// let keys = try TrustedKeys.load(files: ["agent.pub"],
///                                 trustStore: ProcessInfo.processInfo.environment[TrustedKeys.environmentVariable])
/// let doc = try PolicyDocument.load(path: "policy.json", trustedKeys: keys)
/// ```
public enum TrustedKeys {
    /// The environment variable that names the trust store.
    public static let environmentVariable = "RECOUP_TRUSTED_KEYS"
    /// The largest key file read (a key file is about 150 bytes).
    public static let maxKeyFileBytes = 4096

    /// The keys of `files` (in order) then of the trust store, each key once (by key id).
    /// - Parameters:
    ///   - files: public key files (`--pub`).
    ///   - trustStore: the value of `$RECOUP_TRUSTED_KEYS`, or nil/empty for none.
    /// - Throws: `PolicyError.keyFile` naming the file or entry that was refused.
    /// - Complexity: O(number of key files).
    public static func load(files: [String], trustStore: String?) throws(PolicyError) -> [PolicyPublicKey] {
        var paths = files
        for entry in (trustStore ?? "").split(separator: ":", omittingEmptySubsequences: true).map(String.init) {
            paths += try storeFiles(entry)
        }
        var keys: [PolicyPublicKey] = []
        for path in paths {
            let key = try readPublicKeyFile(path)
            if !keys.contains(where: { $0.keyId == key.keyId }) { keys.append(key) }
        }
        return keys
    }

    /// Reads one public key file; a private key file is refused with the name of its public
    /// counterpart.
    /// - Throws: `PolicyError.keyFile`.
    public static func readPublicKeyFile(_ path: String) throws(PolicyError) -> PolicyPublicKey {
        let data: Data
        do { data = try PolicyDocument.readFile(path, limit: maxKeyFileBytes) } catch {
            throw .keyFile(path: path, reason: keyReason(error))
        }
        let file: PolicyKeyFile
        do { file = try PolicyKeyFile(fileContents: data) } catch {
            throw .keyFile(path: path, reason: "not a Recoup key file: \(error.description)")
        }
        guard file.privateKey == nil else {
            throw .keyFile(path: path, reason: "this is a private key; pass its public key file \(publicCounterpart(of: path)) instead")
        }
        do { return try PolicyPublicKey(rawRepresentation: file.publicKey) } catch {
            throw .keyFile(path: path, reason: error.description)
        }
    }

    /// `k.key` → `k.pub`; any other name → a description of the file to look for.
    static func publicCounterpart(of path: String) -> String {
        path.hasSuffix(".key") ? String(path.dropLast(4)) + ".pub" : "(NAME.pub, written beside it by `recoup keys generate`)"
    }

    static func keyReason(_ error: PolicyError) -> String {
        switch error {
        case .unreadable(_, let reason): return "cannot read the key file: \(reason)"
        case .tooLarge(let bytes, let limit): return "\(bytes) bytes; a key file is at most \(limit) bytes. Is this the right file?"
        default: return error.description
        }
    }

    /// The key files of one trust-store entry.
    static func storeFiles(_ entry: String) throws(PolicyError) -> [String] {
        let where_ = "\(environmentVariable) entry"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: entry, isDirectory: &isFolder) else {
            throw .keyFile(path: entry, reason: "\(where_): no such file or folder; \(environmentVariable) is a colon-separated list of public key files and folders of *.pub files")
        }
        guard isFolder.boolValue else { return [entry] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: entry) } catch {
            throw .keyFile(path: entry, reason: "\(where_): the folder cannot be read")
        }
        let keys = names.filter { $0.hasSuffix(".pub") }.sorted()
        guard !keys.isEmpty else {
            throw .keyFile(path: entry, reason: "\(where_): the folder has no *.pub public key files")
        }
        let base = entry.hasSuffix("/") ? entry : entry + "/"
        return keys.map { base + $0 }
    }
}
