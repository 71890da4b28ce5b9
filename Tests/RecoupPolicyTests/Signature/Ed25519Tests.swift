import Crypto
import Foundation
import Testing
@testable import RecoupPolicy

func hex(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = s.makeIterator()
    while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
    return out
}

/// The pure-Swift SHA-512 and Ed25519 verifier against published vectors and swift-crypto.
@Suite struct Ed25519Tests {
    /// RFC 8032 §7.1 tests 1, 2, 3 and 1024 (the 1023-byte message): secret key, public key,
    /// message, signature.
    static let rfc8032: [(String, String, String, String)] = [
        ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        ("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
         "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
         "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        ("f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
         "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
         [
            "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8",
            "79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc",
            "1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e",
            "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7",
            "aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed185ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2",
            "d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270",
            "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07",
            "07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128bab27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a",
            "ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7",
            "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8",
            "ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34dff7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08",
            "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4",
            "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e",
            "6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5fb93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5",
            "0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d",
            "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0",
         ].joined(),
         "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"),
    ]

    @Test func sha512MatchesSwiftCrypto() {
        // FIPS 180-4 example: SHA-512("abc") begins ddaf35a193617aba (python hashlib).
        #expect(RecoupPolicy.SHA512.hash(Array("abc".utf8)).prefix(8) == hex("ddaf35a193617aba")[...])
        var g = SplitMix64(seed: 5)
        for length in [0, 1, 55, 111, 112, 113, 127, 128, 129, 239, 240, 256, 1000, 4097] {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &g) }
            #expect(RecoupPolicy.SHA512.hash(message) == Array(Crypto.SHA512.hash(data: message)), "length \(length)")
        }
    }

    @Test(arguments: rfc8032.indices) func rfc8032Vector(_ index: Int) throws {
        let (secret, publicKey, message, signature) = Self.rfc8032[index]
        #expect(hex(message).count == [0, 1, 2, 1023][index])
        // The vector is self-consistent per swift-crypto too.
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: hex(secret))
        #expect(Array(key.publicKey.rawRepresentation) == hex(publicKey))
        #expect(key.publicKey.isValidSignature(hex(signature), for: hex(message)))
        #expect(Ed25519.isValidSignature(hex(signature), of: hex(message), publicKey: hex(publicKey)))
        var bad = hex(signature)
        bad[index * 7 % 64] ^= 0x04
        #expect(!Ed25519.isValidSignature(bad, of: hex(message), publicKey: hex(publicKey)))
    }

    @Test func agreesWithSwiftCryptoOnRandomMessagesAndTampering() throws {
        var g = SplitMix64(seed: 99)
        for round in 0..<8 {
            let key = Curve25519.Signing.PrivateKey()
            let publicKey = Array(key.publicKey.rawRepresentation)
            let message = (0..<Int.random(in: 0...300, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            let signature = Array(try key.signature(for: message))
            #expect(Ed25519.isValidSignature(signature, of: message, publicKey: publicKey), "round \(round)")
            // Flip one bit of the signature, the message or the key: refused.
            var s = signature
            s[Int.random(in: 0..<64, using: &g)] ^= 1 << UInt8.random(in: 0...7, using: &g)
            #expect(!Ed25519.isValidSignature(s, of: message, publicKey: publicKey))
            if !message.isEmpty {
                var m = message
                m[Int.random(in: 0..<m.count, using: &g)] ^= 0x10
                #expect(!Ed25519.isValidSignature(signature, of: m, publicKey: publicKey))
            }
            var k = publicKey
            k[Int.random(in: 0..<32, using: &g)] ^= 0x02
            #expect(!Ed25519.isValidSignature(signature, of: message, publicKey: k))
            #expect(!Ed25519.isValidSignature(signature, of: message + [0], publicKey: publicKey))
        }
    }

    @Test func refusesMalleatedScalar() throws {
        // S + L verifies in a naive implementation; RFC 8032 requires S < L.
        let (_, publicKey, message, signature) = Self.rfc8032[0]
        var sig = hex(signature)
        var carry = 0
        let order = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
        for i in 0..<32 {
            let sum = Int(sig[32 + i]) + Int(order[i]) + carry
            sig[32 + i] = UInt8(sum & 0xFF)
            carry = sum >> 8
        }
        #expect(!Ed25519.isValidSignature(sig, of: hex(message), publicKey: hex(publicKey)))
        #expect(!Ed25519.isValidSignature(Array(sig.prefix(63)), of: hex(message), publicKey: hex(publicKey)))
    }
}
