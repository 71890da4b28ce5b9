import RecoupPolicy
import Testing
@testable import RecoupLedger
@testable import RecoupReports

/// The aging tables people read fit a terminal, and the CSV keeps exact plain amounts.
@Suite struct AgingTablesTests {
    static func report(name: String, minorUnits: Int64) -> AgingReport {
        var amounts = AgingAmounts()
        for (i, bucket) in AgingBucket.allCases.enumerated() { amounts[bucket] = Money(minorUnits: minorUnits + Int64(i)) }
        return AgingReport(asOf: Day(year: 2026, month: 3, day: 31)!, currency: "USD", total: amounts,
                           byClient: [.init(client: "C1", name: name, amounts: amounts)])
    }

    static func width(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

    /// Rounded half away from zero, grouped by thousands (worked by hand).
    @Test(arguments: [(123_450, "1,235"), (123_449, "1,234"), (49, "0"), (50, "1"), (-250, "-3"), (-49, "0"),
                      (123_456_789_00, "123,456,789")])
    func wholeMoneyRounds(minorUnits: Int64, expected: String) {
        #expect(ReportFormatting.wholeMoney(Money(minorUnits: minorUnits)) == expected)
    }

    @Test func smallAmountsKeepTheirCents() {
        let text = AgingTables.clientsText(Self.report(name: "Acme", minorUnits: 12_345), title: "Aging on 2026-03-31 (USD)")
        #expect(text.contains("123.45"))
        #expect(!text.contains("whole units"))
        #expect(Self.width(text) <= AgingTables.terminalWidth)
    }

    /// 1,234,567.89 in every bucket (a total of 7,407,407) and a long name: too wide with cents, so whole units, said in
    /// the title, and the name cut to the label width with an ellipsis.
    @Test func wideTablesFallBackToWholeUnits() {
        let report = Self.report(name: "Northwind Information Technology Services, LLC", minorUnits: 123_456_789)
        #expect(Self.width(AgingTables.clients(report, title: "t").rendered(as: .text)) > AgingTables.terminalWidth)
        let text = AgingTables.clientsText(report, title: "Aging on 2026-03-31 (USD)")
        #expect(Self.width(text) <= AgingTables.terminalWidth, "\(text)")
        #expect(text.contains("in whole units"))
        #expect(text.contains("1,234,568"))
        #expect(text.contains("7,407,407"))
        #expect(text.contains("Northwind Information…"))
        let csv = AgingTables.clients(report, title: nil, csv: true).rendered(as: .csv)
        #expect(csv.contains("C1,\"Northwind Information Technology Services, LLC\",1234567.89,1234567.90"))
    }
}
