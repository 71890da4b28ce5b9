/// An element of the field of integers modulo p = 2^255 − 19, for Ed25519 verification.
///
/// Sixteen signed 64-bit limbs of 16 bits each (radix 2^16), held inline in a `SIMD16`.
/// Limbs may leave [0, 2^16) between operations; `carried()` brings them back, and `bytes`
/// gives the unique reduced encoding. Not constant-time: it only ever handles public data
/// (keys, signatures, messages).
struct FieldElement25519: Equatable {
    var limbs: SIMD16<Int64>

    init(limbs: SIMD16<Int64>) { self.limbs = limbs }

    init(_ small: Int64) {
        limbs = SIMD16<Int64>()
        limbs[0] = small
    }

    static let zero = FieldElement25519(0)
    static let one = FieldElement25519(1)

    /// The low 255 bits of a 32-byte little-endian number (the top bit is ignored).
    init(bytes: ArraySlice<UInt8>) {
        let b = Array(bytes)
        precondition(b.count == 32, "a field element is 32 bytes")
        limbs = SIMD16<Int64>()
        for i in 0..<16 { limbs[i] = Int64(b[2 * i]) | Int64(b[2 * i + 1]) << 8 }
        limbs[15] &= 0x7FFF
    }

    static func + (a: Self, b: Self) -> Self { Self(limbs: a.limbs &+ b.limbs) }
    static func - (a: Self, b: Self) -> Self { Self(limbs: a.limbs &- b.limbs) }
    static prefix func - (a: Self) -> Self { Self(limbs: SIMD16<Int64>() &- a.limbs) }

    /// Propagates carries so every limb is in [0, 2^16), folding the carry out of the top limb
    /// back into the bottom one (2^256 ≡ 38 mod p).
    func carried() -> Self {
        var v = limbs
        for i in 0..<16 {
            let c = v[i] >> 16
            v[i] -= c << 16
            if i < 15 { v[i + 1] += c } else { v[0] += 38 * c }
        }
        return Self(limbs: v)
    }

    static func * (a: Self, b: Self) -> Self {
        var low = SIMD16<Int64>()
        var high = SIMD16<Int64>()
        for i in 0..<16 {
            let ai = a.limbs[i]
            for j in 0..<(16 - i) { low[i + j] += ai * b.limbs[j] }
            for j in (16 - i)..<16 { high[i + j - 16] += ai * b.limbs[j] }
        }
        let folded = Self(limbs: low &+ high &* 38)
        return folded.carried().carried()
    }

    func squared() -> Self { self * self }

    /// `self` raised to the 256-bit little-endian exponent `exponent`.
    func power(_ exponent: [UInt8]) -> Self {
        var result = Self.one
        for bit in stride(from: 255, through: 0, by: -1) {
            result = result.squared()
            if (exponent[bit / 8] >> UInt8(bit % 8)) & 1 == 1 { result = result * self }
        }
        return result
    }

    /// p − 2 (Fermat inverse), (p − 5) / 8 (square roots) and (p − 1) / 4 (√−1), little-endian.
    static let exponentPMinus2: [UInt8] = [0xEB] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]
    static let exponentPMinus5Over8: [UInt8] = [0xFD] + [UInt8](repeating: 0xFF, count: 30) + [0x0F]
    static let exponentPMinus1Over4: [UInt8] = [0xFB] + [UInt8](repeating: 0xFF, count: 30) + [0x1F]

    /// The multiplicative inverse (0 for 0).
    func inverse() -> Self { power(Self.exponentPMinus2) }

    /// The unique reduced 32-byte little-endian encoding.
    var bytes: [UInt8] {
        var v = carried().carried().carried().limbs
        // Now 0 <= value < 2^256 < 3p: subtract p at most twice.
        let p: [Int64] = [0xFFED] + [Int64](repeating: 0xFFFF, count: 14) + [0x7FFF]
        for _ in 0..<2 {
            var r = v
            var borrow: Int64 = 0
            for i in 0..<16 {
                var x = v[i] - p[i] - borrow
                borrow = x < 0 ? 1 : 0
                if x < 0 { x += 1 << 16 }
                r[i] = x
            }
            if borrow == 0 { v = r }
        }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<16 {
            out[2 * i] = UInt8(truncatingIfNeeded: v[i])
            out[2 * i + 1] = UInt8(truncatingIfNeeded: v[i] >> 8)
        }
        return out
    }

    /// Whether the reduced value is odd (the "sign" of x in point encodings).
    var isNegative: Bool { bytes[0] & 1 == 1 }

    var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    static func == (a: Self, b: Self) -> Bool { a.bytes == b.bytes }
}
