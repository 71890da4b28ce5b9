import ArgumentParser
import Foundation
import RecoupPolicy

/// `--pub FILE` (repeatable) and `--unverified`, shared by every command that uses a policy
/// (plan, simulate, compare, tune, report roi, report time-audit, generate --truth).
///
/// Trusted keys are the `--pub` files plus the trust store `$RECOUP_TRUSTED_KEYS`
/// (`TrustedKeys`, docs/policy.md). A policy is used only when it is signed by one of them and
/// verifies; `--unverified` lets an unsigned or unverifiable policy be analysed, and every
/// output then marks it, but a signature that fails is refused even then.
struct PolicyTrustOptions: ParsableArguments {
    @Option(name: .long, help: "A trusted public key file (repeatable); $RECOUP_TRUSTED_KEYS adds more. A policy must be signed by one of them.")
    var pub: [String] = []

    @Flag(name: .long, help: "Analyse unsigned or unverifiable policies anyway; the outputs are then marked UNVERIFIED. A failing signature is still refused.")
    var unverified = false

    /// The plain value the loading takes.
    var trust: PolicyTrust { PolicyTrust(publicKeyFiles: pub, allowsUnverified: unverified) }

    /// The arguments that give the same options to a nested parse.
    var arguments: [String] { pub.flatMap { ["--pub", $0] } + (unverified ? ["--unverified"] : []) }
}

/// What a command trusts: the key files named on its command line, the trust store, and
/// whether unverified policies may be analysed.
struct PolicyTrust {
    var publicKeyFiles: [String] = []
    var allowsUnverified = false

    /// The trusted keys: `publicKeyFiles` and `$RECOUP_TRUSTED_KEYS`, through `TrustedKeys.load`.
    func keys() throws -> [PolicyPublicKey] {
        do {
            return try TrustedKeys.load(files: publicKeyFiles,
                                        trustStore: ProcessInfo.processInfo.environment[TrustedKeys.environmentVariable])
        } catch {
            throw UserFacingError(error.description)
        }
    }

    /// Loads a policy to use it: signed by a trusted key and verified, or (with
    /// `--unverified`) unsigned or signed by an unknown key, marked so. Every refusal is one
    /// line naming the file and what to do.
    func load(_ path: String) throws -> PolicyDocument {
        let keys = try keys()
        let requirement: SignatureRequirement =
            allowsUnverified ? .unverifiedForAnalysis(trustedKeys: keys) : .required(trustedKeys: keys)
        do {
            return try PolicyDocument.load(path: path, signature: requirement)
        } catch PolicyError.unsigned {
            throw UserFacingError("\(path): the policy is not signed (or its signature was removed), so it is not used; "
                + "sign it with `recoup policy sign --key KEY \(path)`, or pass --unverified to analyse it anyway")
        } catch PolicyError.untrustedKey(let keyId, let trusted) {
            let known = trusted.isEmpty ? "none given" : trusted.joined(separator: ", ")
            throw UserFacingError("\(path): the policy is signed by key \(keyId), which is not a trusted key (trusted: \(known)), "
                + "so it is not used; pass that key's public key file with --pub FILE or put it in \(TrustedKeys.environmentVariable), "
                + "or pass --unverified to analyse it anyway")
        } catch {
            throw UserFacingError("\(path): \(error.description)")
        }
    }
}
