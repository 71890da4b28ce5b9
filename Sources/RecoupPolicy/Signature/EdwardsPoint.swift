/// A point of the twisted Edwards curve −x² + y² = 1 + d·x²·y² over GF(2^255 − 19) (edwards25519,
/// RFC 8032 §5.1) in extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z.
struct EdwardsPoint {
    typealias F = FieldElement25519

    var x: F, y: F, z: F, t: F

    /// d = −121665 / 121666.
    static let d: F = -F(121_665) * F(121_666).inverse()
    static let d2: F = d + d
    /// √−1 = 2^((p − 1) / 4).
    static let sqrtMinusOne: F = F(2).power(F.exponentPMinus1Over4)
    static let identity = EdwardsPoint(x: .zero, y: .one, z: .one, t: .zero)
    /// The base point B: y = 4/5, x even; its encoding is 0x58 followed by 31 bytes 0x66.
    static let base: EdwardsPoint = {
        guard let b = EdwardsPoint(encoding: [0x58] + [UInt8](repeating: 0x66, count: 31)) else {
            preconditionFailure("the Ed25519 base point failed to decode: field arithmetic is broken")
        }
        return b
    }()

    init(x: F, y: F, z: F, t: F) { self.x = x; self.y = y; self.z = z; self.t = t }

    /// Decodes a 32-byte point encoding (RFC 8032 §5.1.3); `nil` when it is not a point or
    /// not canonical (y ≥ p, or x = 0 with the sign bit set).
    init?(encoding: [UInt8]) {
        guard encoding.count == 32 else { return nil }
        let sign = encoding[31] >> 7
        let y = F(bytes: encoding[0..<32])
        var canonical = encoding
        canonical[31] &= 0x7F
        guard y.bytes == canonical else { return nil }
        let yy = y.squared()
        let u = yy - .one
        let v = EdwardsPoint.d * yy + .one
        let v3 = v.squared() * v
        let v7 = v3.squared() * v
        var x = u * v3 * (u * v7).power(F.exponentPMinus5Over8)
        let check = v * x.squared()
        if check == u {
            // x is a root.
        } else if check == -u {
            x = x * EdwardsPoint.sqrtMinusOne
        } else {
            return nil
        }
        if x.isZero && sign == 1 { return nil }
        if (x.isNegative ? 1 : 0) != sign { x = -x }
        self.init(x: x, y: y, z: .one, t: x * y)
    }

    /// The 32-byte encoding: y little-endian with the parity of x in the top bit.
    var encoding: [UInt8] {
        let inverseZ = z.inverse()
        let affineX = x * inverseZ
        var out = (y * inverseZ).bytes
        if affineX.isNegative { out[31] |= 0x80 }
        return out
    }

    /// The group law (unified formula for a = −1, valid for doubling too).
    static func + (p: EdwardsPoint, q: EdwardsPoint) -> EdwardsPoint {
        let a = (p.y - p.x) * (q.y - q.x)
        let b = (p.y + p.x) * (q.y + q.x)
        let c = p.t * d2 * q.t
        let dd = p.z * q.z
        let d = dd + dd
        let e = b - a, f = d - c, g = d + c, h = b + a
        return EdwardsPoint(x: e * f, y: g * h, z: f * g, t: e * h)
    }

    static prefix func - (p: EdwardsPoint) -> EdwardsPoint { EdwardsPoint(x: -p.x, y: p.y, z: p.z, t: -p.t) }

    /// [scalar]·self for a 32-byte little-endian scalar (double-and-add; not constant-time).
    func multiplied(by scalar: [UInt8]) -> EdwardsPoint {
        var result = EdwardsPoint.identity
        for bit in stride(from: 255, through: 0, by: -1) {
            result = result + result
            if (scalar[bit / 8] >> UInt8(bit % 8)) & 1 == 1 { result = result + self }
        }
        return result
    }

    /// [a]·p + [b]·q in one pass of doublings (Straus' method), for the verification equation.
    static func sum(_ a: [UInt8], times p: EdwardsPoint, plus b: [UInt8], times q: EdwardsPoint) -> EdwardsPoint {
        let both = p + q
        var result = EdwardsPoint.identity
        for bit in stride(from: 255, through: 0, by: -1) {
            result = result + result
            let takeP = (a[bit / 8] >> UInt8(bit % 8)) & 1 == 1
            let takeQ = (b[bit / 8] >> UInt8(bit % 8)) & 1 == 1
            if takeP && takeQ { result = result + both } else if takeP { result = result + p } else if takeQ { result = result + q }
        }
        return result
    }
}
