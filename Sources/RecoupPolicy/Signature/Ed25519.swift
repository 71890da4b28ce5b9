/// Ed25519 signature verification (RFC 8032 §5.1.7) in pure Swift, so the live agent can check
/// a policy's signature with nothing but `RecoupPolicy`. Signing is authoring and is not here:
/// `PolicyDocument.signing` (RecoupPolicyAuthoring) builds the signature member, and the
/// private-key arithmetic is swift-crypto's, in the `recoup` tool.
///
/// The check is the cofactorless one used by swift-crypto/BoringSSL: with h = SHA-512(R ‖ A ‖ M)
/// mod L, accept iff S < L, A and R decode, and the encoding of [S]B − [h]A equals R.
/// Not constant-time; verification handles only public data.
public enum Ed25519 {
    /// The group order L = 2^252 + 27742317777372353535851937790883648493, as 64-bit limbs,
    /// least significant first.
    static let order: [UInt64] = [0x5812_631A_5CF5_D3ED, 0x14DE_F9DE_A2F7_9CD6, 0, 0x1000_0000_0000_0000]

    /// Whether `signature` (64 bytes) is a valid signature of `message` by `publicKey` (32 bytes).
    /// - Complexity: O(n) in the message for hashing, plus two 256-bit scalar multiplications.
    public static func isValidSignature(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == 64, publicKey.count == 32 else { return false }
        let rBytes = Array(signature[0..<32])
        let sBytes = Array(signature[32..<64])
        guard isBelowOrder(sBytes), let a = EdwardsPoint(encoding: publicKey),
            EdwardsPoint(encoding: rBytes) != nil
        else { return false }
        var hasher = SHA512()
        hasher.update(rBytes)
        hasher.update(publicKey)
        hasher.update(message)
        let h = reduceModOrder(hasher.finalize())
        let check = EdwardsPoint.sum(sBytes, times: .base, plus: h, times: -a)
        return check.encoding == rBytes
    }

    /// Whether a 32-byte little-endian scalar is below L.
    static func isBelowOrder(_ scalar: [UInt8]) -> Bool {
        let limbs = words(scalar)
        for i in stride(from: 3, through: 0, by: -1) where limbs[i] != order[i] { return limbs[i] < order[i] }
        return false
    }

    static func words(_ bytes: [UInt8]) -> [UInt64] {
        (0..<bytes.count / 8).map { w in
            (0..<8).reduce(UInt64(0)) { acc, k in acc | UInt64(bytes[w * 8 + k]) << UInt64(8 * k) }
        }
    }

    /// A little-endian number of any length modulo L, as 32 little-endian bytes (bit-serial
    /// long division: fine for the one 512-bit hash per verification).
    static func reduceModOrder(_ bytes: [UInt8]) -> [UInt8] {
        var r: [UInt64] = [0, 0, 0, 0]
        for bit in stride(from: bytes.count * 8 - 1, through: 0, by: -1) {
            // r = 2r + bit (r < L < 2^253, so no overflow out of four words).
            var carry = UInt64((bytes[bit / 8] >> UInt8(bit % 8)) & 1)
            for i in 0..<4 {
                let next = r[i] >> 63
                r[i] = r[i] << 1 | carry
                carry = next
            }
            if !lessThanOrder(r) {
                var borrow: UInt64 = 0
                for i in 0..<4 {
                    let (d1, o1) = r[i].subtractingReportingOverflow(order[i])
                    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                    r[i] = d2
                    borrow = (o1 || o2) ? 1 : 0
                }
            }
        }
        var out: [UInt8] = []
        for word in r { for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: word >> UInt64(8 * k))) } }
        return out
    }

    static func lessThanOrder(_ r: [UInt64]) -> Bool {
        for i in stride(from: 3, through: 0, by: -1) where r[i] != order[i] { return r[i] < order[i] }
        return false
    }
}
