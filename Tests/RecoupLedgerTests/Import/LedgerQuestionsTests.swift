import Foundation
import GRDB
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// Issue 22, items 3 and 5: amounts and totals every report can sum, dates in the supported
/// range, one currency per ledger, no overpayment or payment before its invoice, no row
/// repeated within a file whatever the store holds, and ids without control characters.
/// Every refusal leaves the store as it was (all tables dumped before and after).
@Suite struct LedgerQuestionsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var content: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let bound = "is over the largest amount Recoup accepts, 1,000,000,000.00; every report must be able to sum the ledger"
    static let dates = "is outside the dates Recoup accepts, 1900-01-01 to 2199-12-31; check the year"
    static let idReason = "; ids may not hold control characters, remove it"

    /// Each case replaces one file of the valid bundle, imported once before.
    static let cases: [Case] = [
        Case(name: "invoice amount at Int64's limit, and two of 5e16", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount
            I7,C1,2026-01-01,2026-01-31,1000.00
            I8,C1,2026-01-01,2026-01-31,92233720368547758.07
            I9,C1,2026-01-01,2026-01-31,50000000000000000.00
            I10,C1,2026-01-01,2026-01-31,50000000000000000.00
            I11,C1,2026-01-01,2026-01-31,99999999999999999999
            I12,C1,2026-01-01,2026-01-31,1000000000.01
            I13,C1,2026-01-01,2026-01-31,1000000000.00
            """, expected: [
                "invoices.csv:3: amount: 92,233,720,368,547,758.07 \(bound)",
                "invoices.csv:4: amount: 50,000,000,000,000,000.00 \(bound)",
                "invoices.csv:5: amount: 50,000,000,000,000,000.00 \(bound)",
                "invoices.csv:6: amount: \"99999999999999999999\" \(bound)",
                "invoices.csv:7: amount: 1,000,000,000.01 \(bound)",
            ]),
        Case(name: "payment amount over the bound", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount
            P9,C1,2026-02-05,2000000000
            """, expected: ["payments.csv:2: amount: 2,000,000,000.00 \(bound)"]),
        Case(name: "adjustment amount over the bound", file: "adjustments.csv", content: """
            invoice_id,on,amount,kind
            I1,2026-02-05,5000000000.00,write_off
            """, expected: ["adjustments.csv:2: amount: 5,000,000,000.00 \(bound)"]),
        Case(name: "deposit amount over the bound", file: "deposits.csv", content: """
            deposit_id,received_on,amount
            D9,2026-02-05,92233720368547758.07
            """, expected: ["deposits.csv:2: amount: 92,233,720,368,547,758.07 \(bound)"]),
        Case(name: "promise amount over the bound", file: "promises.csv", content: """
            invoice_id,made_on,promised_on,amount
            I3,2026-02-27,2026-03-05,1000000000000
            """, expected: ["promises.csv:2: amount: 1,000,000,000,000.00 \(bound)"]),
        Case(name: "dates outside 1900-2199", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount
            I7,C1,2026-01-01,2026-01-31,1000.00
            I8,C1,9999-12-01,9999-12-31,10.00
            I9,C1,1899-12-31,1900-01-30,10.00
            I10,C1,2199-12-01,2200-01-01,10.00
            I11,C1,1900-01-01,2199-12-31,10.00
            """, expected: [
                "invoices.csv:3: issued_on: \"9999-12-01\" \(dates)",
                "invoices.csv:3: due_on: \"9999-12-31\" \(dates)",
                "invoices.csv:4: issued_on: \"1899-12-31\" \(dates)",
                "invoices.csv:5: due_on: \"2200-01-01\" \(dates)",
            ]),
        Case(name: "date-times and other date columns outside the range", file: "actions.csv", content: """
            action_id,invoice_id,at,channel
            A9,I1,2200-01-01T09:00:00Z,email
            """, expected: ["actions.csv:2: at: \"2200-01-01T09:00:00Z\" \(dates)"]),
        Case(name: "timesheet day outside the range", file: "timesheet.csv", content: """
            date,person,task,minutes
            0001-01-01,ann,calls,30
            """, expected: ["timesheet.csv:2: date: \"0001-01-01\" \(dates)"]),
        Case(name: "a EUR invoice in a USD ledger", file: "invoices.csv", content: """
            invoice_id,client_id,issued_on,due_on,amount,currency
            I7,C1,2026-01-01,2026-01-31,1000.00,USD
            I9,C1,2026-01-01,2026-01-31,10.00,EUR
            """, expected: [
                "invoices.csv:3: currency: EUR differs from the ledger's currency USD, the currency of the invoices already in the store; a USD ledger cannot sum EUR amounts, and multi-currency ledgers are not supported yet: import each currency into its own store (--db)",
            ]),
        Case(name: "an overpayment", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount,invoice_id
            P8,C1,2026-02-05,1.00,
            P9,C1,2026-03-01,1000000.00,I2
            """, expected: [
                "payments.csv:3: amount: 1,000,000.00 would pay invoice I2 (500.50, 50.50 already paid or credited) 999,550.00 more than it is owed; record the excess as an unapplied payment with an empty invoice_id",
            ]),
        Case(name: "payments that together pay too much (one stored)", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount,invoice_id,method
            P1,C1,2026-02-05,1000.00,I1,ach
            P9,C1,2026-02-06,0.01,I1,
            P10,C2,2026-03-01,100.00,I3,
            P11,C2,2026-03-01,150.00,I3,
            P12,C2,2026-03-02,20.00,I3,
            """, expected: [
                "payments.csv:3: amount: 0.01 would pay invoice I1 (1,000.00, 1,000.00 already paid or credited) 0.01 more than it is owed; record the excess as an unapplied payment with an empty invoice_id",
                "payments.csv:5: amount: 150.00 would pay invoice I3 (250.00, 200.00 already paid or credited) 100.00 more than it is owed; record the excess as an unapplied payment with an empty invoice_id",
                "payments.csv:6: amount: 20.00 would pay invoice I3 (250.00, 250.00 already paid or credited) 20.00 more than it is owed; record the excess as an unapplied payment with an empty invoice_id",
            ]),
        // I1 (1,000.00) is paid in full by P1; I3 (250.00) has 100.00 paid; I2 (500.50) has
        // the stored credit note of 50.50. A write-off is a statement of loss, not a payment,
        // and is not counted against the balance.
        Case(name: "credit notes that settle more than is owed", file: "adjustments.csv", content: """
            invoice_id,on,amount,kind
            I2,2026-03-20,50.50,credit_note
            I1,2026-03-01,10.00,credit_note
            I3,2026-03-05,150.00,credit_note
            I3,2026-03-06,0.01,credit_note
            I2,2026-03-25,460.00,credit_note
            I3,2026-03-07,150.00,write_off
            """, expected: [
                "adjustments.csv:3: amount: a credit note of 10.00 on invoice I1 (1,000.00, 1,000.00 already paid or credited) would settle 10.00 more than it is owed; credit at most the open balance, or record a refund separately",
                "adjustments.csv:5: amount: a credit note of 0.01 on invoice I3 (250.00, 250.00 already paid or credited) would settle 0.01 more than it is owed; credit at most the open balance, or record a refund separately",
                "adjustments.csv:6: amount: a credit note of 460.00 on invoice I2 (500.50, 50.50 already paid or credited) would settle 10.00 more than it is owed; credit at most the open balance, or record a refund separately",
            ]),
        Case(name: "a payment before its invoice was issued", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount,invoice_id
            P9,C1,2025-01-05,10.00,I2
            """, expected: [
                "payments.csv:2: received_on: 2025-01-05 is before invoice I2 was issued (2026-02-01); a payment cannot settle an invoice not yet issued: record a prepayment as an unapplied payment with an empty invoice_id",
            ]),
        Case(name: "a row repeated within the file whose key is stored", file: "payments.csv", content: """
            payment_id,client_id,received_on,amount,invoice_id,method
            P1,C1,2026-02-05,1000.00,I1,ach
            P2,C2,2026-03-01,100.00,I3,card
            P1,C1,2026-02-05,1000.00,I1,ach
            """, expected: [
                "payments.csv:4: payment_id: duplicate payment_id \"P1\" within the file (first on line 2); each key may appear once",
            ]),
        Case(name: "a repeated stored row with a composite key", file: "timesheet.csv", content: """
            date,person,task,minutes
            2026-02-27,ann,calls,30
            2026-02-27,ann,calls,30
            """, expected: [
                "timesheet.csv:3: date: duplicate date, person, task \"2026-02-27\", \"ann\", \"calls\" within the file (first on line 2); each key may appear once",
            ]),
        Case(name: "control characters in ids", file: "clients.csv", content:
            "client_id,name\nC7,Acme IT\nC8,Beta Ltd\nC\u{1B}[31m,Evil\nC\u{0}X,Nul\nC\u{7F},Del\nC\u{9B}1,Csi\nÄ\u{7},Bell\n",
            expected: [
                "clients.csv:4: client_id: contains a control character (ESC, 0x1B) at position 2\(idReason)",
                "clients.csv:5: client_id: contains a control character (NUL, 0x00) at position 2\(idReason)",
                "clients.csv:6: client_id: contains a control character (DEL, 0x7F) at position 2\(idReason)",
                "clients.csv:7: client_id: contains a control character (CSI, U+009B) at position 2\(idReason)",
                "clients.csv:8: client_id: contains a control character (BEL, 0x07) at position 2\(idReason)",
            ]),
        Case(name: "control characters in invoice ids, numbers and references", file: "invoices.csv", content:
            "invoice_id,client_id,issued_on,due_on,amount,number\nI1,C1,2026-01-01,2026-01-31,1000.00,1001\nI\u{1B}]0;x\u{7},C1,2026-01-01,2026-01-31,1.00,\nI9,C1,2026-01-01,2026-01-31,1.00,N\u{85}1\nI10,C\u{1B}1,2026-01-01,2026-01-31,1.00,\n",
            expected: [
                "invoices.csv:3: invoice_id: contains a control character (ESC, 0x1B) at position 2\(idReason)",
                "invoices.csv:4: number: contains a control character (NEL, U+0085) at position 2\(idReason)",
                "invoices.csv:5: client_id: contains a control character (ESC, 0x1B) at position 2\(idReason)",
            ]),
        Case(name: "control characters quoted in other messages are escaped", file: "deposits.csv", content:
            "deposit_id,received_on,amount,reference\nD1,2026-02-05,1000.00,ACME FEB\nD9,2026-02-05,x\u{1B}[2J,\n",
            expected: ["deposits.csv:3: amount: \"x\\x1B[2J\" is not a decimal amount such as 1234.50"]),
    ]

    @Test(arguments: cases)
    func refusesAndLeavesTheStoreUnchanged(_ testCase: Case) throws {
        let store = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        let before = try store.dumpTables()
        let files = BundleFixture.valid(replacing: testCase.file, with: testCase.content)
        let error = try #require(try importError(files, into: store))
        #expect(error.issues.map(\.description) == testCase.expected)
        #expect(try store.dumpTables() == before)
        // No message carries a raw control character to the terminal.
        #expect(!error.description.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
    }

    @Test func amountsAndDatesAtTheBoundsImport() throws {
        let store = try LedgerStore()
        let files = BundleFixture.valid(replacing: "invoices.csv", with: """
            invoice_id,client_id,issued_on,due_on,amount
            I1,C1,1900-01-01,2026-01-31,1000000000.00
            I2,C1,2026-02-01,2199-12-31,500.50
            I3,C2,2026-02-10,2026-02-25,250
            """)
        #expect(try importError(files, into: store) == nil)
        #expect(try store.rowCounts()["invoices"] == 3)
    }

    @Test func aTableTotalOverTheBoundIsRefusedOnce() throws {
        let store = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        // Stored invoices total 10^17 - 5.00 (I2 + I3 = 750.50).
        try store.queue.write { db in
            try db.execute(sql: "UPDATE invoices SET amount = ? WHERE invoice_id = 'I1'",
                           arguments: [LedgerLimits.maxTableTotalMinorUnits - 500 - 75_050])
        }
        let before = try store.dumpTables()
        let error = try #require(try importError(["invoices.csv": """
            invoice_id,client_id,issued_on,due_on,amount
            I4,C1,2026-01-01,2026-01-31,4.00
            I5,C1,2026-01-01,2026-01-31,10.00
            I6,C1,2026-01-01,2026-01-31,10.00
            """], into: store))
        #expect(error.issues.map(\.description) == [
            "invoices.csv:3: amount: with this row the invoices table's total amount would be 1,000,000,000,000,009.00, over the largest total Recoup accepts for one table, 1,000,000,000,000,000.00, which every report must be able to sum; split the ledger into several stores",
        ])
        #expect(try store.dumpTables() == before)
    }

    @Test func theFirstInvoiceSetsTheCurrencyOfANewLedger() throws {
        let store = try LedgerStore()
        let error = try #require(try importError(["clients.csv": "client_id\nC1\n", "invoices.csv": """
            invoice_id,client_id,issued_on,due_on,amount,currency
            I1,C1,2026-01-01,2026-01-31,10.00,EUR
            I2,C1,2026-01-01,2026-01-31,10.00,EUR
            I3,C1,2026-01-01,2026-01-31,10.00,
            """], into: store))
        #expect(error.issues.map(\.description) == [
            "invoices.csv:4: currency: USD (an empty currency means USD) differs from the ledger's currency EUR, the currency of this file's first invoice (line 2); a EUR ledger cannot sum USD amounts, and multi-currency ledgers are not supported yet: import each currency into its own store (--db)",
        ])
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
        // A EUR-only ledger is fine, and stays EUR.
        #expect(try importError(["clients.csv": "client_id\nC1\n", "invoices.csv": """
            invoice_id,client_id,issued_on,due_on,amount,currency
            I1,C1,2026-01-01,2026-01-31,10.00,EUR
            """], into: store) == nil)
        let again = try #require(try importError(["invoices.csv": """
            invoice_id,client_id,issued_on,due_on,amount
            I2,C1,2026-01-01,2026-01-31,10.00
            """], into: store))
        #expect(again.issues.first?.reason.hasPrefix("USD (an empty currency means USD) differs from the ledger's currency EUR, the currency of the invoices already in the store") == true)
    }

    @Test func aPaymentUpToTheAmountAndAnUnappliedExcessImport() throws {
        let store = try LedgerStore()
        let files = BundleFixture.valid(replacing: "payments.csv", with: """
            payment_id,client_id,received_on,amount,invoice_id
            P1,C1,2026-02-05,600.00,I1
            P2,C1,2026-02-06,400.00,I1
            P3,C1,2026-02-06,999000.00,
            P4,C2,2025-01-01,5.00,
            """)
        #expect(try importError(files, into: store) == nil)
        #expect(try importError(files, into: store) == nil)  // re-import: nothing counted twice
        #expect(try store.rowCounts()["payments"] == 4)
    }

    @Test func aStoredIdWithANulIsReadWhole() throws {
        // An older store may hold such an id: it is not cut at the NUL, so "A" is not "A\0B".
        let store = try LedgerStore()
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO clients (client_id) VALUES ('A' || char(0) || 'B')")
        }
        let error = try #require(try importError(["clients.csv": "client_id\nC1\n", "invoices.csv": """
            invoice_id,client_id,issued_on,due_on,amount
            I1,A,2026-01-01,2026-01-31,10.00
            """], into: store))
        #expect(error.issues.map(\.description) == [
            "invoices.csv:2: client_id: unknown client \"A\": it is neither in clients.csv nor in the store; add it to clients.csv",
        ])
        #expect(try store.rowCounts()["invoices"] == 0)
    }

    @Test func aMappedImportDoesNotCreateAClientWithAControlCharacter() throws {
        let folder = try BundleFixture(["export.csv": "invoice_id,client_id,issued_on,due_on,amount\nI1,C\u{1B}1,2026-01-01,2026-01-31,10.00\n"])
        let store = try LedgerStore()
        let mapping = ColumnMapping(target: "invoices", createClients: true)
        #expect(throws: LedgerImportError.invalidRows([ImportIssue(file: "export.csv", line: 2, column: "client_id",
            reason: "contains a control character (ESC, 0x1B) at position 2\(Self.idReason)")], more: 0)) {
            try LedgerImporter(store: store).importMapped(at: folder.folder + "/export.csv", mapping: mapping)
        }
        #expect(try store.rowCounts().values.allSatisfy { $0 == 0 })
    }
}
