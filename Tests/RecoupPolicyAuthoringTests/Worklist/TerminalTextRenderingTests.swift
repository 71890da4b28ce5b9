import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// The worklist a person reads escapes control characters in ids (issue 22, item 5): an id
/// from an older store or another tool cannot drive the terminal.
@Suite struct TerminalTextRenderingTests {
    @Test func theWorklistTextEscapesIds() throws {
        let day = try Day(iso: "2026-11-24")
        let ledger = Ledger(
            clients: [Client(id: "C\u{1B}[2J")],
            invoices: [Invoice(id: "INV\u{7}1", clientID: "C\u{1B}[2J", issuedOn: try Day(iso: "2026-10-24"),
                               dueOn: try Day(iso: "2026-11-23"), amount: Money(minorUnits: 100_000))])
        let plan = PolicyWorklist.make(engine: try PolicyEngine(PolicyTemplate.fixed.policy), ledger: ledger, on: day)
        let text = plan.tableText()
        #expect(text.contains("INV\\x071"))
        #expect(text.contains("C\\x1B[2J"))
        #expect(!text.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
    }
}
