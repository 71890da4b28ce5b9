import ArgumentParser
import Crypto
import Foundation
import RecoupPolicy

/// `recoup keys generate --out NAME`: writes NAME.key (private, mode 0600) and NAME.pub.
struct KeysGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate an Ed25519 key pair: NAME.key (keep it secret) and NAME.pub (give it to the live agent)."
    )

    @Option(name: .long, help: "Base name of the key files.")
    var out: String = "recoup-policy"

    @Flag(name: .long, help: "Replace existing key files.")
    var force = false

    func run() throws {
        try UserFacingError.wrap {
            let key = Curve25519.Signing.PrivateKey()
            let file = PolicyKeyFile(publicKey: Array(key.publicKey.rawRepresentation), privateKey: Array(key.rawRepresentation))
            let publicKey = try PolicyPublicKey(rawRepresentation: file.publicKey)
            try PolicyFiles.write(file.fileContents, to: out + ".key", force: force, permissions: 0o600)
            try PolicyFiles.write(publicKey.fileContents, to: out + ".pub", force: force)
            print("wrote \(out).key (private: keep it secret) and \(out).pub (public); key id \(publicKey.keyId)")
        }
    }
}
