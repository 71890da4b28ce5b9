/// Parses a decimal number (`minutes`, `propensity`) straight from a CSV field's bytes.
///
/// Accepts what `Double(String)` accepts when the text is made only of digits, `.`, `+`, `-`,
/// `e` and `E` (no `inf`, `nan` or hex), and gives the same value. The usual field, up to 15
/// digits with an optional point, is computed exactly without the C library: the digits as an
/// integer are exact in a `Double` (below 2^53), so are the powers of ten up to 10^22, and one
/// IEEE division of the two is correctly rounded, as `strtod` is.
enum NumberBytes {
    private static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// The number `bytes` spell, or nil when they are not a finite decimal number.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let firstByte = bytes.first else { return nil }
        var i = 0
        var negative = false
        if firstByte == UInt8(ascii: "-") || firstByte == UInt8(ascii: "+") {
            negative = firstByte == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var seenPoint = false, plain = true
        while i < bytes.count {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b &- UInt8(ascii: "0")) }
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if b == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                plain = false
                break
            }
            i += 1
        }
        if plain && digits > 0 && digits <= 15 && fractionDigits < powersOfTen.count {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        // Exponents, long digit strings, malformed text: the C library decides.
        let allowed = bytes.allSatisfy { b in
            (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        }
        guard allowed, let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
