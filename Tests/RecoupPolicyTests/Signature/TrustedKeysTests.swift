import Crypto
import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// `TrustedKeys.load`: `--pub` files and the `$RECOUP_TRUSTED_KEYS` trust store (files and
/// folders, colon-separated), and the refusal of private keys and mistyped entries.
@Suite struct TrustedKeysTests {
    /// A folder with key files `a.pub`, `a.key`, `b.pub` and a README; removed on deinit.
    final class KeyFolder {
        let path = NSTemporaryDirectory() + "recoup-keys-" + UUID().uuidString
        let a: PolicyKeyFile, b: PolicyKeyFile
        init() throws {
            try FileManager.default.createDirectory(atPath: path + "/store", withIntermediateDirectories: true)
            func pair(_ byte: UInt8) throws -> PolicyKeyFile {
                let key = try Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: byte, count: 32))
                return PolicyKeyFile(publicKey: Array(key.publicKey.rawRepresentation), privateKey: Array(key.rawRepresentation))
            }
            a = try pair(11)
            b = try pair(12)
            try write(a.fileContents, "a.key")
            try write(try PolicyPublicKey(rawRepresentation: a.publicKey).fileContents, "a.pub")
            try write(try PolicyPublicKey(rawRepresentation: b.publicKey).fileContents, "store/b.pub")
            try write("not a key", "store/README.md")
        }
        func write(_ text: String, _ name: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name)) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func filesThenStoreEachKeyOnce() throws {
        let f = try KeyFolder()
        let keys = try TrustedKeys.load(files: [f.path + "/a.pub"], trustStore: "\(f.path)/store::\(f.path)/a.pub")
        #expect(keys.map(\.rawRepresentation) == [f.a.publicKey, f.b.publicKey])
        #expect(try TrustedKeys.load(files: [], trustStore: nil).isEmpty)
        #expect(try TrustedKeys.load(files: [], trustStore: "").isEmpty)
        #expect(try TrustedKeys.load(files: [], trustStore: f.path + "/store/").map(\.rawRepresentation) == [f.b.publicKey])
    }

    @Test func privateKeyGivenAsPublicIsRefusedNamingThePublicFile() throws {
        let f = try KeyFolder()
        let path = f.path + "/a.key"
        #expect(throws: PolicyError.keyFile(path: path, reason: "this is a private key; pass its public key file \(f.path)/a.pub instead")) {
            try TrustedKeys.load(files: [path], trustStore: nil)
        }
        // In the trust store too (a private key named *.pub).
        try f.write(f.a.fileContents, "store/c.pub")
        #expect { try TrustedKeys.load(files: [], trustStore: f.path + "/store") } throws: { error in
            "\(error)".contains("c.pub: this is a private key")
        }
        // The plain public-key parser refuses a private key file as well.
        #expect { try PolicyPublicKey(fileContents: Data(f.a.fileContents.utf8)) } throws: { error in
            "\(error)".contains("private key file")
        }
    }

    @Test func mistypedStoreEntriesAreRefused() throws {
        let f = try KeyFolder()
        #expect { try TrustedKeys.load(files: [], trustStore: f.path + "/nope") } throws: { error in
            "\(error)".contains("RECOUP_TRUSTED_KEYS entry: no such file or folder")
        }
        try FileManager.default.createDirectory(atPath: f.path + "/empty", withIntermediateDirectories: true)
        #expect { try TrustedKeys.load(files: [], trustStore: f.path + "/empty") } throws: { error in
            "\(error)".contains("has no *.pub public key files")
        }
        #expect { try TrustedKeys.load(files: [f.path + "/store/README.md"], trustStore: nil) } throws: { error in
            "\(error)".contains("README.md: not a Recoup key file")
        }
        #expect { try TrustedKeys.load(files: [f.path + "/missing.pub"], trustStore: nil) } throws: { error in
            "\(error)".contains("missing.pub: cannot read the key file")
        }
        #expect { try TrustedKeys.load(files: [f.path + "/store"], trustStore: nil) } throws: { error in
            "\(error)".contains("folder")
        }
    }
}
