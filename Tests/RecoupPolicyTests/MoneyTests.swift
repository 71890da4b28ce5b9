import Testing
@testable import RecoupPolicy

@Suite struct MoneyTests {
    @Test(arguments: [
        ("1234.50", 123_450), ("0.5", 50), ("-12", -1200), ("+3.07", 307), ("0", 0), ("7.", 700),
        ("92233720368547758.07", Int64.max),
    ] as [(String, Int64)])
    func parsesExactMinorUnits(text: String, minor: Int64) throws {
        #expect(try Money(decimal: text).minorUnits == minor)
    }

    @Test func parsesDecimalComma() throws {
        #expect(try Money(decimal: "1234,5", decimalSeparator: UInt8(ascii: ",")).minorUnits == 123_450)
    }

    @Test(arguments: ["", "-", "1.2.3", "1,234.50", "12a", "1e5", " 12", "--1"])
    func rejectsMalformed(text: String) {
        #expect(throws: MoneyParseError.malformed(text)) { try Money(decimal: text) }
    }

    @Test func rejectsThirdDecimalAndOverflow() {
        #expect(throws: MoneyParseError.tooManyDecimals("1.005")) { try Money(decimal: "1.005") }
        let huge = String(repeating: "9", count: 4000)
        #expect(throws: MoneyParseError.outOfRange(huge)) { try Money(decimal: huge) }
        #expect(throws: MoneyParseError.outOfRange("92233720368547758.08")) {
            try Money(decimal: "92233720368547758.08")
        }
    }

    // 2.9% of $10.35 = 30.015 cents → 30 (nearest), 31 (up), 30 (down).
    @Test func scaledDivisionNamesItsRounding() {
        let amount = Money(minorUnits: 1035)
        #expect(amount.scaled(by: 29, over: 1000, rounding: .toNearestOrAwayFromZero).minorUnits == 30)
        #expect(amount.scaled(by: 29, over: 1000, rounding: .up).minorUnits == 31)
        #expect(amount.scaled(by: 29, over: 1000, rounding: .down).minorUnits == 30)
        #expect(Money(minorUnits: -5).scaled(by: 1, over: 2, rounding: .toNearestOrAwayFromZero).minorUnits == -3)
    }

    @Test func formatsTwoDecimals() {
        #expect(Money(minorUnits: 123_405).decimalString == "1234.05")
        #expect(Money(minorUnits: -7).decimalString == "-0.07")
    }
}
