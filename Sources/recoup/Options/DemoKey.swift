import Crypto
import Foundation
import RecoupPolicy

/// The throwaway key pair `recoup demo` signs its bundled policies with, so the demo runs them
/// verified as a real deployment would.
///
/// The key is derived from the demo's seed (the first 32 bytes of SHA-512 of
/// `"recoup demo key v1:" + seed` are the Ed25519 private seed), so the same `--seed` gives the
/// same key, the same signatures and byte-identical outputs. Anyone can derive it: it proves
/// nothing and must never sign a policy a live agent loads (use `recoup keys generate`).
enum DemoKey {
    /// The key pair for `seed`, as a private key file's contents.
    static func make(seed: UInt64) throws -> PolicyKeyFile {
        let digest = Array(Crypto.SHA512.hash(data: Data("recoup demo key v1:\(seed)".utf8)))
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: Array(digest.prefix(32)))
        return PolicyKeyFile(publicKey: Array(key.publicKey.rawRepresentation), privateKey: Array(key.rawRepresentation))
    }
}
