import Testing
@testable import RecoupLedger

/// `NumberBytes.parse` must accept and reject exactly what the importer accepted before it had
/// a fast path: `Double(String)` on text made only of digits, `.`, `+`, `-`, `e`, `E`, finite
/// results only (the reference below), and give bit-identical values.
@Suite struct NumberBytesTests {
    static func reference(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite,
            text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" })
        else { return nil }
        return value
    }

    static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { NumberBytes.parse($0) }
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return x.bitPattern == y.bitPattern
        default: return false
        }
    }

    @Test(arguments: ["0.545", "1", "0", "-0", "+5", "5.", ".5", ".", "", "-", "+", "007", "1e3", "1E-2", "2.5e+1",
                      "0.1", "0.3", "0.30000000000000004", "123456789012345", "1234567890123456", "99999999999999999999",
                      "0.0000000000000000000001", "0.00000000000000000000001", "1..2", "1.2.3", "--1", "+-1", "1-",
                      "inf", "nan", "infinity", "0x1p3", " 1", "1 ", "1,5", "٣", "½", "1e400", "-1e400", "4.9e-324", "1_0"])
    func matchesTheReference(_ text: String) {
        #expect(Self.same(Self.parse(text), Self.reference(text)), "\(text)")
    }

    /// 20,000 random decimals of up to 20 digits with up to 22 after the point (a fixed LCG,
    /// so the run is the same every time): the same bits as the C library's conversion.
    @Test func randomDecimalsMatchTheReference() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            var text = next(4) == 0 ? "-" : ""
            for _ in 0..<(1 + next(20)) { text.append(Character(String(next(10)))) }
            if next(3) > 0 {
                text.append(".")
                for _ in 0..<next(23) { text.append(Character(String(next(10)))) }
            }
            if !Self.same(Self.parse(text), Self.reference(text)) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
