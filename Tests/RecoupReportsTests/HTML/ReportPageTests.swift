import Foundation
import RecoupPolicy
import Testing

@testable import RecoupReports

@Suite struct ReportPageHTMLTests {
    @Test func pageIsWellFormedSelfContainedAndEscaped() throws {
        let html = SamplePage.page().html()
        if let path = ProcessInfo.processInfo.environment["RECOUP_SAMPLE_HTML"], !path.isEmpty {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let xml = try ParsedXML(html)
        #expect(xml.root == "html")
        #expect(xml.all("title").first?.text == "Sample policy comparison <&>")
        #expect(xml.all("h1").first?.text == "Sample policy comparison <&>")
        #expect(xml.all("h2").map(\.text) == ["Summary", "DSO and cost", "Tuning", "Cash collected", "Aging", "Human hours"])
        // Five inline charts, no scripts, no external references.
        #expect(xml.all("svg").count == 5)
        #expect(xml.all("script").isEmpty)
        for element in xml.elements {
            for attribute in ["src", "href", "xlink:href"] {
                #expect(element.attributes[attribute] == nil, "\(element.name) has \(attribute)")
            }
        }
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == 5)  // only the SVG namespaces
        #expect(!html.contains("https://"))
        // Table cells come back verbatim.
        let cells = xml.all("td").map(\.text)
        #expect(cells.contains("Smith & Co <\"firm\">"))
        #expect(xml.all("th").map(\.text) == ["Policy", "DSO (days)", "Cost / invoice", "Hours / week"])
        #expect(xml.all("td").filter { $0.attributes["class"] == "num" }.count == 12)
        #expect(xml.all("tr").filter { $0.attributes["class"] == "emphasis" }.count == 1)
        #expect(xml.all("pre").first?.text.contains("reminders   6.5 h/week") == true)
    }

    @Test func reportTablesConvert() {
        var table = ReportTable(title: "Aging", columns: [.init("Client"), .init("Total", alignment: .right)])
        table.append(["C1", "10.00 USD"])
        let page = PageTable(table, emphasisedRows: [0])
        #expect(page.caption == "Aging" && page.columns.map(\.alignment) == [.left, .right] && page.rows == [["C1", "10.00 USD"]])
    }

    @Test func samePageSameBytes() {
        #expect(Data(SamplePage.page().html().utf8) == Data(SamplePage.page().html().utf8))
    }

    @Test func shortRowsArePaddedAndXMLDeclarationsDropped() throws {
        let page = ReportPage(title: "t", sections: [.init(heading: "h", blocks: [
            .table(PageTable(columns: [.init("a"), .init("b")], rows: [["only"], ["x", "y", "extra"]])),
            .chart(PageChart(name: "c", svg: "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n")),
        ])])
        let html = page.html()
        let xml = try ParsedXML(html)
        #expect(xml.all("td").map(\.text) == ["only", "", "x", "y"])
        #expect(!html.contains("<?xml"))
    }
}

@Suite struct ReportPageMarkdownTests {
    @Test func markdownLinksChartsAndEscapesText() {
        let page = ReportPage(title: "Q1 # review", subtitle: "*draft*", sections: [
            .init(heading: "Summary", blocks: [
                .paragraph("- not a list | not a cell & <b>"),
                .table(PageTable(columns: [.init("Client"), .init("Total", alignment: .right)],
                                 rows: [["A|B", "1,000.00"], ["Total", "1,000.00"]], emphasisedRows: [1])),
                .chart(PageChart(name: "aging by client", caption: "Open balance", svg: "<svg/>")),
                .preformatted("a ``` b"),
                .note("Projection needs the simulator."),
            ]),
        ], footer: "recoup 0.1.0")
        let expected = """
            # Q1 \\# review

            \\*draft\\*

            ## Summary

            \\- not a list \\| not a cell &amp; \\<b\\>

            | Client | Total |
            | --- | ---: |
            | A\\|B | 1,000.00 |
            | **Total** | **1,000.00** |

            ![aging-by-client.svg](charts/aging-by-client.svg)

            *Open balance*

            ````text
            a ``` b
            ````

            > Projection needs the simulator.

            ---

            recoup 0.1.0

            """
        #expect(page.markdown(chartDirectory: "charts") == expected)
        #expect(page.charts.map(\.fileName) == ["aging-by-client.svg"])
    }
}
