import ArgumentParser
import Crypto
import Foundation
import RecoupPolicy
import RecoupPolicyAuthoring

/// `recoup policy sign --key K FILE [--out F]`: adds an Ed25519 signature over the canonical
/// form (docs/policy.md). Only a valid policy is signed.
struct PolicySignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a valid policy with a private key (recoup keys generate); writes the file in place unless --out."
    )

    @Argument(help: "The policy file.")
    var file: String

    @Option(name: .long, help: "The private key file.")
    var key: String

    @Option(name: .long, help: "Write the signed policy here instead of replacing FILE.")
    var out: String?

    func run() throws {
        try UserFacingError.wrap {
            let doc = try PolicyFiles.inspect(file)
            let keyFile = try PolicyFiles.readKeyFile(key)
            guard let seed = keyFile.privateKey else { throw UserFacingError("\(key) is a public key; signing needs the .key file") }
            if let warning = PolicyFiles.privateKeyPermissionWarning(key) { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
            let signingKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            guard Array(signingKey.publicKey.rawRepresentation) == keyFile.publicKey else {
                throw UserFacingError("\(key): the private and public keys in the file do not belong together")
            }
            let signed = try PolicyDocument.signing(doc.json, publicKey: keyFile.publicKey) { Array(try signingKey.signature(for: $0)) }
            let target = out ?? file
            // Signing in place (or onto an earlier --out) replaces a policy, never a key or a folder.
            try OutputFile(target, replacement: .always, example: "policy.json", inputs: [("--key", key)])
                .write(PrettyJSON.string(of: signed))
            print("signed \(target) with key \(PolicyPublicKey.keyId(forRawKey: keyFile.publicKey))")
        }
    }
}
