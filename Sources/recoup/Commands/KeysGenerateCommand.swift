import ArgumentParser
import Crypto
import Foundation
import RecoupPolicy
import RecoupPolicyAuthoring

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
            let privateFile = OutputFile(out + ".key", replacement: .withForce(force), example: nil, permissions: 0o600,
                                         mayReplaceKeys: true)
            let publicFile = OutputFile(out + ".pub", replacement: .withForce(force), example: nil, mayReplaceKeys: true)
            try privateFile.check()  // both files or neither
            try publicFile.check()
            try privateFile.write(file.fileContents)
            try publicFile.write(publicKey.fileContents)
            print("wrote \(out).key (private: keep it secret) and \(out).pub (public); key id \(publicKey.keyId)")
        }
    }
}
