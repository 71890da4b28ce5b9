import RecoupPolicy
import Testing
@testable import RecoupReports

@Suite struct ReportTableTests {
    let table = ReportTable(
        title: "Aging",
        columns: [.init("Client"), .init("Total", alignment: .right)],
        rows: [["Acme, Inc", "1,000.00 USD"], ["B|\"x\"", "5.00 USD"], ["short"]])

    @Test func text() {
        #expect(table.rendered(as: .text) == """
            Aging
            Client            Total
            ---------  ------------
            Acme, Inc  1,000.00 USD
            B|"x"          5.00 USD
            short

            """)
    }

    @Test func csvFollowsRFC4180() {
        #expect(table.rendered(as: .csv) == "Client,Total\r\n\"Acme, Inc\",\"1,000.00 USD\"\r\n\"B|\"\"x\"\"\",5.00 USD\r\nshort,\r\n")
    }

    @Test func markdown() {
        #expect(table.rendered(as: .markdown) == """
            Aging

            | Client | Total |
            | --- | ---: |
            | Acme, Inc | 1,000.00 USD |
            | B\\|"x" | 5.00 USD |
            | short |  |

            """)
    }

    @Test(arguments: [(0, "0.00 USD"), (5, "0.05 USD"), (123_456_789, "1,234,567.89 USD"), (-100_000, "-1,000.00 USD")])
    func money(_ minorUnits: Int64, _ expected: String) {
        #expect(ReportFormatting.money(Money(minorUnits: minorUnits), currency: "USD") == expected)
    }

    @Test func numbers() {
        #expect(ReportFormatting.days(45.38461) == "45.4")
        #expect(ReportFormatting.days(0.05) == "0.1")
        #expect(ReportFormatting.days(-0.04) == "0.0")
        #expect(ReportFormatting.days(nil) == "—")
        #expect(ReportFormatting.percent(share: 0.153846) == "15.4%")
        #expect(ReportFormatting.number(69.23077, decimals: 2) == "69.23")
    }

    @Test func textAndMarkdownEscapeControlCharactersAndCSVKeepsThem() {
        let hostile = ReportTable(title: "Aging \u{1B}]0;x\u{7}", columns: [.init("Client")], rows: [["C\u{1B}[31m\u{9B}"]])
        #expect(hostile.rendered(as: .text) == "Aging \\x1B]0;x\\x07\nClient\n---------------\nC\\x1B[31m\\u{9B}\n")
        #expect(hostile.rendered(as: .markdown).contains("| C\\x1B[31m\\u{9B} |"))
        #expect(!hostile.rendered(as: .markdown).unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
        #expect(hostile.rendered(as: .csv) == "Client\r\nC\u{1B}[31m\u{9B}\r\n")
    }
}
