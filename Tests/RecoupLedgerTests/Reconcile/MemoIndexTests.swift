import RecoupPolicy
import Testing
@testable import RecoupLedger

/// What a memo names: invoice numbers whatever the punctuation, the longest client name.
@Suite struct MemoIndexTests {
    static let day = Day(ordinal: 20454)
    static let ledger = Ledger(
        clients: [Client(id: "C1", name: "Cedar Dental"), Client(id: "C2", name: "Cedar Dental Group"),
                  Client(id: "C3", name: "Oak P.C.")],
        invoices: [Invoice(id: "INV-0000001", clientID: "C1", issuedOn: day, dueOn: day + 30, amount: Money(minorUnits: 100), number: "100001"),
                   Invoice(id: "INV-0000002", clientID: "C2", issuedOn: day, dueOn: day + 30, amount: Money(minorUnits: 100), number: "A-17")])
    static let index = MemoIndex(ledger: ledger, minimumKeyLength: 3)

    @Test func tokensAreUpperCaseLettersAndDigits() {
        #expect(MemoText("ACH credit: Oak P.C. inv#100001").tokens == ["ACH", "CREDIT", "OAK", "P", "C", "INV", "100001"])
    }

    @Test(arguments: [
        ("WIRE INV 100001", [0]), ("inv#100001.", [0]), ("INV-0000001", [0]), ("INV 0000001", [0]),
        ("ref a17 and 100001", [0, 1]), ("1000010", []), ("no number", []),
    ])
    func invoiceNumbers(memo: String, expected: [Int]) {
        #expect(Self.index.references(in: memo).invoices == expected)
    }

    @Test func theLongestClientNameWins() {
        #expect(Self.index.references(in: "CEDAR DENTAL GROUP ACH").clients == ["C2"])
        #expect(Self.index.references(in: "cedar dental ach").clients == ["C1"])
        #expect(Self.index.references(in: "OAK PC PAYMENT").clients == [])
        #expect(Self.index.references(in: "OAK P C PAYMENT").clients == ["C3"])
    }
}
