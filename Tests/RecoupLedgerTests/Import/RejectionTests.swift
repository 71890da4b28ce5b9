import Foundation
import Testing
@testable import RecoupLedger

/// Every rejection rule of SPEC §2: the import is refused with `file:line: column: reason`
/// and the store is byte-for-byte as it was (every table dumped before and after).
@Suite struct RejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var content: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "payment applied to another client's invoice", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount,invoice_id
            P1,C2,2026-02-05,10.00,I1
            """, expected: ["payments.csv:2: invoice_id: invoice \"I1\" belongs to client \"C1\", not to the paying client \"C2\"; apply the payment to one of that client's invoices or leave invoice_id empty"]),
        Case(name: "due before issue", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount
            I1,C1,2026-02-01,2026-01-31,10.00
            """, expected: ["invoices.csv:2: due_on: 2026-01-31 is before issued_on 2026-02-01; the due date cannot be before the issue date"]),
        Case(name: "zero and negative amounts", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount
            I1,C1,2026-01-01,2026-01-31,0
            I2,C1,2026-01-01,2026-01-31,-5.00
            """, expected: [
                "invoices.csv:2: amount: \"0\" must be greater than 0",
                "invoices.csv:3: amount: \"-5.00\" must be greater than 0",
            ]),
        Case(name: "unknown vocabulary words", file: "actions.csv", content: """
            action_id,invoice_id,at,channel,actor,tone,outcome
            A1,I1,2026-02-03,fax,agent,soft,none
            A2,I1,2026-02-03,email,robot,soft,none
            A3,I1,2026-02-03,email,agent,rude,none
            A4,I1,2026-02-03,email,agent,soft,maybe
            """, expected: [
                "actions.csv:2: channel: \"fax\" is not one of email, sms, voice_agent, call, letter",
                "actions.csv:3: actor: \"robot\" is not one of agent, human",
                "actions.csv:4: tone: \"rude\" is not one of soft, standard, firm, final",
                "actions.csv:5: outcome: \"maybe\" is not one of none, no_answer, promise, dispute, paid, bounced",
            ]),
        Case(name: "unknown method, kind and task", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount,method
            P1,C1,2026-02-05,10.00,cash
            """, expected: ["payments.csv:2: method: \"cash\" is not one of ach, card, check, wire, other"]),
        Case(name: "unknown adjustment kind", file: "adjustments.csv", content: """
            invoice_id,on,amount,kind
            I1,2026-02-05,10.00,discount
            """, expected: ["adjustments.csv:2: kind: \"discount\" is not one of credit_note, write_off"]),
        Case(name: "unknown timesheet task", file: "timesheet.csv", content: """
            date,person,task,minutes
            2026-02-05,ann,coffee,10
            """, expected: ["timesheet.csv:2: task: \"coffee\" is not one of reminders, calls, disputes, reconciliation, data_entry, reporting, other"]),
        Case(name: "malformed and impossible dates", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount
            I1,C1,01/02/2026,2026-01-31,10.00
            I2,C1,2026-02-30,2026-03-31,10.00
            """, expected: [
                "invoices.csv:2: issued_on: \"01/02/2026\" is not a date of the form YYYY-MM-DD",
                "invoices.csv:3: issued_on: \"2026-02-30\" is not a day of the calendar",
            ]),
        Case(name: "malformed amounts, too many decimals, huge amount", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount
            I1,C1,2026-01-01,2026-01-31,"1,000.00"
            I2,C1,2026-01-01,2026-01-31,10.005
            I3,C1,2026-01-01,2026-01-31,\(String(repeating: "9", count: 4000))
            """, expected: [
                "invoices.csv:2: amount: \"1,000.00\" is not a decimal amount such as 1234.50",
                "invoices.csv:3: amount: \"10.005\" has more than 2 decimals",
                "invoices.csv:4: amount: \"\(String(repeating: "9", count: 37))…\" is over the largest amount Recoup accepts, 1,000,000,000.00; every report must be able to sum the ledger",
            ]),
        Case(name: "duplicate key within a file", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount
            P7,C1,2026-02-05,10.00
            P8,C1,2026-02-05,10.00
            P7,C1,2026-02-05,10.00
            """, expected: ["payments.csv:4: payment_id: duplicate payment_id \"P7\" within the file (first on line 2); each key may appear once"]),
        Case(name: "unknown client", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount
            I1,C9,2026-01-01,2026-01-31,10.00
            """, expected: ["invoices.csv:2: client_id: unknown client \"C9\": it is neither in clients.csv nor in the store; add it to clients.csv"]),
        Case(name: "unknown invoice", file: "promises.csv", content: """
            invoice_id,made_on,promised_on
            I9,2026-01-01,2026-01-31
            """, expected: ["promises.csv:2: invoice_id: unknown invoice \"I9\": it is neither in invoices.csv nor in the store"]),
        Case(name: "propensity outside (0,1]", file: "actions.csv", content: """
            action_id,invoice_id,at,channel,propensity
            A1,I1,2026-02-03,email,0
            A2,I1,2026-02-03,email,1.5
            A3,I1,2026-02-03,email,nan
            """, expected: [
                "actions.csv:2: propensity: \"0\" is not a number in (0, 1]",
                "actions.csv:3: propensity: \"1.5\" is not a number in (0, 1]",
                "actions.csv:4: propensity: \"nan\" is not a number in (0, 1]",
            ]),
        Case(name: "missing required column", file: "payments.csv", content: """
            payment_id,client_id,amount
            P1,C1,10.00
            """, expected: ["payments.csv:1: received_on: required column is missing from the header; add a received_on column"]),
        Case(name: "empty required field and wrong field count", file: "deposits.csv", content: """
            deposit_id,received_on,amount
            ,2026-02-05,10.00
            D2,2026-02-05
            """, expected: [
                "deposits.csv:2: deposit_id: is empty; a value is required",
                "deposits.csv:3: -: the row has 2 fields but the header has 3; quote fields that contain commas",
            ]),
        Case(name: "promise before it was made, resolution before opening", file: "disputes.csv", content: """
            invoice_id,opened_on,resolved_on
            I1,2026-03-10,2026-03-01
            """, expected: ["disputes.csv:2: resolved_on: 2026-03-01 is before opened_on 2026-03-10; a dispute is resolved on or after the day it opens"]),
        Case(name: "bad boolean, terms and currency", file: "clients.csv", content: """
            client_id,autopay,terms_days
            C1,yes,30
            C2,false,-3
            """, expected: [
                "clients.csv:2: autopay: \"yes\" is not true or false",
                "clients.csv:3: terms_days: \"-3\" is not a whole number from 0 to 3650",
            ]),
        Case(name: "empty file", file: "payments.csv", content: "", expected: [
            "payments.csv:1: -: the file is empty; it needs a header row (payment_id,client_id,received_on,amount, …) or should be removed",
        ]),
        Case(name: "header-only invoices", file: "invoices.csv", content: "invoice_id,client_id,issued_on,due_on,amount\n", expected: [
            "invoices.csv:1: -: the file has a header but no rows; a bundle needs at least one invoice",
        ]),
        Case(name: "unterminated quote", file: "deposits.csv", content: "deposit_id,received_on,amount,reference\nD1,2026-02-05,1.00,\"open\n", expected: [
            "deposits.csv:2: -: a quoted field opened here is never closed; close it with \" (write \"\" for a quote inside)",
        ]),
    ]

    @Test(arguments: cases)
    func rejectsAndLeavesTheStoreUnchanged(_ testCase: Case) throws {
        let store = try LedgerStore()
        // A first, good import so that "unchanged" is about real content.
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        let before = try store.dumpTables()
        let files = BundleFixture.valid(replacing: testCase.file, with: testCase.content)
        let error = try #require(try importError(files, into: store))
        #expect(error.issues.map(\.description) == testCase.expected)
        #expect(try store.dumpTables() == before)
    }

    @Test func firstImportRejectedLeavesAnEmptyStore() throws {
        let store = try LedgerStore()
        let before = try store.dumpTables()
        let files = BundleFixture.valid(replacing: "actions.csv", with: """
            action_id,invoice_id,at,channel
            A1,I1,2026-02-03,fax
            """)
        let error = try #require(try importError(files, into: store))
        #expect(error.description.hasPrefix("import refused, nothing was imported: 1 problem; first: actions.csv:2: channel: \"fax\""))
        #expect(try store.dumpTables() == before)
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func bundleWithoutInvoicesIsRefused() throws {
        var files = BundleFixture.valid
        files["invoices.csv"] = nil
        let store = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        let before = try store.dumpTables()
        let error = try #require(try importError(files, into: store))
        #expect(try store.dumpTables() == before)
        guard case .missingInvoices = error else { Issue.record("expected missingInvoices, got \(error)"); return }
        #expect(error.description.contains("no invoices.csv in this bundle folder"))
    }

    @Test func manyBadRowsAreCappedAtFifty() throws {
        let rows = (1...70).map { "I\($0),C1,2026-01-01,2026-01-31,0" }.joined(separator: "\n")
        let files = BundleFixture.valid(replacing: "invoices.csv", with: "invoice_id,client_id,issued_on,due_on,amount\n" + rows)
        let store = try LedgerStore()
        let error = try #require(try importError(files, into: store))
        guard case .invalidRows(let issues, let more) = error else { Issue.record("\(error)"); return }
        // 70 bad invoices; the 2 applied payments, 2 actions, promise, dispute and adjustment
        // that refer to the rejected I1/I3/I2 are reported as unknown invoices too: 70 + 7 = 77.
        #expect(issues.count == 50)
        #expect(more == 27)
        #expect(error.description.hasSuffix("… and 27 more"))
    }

    @Test func invalidUTF8IsRefused() throws {
        var bytes = Array("deposit_id,received_on,amount,reference\nD1,2026-02-05,1.00,".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        var files: [String: [UInt8]] = [:]
        for (name, text) in BundleFixture.valid { files[name] = Array(text.utf8) }
        files["deposits.csv"] = bytes
        let fixture = try BundleFixture(bytes: files)
        let store = try LedgerStore()
        #expect(throws: LedgerImportError.invalidRows([ImportIssue(file: "deposits.csv", line: 2, column: "reference",
            reason: "is not valid UTF-8 text; save the file as UTF-8")], more: 0)) {
            try LedgerImporter(store: store).importBundle(at: fixture.folder)
        }
    }
}
