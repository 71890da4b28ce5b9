import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// `Reconciler` on a hand-built ledger of three clients, nine invoices, one recorded payment
/// and ten deposits, one per kind of match or exception. Expected results are worked out by hand
/// in the comments (amounts in dollars; every invoice issued 2026-01-01, due 2026-01-31).
@Suite struct ReconcilerTests {
    static func day(_ d: Int) -> Day { Day(ordinal: 20454 + 31 + d - 1) }  // day(1) = 2026-02-01
    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents) }

    static let issued = Day(ordinal: 20454)  // 2026-01-01
    static func invoice(_ n: Int, _ client: String, _ cents: Int64, _ number: String) -> Invoice {
        Invoice(id: "INV-00\(n)", clientID: client, issuedOn: issued, dueOn: issued + 30, amount: usd(cents), number: number)
    }

    /// Cedar (C1): INV-001 1,000.00 #5001, INV-002 250.00 #5002, INV-003 400.00 #5003.
    /// Harbor (C2): INV-004 and INV-005 1,200.00 each (#6001, #6002), INV-009 500.00 #6003.
    /// Summit (C3): INV-006 800.00 #7001, INV-007 300.00 #7002, INV-008 150.00 #7003.
    /// One recorded payment: PAY-1, 1,000.00 on 2026-02-02 against INV-001.
    static let base = Ledger(
        clients: [Client(id: "C1", name: "Cedar Dental LLC"), Client(id: "C2", name: "Harbor Legal Group"),
                  Client(id: "C3", name: "Summit Foods Inc.")],
        invoices: [invoice(1, "C1", 100_000, "5001"), invoice(2, "C1", 25_000, "5002"), invoice(3, "C1", 40_000, "5003"),
                   invoice(4, "C2", 120_000, "6001"), invoice(5, "C2", 120_000, "6002"), invoice(6, "C3", 80_000, "7001"),
                   invoice(7, "C3", 30_000, "7002"), invoice(8, "C3", 15_000, "7003"), invoice(9, "C2", 50_000, "6003")],
        payments: [Payment(id: "PAY-1", clientID: "C1", receivedOn: day(2), amount: usd(100_000), invoiceID: "INV-001")])

    /// The ten deposits, one a day from 2026-02-02.
    static let deposits = [
        // D01: the memo names #5001 and PAY-1 has its amount on its day → high, memo invoice number.
        Deposit(id: "D01", receivedOn: day(2), amount: usd(100_000), reference: "ACH CREDIT CEDAR DENTAL LLC INV 5001"),
        // D02: "inv#5002", no payment recorded; open balance 250.00 = amount → high.
        Deposit(id: "D02", receivedOn: day(3), amount: usd(25_000), reference: "WIRE IN inv#5002"),
        // D03: #5003 open 400.00, deposit 399.98: 0.02 short, within the 0.99 tolerance → medium, not partial.
        Deposit(id: "D03", receivedOn: day(4), amount: usd(39_998), reference: "CHECK DEPOSIT Cedar Dental LLC INV-5003"),
        // D04: #6003 open 500.00, deposit 250.00 → medium, partial.
        Deposit(id: "D04", receivedOn: day(5), amount: usd(25_000), reference: "DEPOSIT HARBOR LEGAL GROUP INV 6003"),
        // D05: Harbor named, no invoice; INV-004 and INV-005 both 1,200.00 → exception, 2 equal amounts.
        Deposit(id: "D05", receivedOn: day(6), amount: usd(120_000), reference: "ACH CREDIT HARBOR LEGAL GROUP"),
        // D06: Summit named; 1,100.00 = 800 + 300 (800+150 = 950, 300+150 = 450, all three 1,250) → combination.
        Deposit(id: "D06", receivedOn: day(7), amount: usd(110_000), reference: "ACH SUMMIT FOODS INC"),
        // D07: the memo names nothing known → unmatched.
        Deposit(id: "D07", receivedOn: day(8), amount: usd(4_200), reference: "TRANSFER 99812"),
        // D08: Summit named; INV-006/007 were taken by D06, INV-008 is 150.00 = amount → amount + client, medium.
        Deposit(id: "D08", receivedOn: day(9), amount: usd(15_000), reference: "Summit Foods Inc. payment"),
        // D09: no memo → unmatched.
        Deposit(id: "D09", receivedOn: day(10), amount: usd(12_000), reference: ""),
        // D10: names #5001, which PAY-1 settled on 2026-02-02 (9 days before, outside the 3-day
        // window, and claimed by D01) → exception, already paid (suggesting INV-001).
        Deposit(id: "D10", receivedOn: day(11), amount: usd(90_000), reference: "INV 5001"),
    ]

    static var ledger: Ledger {
        var ledger = base
        // Reversed, to show the result is sorted by day then id whatever the input order.
        ledger.deposits = deposits.reversed()
        return ledger
    }

    static func result(_ options: ReconcileOptions = ReconcileOptions()) throws -> [String: DepositMatch] {
        let matches = try Reconciler.reconcile(ledger, options: options).matches
        return Dictionary(uniqueKeysWithValues: matches.map { ($0.deposit.id, $0) })
    }

    @Test func memoInvoiceNumberConfirmedByARecordedPaymentIsHigh() throws {
        let match = try #require(try Self.result()["D01"])
        #expect(match.method == .memoInvoiceNumber && match.confidence == .high && match.isAutomatic)
        #expect(match.invoiceIDs == ["INV-001"] && match.paymentIDs == ["PAY-1"] && match.clientID == "C1")
        #expect(!match.isPartial && match.reason == nil)
    }

    @Test func memoInvoiceNumberWithTheExactOpenBalanceIsHigh() throws {
        let match = try #require(try Self.result()["D02"])
        #expect(match.method == .memoInvoiceNumber && match.confidence == .high)
        #expect(match.invoiceIDs == ["INV-002"] && match.paymentIDs.isEmpty && match.clientID == "C1")
    }

    @Test func anAmountWithinCentsIsMedium() throws {
        let match = try #require(try Self.result()["D03"])
        #expect(match.method == .memoInvoiceNumber && match.confidence == .medium && !match.isPartial)
        #expect(match.invoiceIDs == ["INV-003"])
    }

    @Test func aPartialPaymentOfANamedInvoiceIsMediumAndPartial() throws {
        let match = try #require(try Self.result()["D04"])
        #expect(match.method == .memoInvoiceNumber && match.confidence == .medium && match.isPartial)
        #expect(match.invoiceIDs == ["INV-009"] && match.clientID == "C2")
    }

    @Test func twoOpenInvoicesOfEqualAmountAreAnException() throws {
        let match = try #require(try Self.result()["D05"])
        #expect(!match.isAutomatic && match.confidence == .low)
        #expect(match.reason == .equalAmounts(count: 2))
        #expect(match.invoiceIDs == ["INV-004", "INV-005"] && match.clientID == "C2")
    }

    @Test func oneDepositPayingTwoInvoicesIsACombination() throws {
        let match = try #require(try Self.result()["D06"])
        #expect(match.method == .combination && match.confidence == .medium)
        #expect(match.invoiceIDs == ["INV-006", "INV-007"] && match.clientID == "C3")
    }

    @Test func aMemoWithNothingUsableIsUnmatched() throws {
        let result = try Self.result()
        let named = try #require(result["D07"]), empty = try #require(result["D09"])
        #expect(named.method == .unmatched && named.confidence == nil && named.reason == .memoNamesNothing)
        #expect(empty.method == .unmatched && empty.confidence == nil && empty.reason == .noMemo)
        #expect(named.invoiceIDs.isEmpty && named.paymentIDs.isEmpty)
    }

    @Test func amountAndClientFindsTheOneOpenInvoiceLeft() throws {
        let match = try #require(try Self.result()["D08"])
        #expect(match.method == .amountAndClient && match.confidence == .medium)
        #expect(match.invoiceIDs == ["INV-008"])
    }

    @Test func aNamedInvoiceAlreadySettledIsAnException() throws {
        let match = try #require(try Self.result()["D10"])
        #expect(!match.isAutomatic && match.reason == .invoicesAlreadyPaid && match.invoiceIDs == ["INV-001"])
    }

    /// 10 deposits; automatic: D01, D02 (high), D03, D04, D06, D08 (medium) = 6 → 60.0%;
    /// exceptions D05, D07, D09, D10. Matched amount 1,000 + 250 + 399.98 + 250 + 1,100 + 150 =
    /// 3,149.98; all deposits 3,149.98 + 1,200 + 42 + 120 + 900 = 5,411.98.
    @Test func theSummaryCountsByHand() throws {
        let reconciliation = try Reconciler.reconcile(Self.ledger)
        let summary = reconciliation.summary
        #expect(summary.deposits == 10 && summary.matchedAutomatically == 6 && summary.exceptions == 4)
        #expect(abs((summary.shareMatched ?? 0) - 0.6) < 1e-12)
        #expect(summary.byMethod == [.memoInvoiceNumber: 4, .amountAndClient: 1, .combination: 1, .unmatched: 0])
        #expect(summary.byConfidence == [.high: 2, .medium: 4, .low: 2])
        #expect(summary.matchedAmount == Self.usd(314_998) && summary.depositAmount == Self.usd(541_198))
        #expect(summary.from == Self.day(2) && summary.to == Self.day(11))
        #expect(reconciliation.matches.map(\.deposit.id) == Self.deposits.map(\.id))
        #expect(reconciliation.exceptions.map(\.deposit.id) == ["D05", "D07", "D09", "D10"])
        #expect(try Reconciler.summary(Self.ledger) == summary)
    }

    /// The window 2026-02-05…08 holds D04–D07; D08 (outside) is not returned, and D06's
    /// combination is the same as without a window.
    @Test func theWindowSelectsDepositsWithoutChangingTheirMatches() throws {
        let options = ReconcileOptions(from: Self.day(5), to: Self.day(8))
        let reconciliation = try Reconciler.reconcile(Self.ledger, options: options)
        #expect(reconciliation.matches.map(\.deposit.id) == ["D04", "D05", "D06", "D07"])
        let all = try Self.result()
        for match in reconciliation.matches { #expect(all[match.deposit.id] == match) }
        #expect(reconciliation.summary.deposits == 4 && reconciliation.summary.matchedAutomatically == 2)
        #expect(reconciliation.summary.from == Self.day(5) && reconciliation.summary.to == Self.day(8))
    }

    @Test func anOverpaymentOfANamedInvoiceIsAnException() throws {
        var ledger = Self.base
        ledger.deposits = [Deposit(id: "X", receivedOn: Self.day(3), amount: Self.usd(30_000), reference: "INV 5002")]
        let match = try #require(try Reconciler.reconcile(ledger).matches.first)
        // 300.00 against an open 250.00: 50.00 over.
        #expect(match.reason == .overpayment(excess: Self.usd(5_000)) && match.confidence == .low)
        #expect(match.invoiceIDs == ["INV-002"])
    }

    /// A memo naming the client but no invoice, with a recorded payment of the amount (the
    /// generator's "REF" memos): automatic only when the amount also singles out the invoice
    /// the payment was applied to. Keystone (C4) has two open 500.00 invoices, Maple (C5) one
    /// of 700.00, Oakridge (C6) one of 1,000.00 paid 400.00 (a partial).
    @Test func aRecordedPaymentCountsOnlyWhenTheAmountSinglesOutItsInvoice() throws {
        let ledger = Ledger(
            clients: [Client(id: "C4", name: "Keystone Realty"), Client(id: "C5", name: "Maple Clinic"),
                      Client(id: "C6", name: "Oakridge Hotels")],
            invoices: [Self.invoice(10, "C4", 50_000, "8001"), Self.invoice(11, "C4", 50_000, "8002"),
                       Self.invoice(12, "C5", 70_000, "9001"), Self.invoice(13, "C6", 100_000, "9101")],
            payments: [Payment(id: "PAY-A", clientID: "C4", receivedOn: Self.day(3), amount: Self.usd(50_000), invoiceID: "INV-0010"),
                       Payment(id: "PAY-B", clientID: "C5", receivedOn: Self.day(3), amount: Self.usd(70_000), invoiceID: "INV-0012"),
                       Payment(id: "PAY-C", clientID: "C6", receivedOn: Self.day(3), amount: Self.usd(40_000), invoiceID: "INV-0013")],
            deposits: [Deposit(id: "E1", receivedOn: Self.day(3), amount: Self.usd(50_000), reference: "ACH KEYSTONE REALTY REF 104729"),
                       Deposit(id: "E2", receivedOn: Self.day(3), amount: Self.usd(70_000), reference: "ACH MAPLE CLINIC REF 209458"),
                       Deposit(id: "E3", receivedOn: Self.day(3), amount: Self.usd(40_000), reference: "ACH OAKRIDGE HOTELS REF 314187")])
        let matches = try Reconciler.reconcile(ledger).matches
        #expect(matches.map(\.deposit.id) == ["E1", "E2", "E3"])
        // E1: INV-0010 and INV-0011 are both open at 500.00 → exception, the payment suggested.
        #expect(matches[0].reason == .equalAmounts(count: 2) && matches[0].confidence == .low)
        #expect(matches[0].invoiceIDs == ["INV-0010"] && matches[0].paymentIDs == ["PAY-A"])
        // E2: INV-0012 is the one open invoice of 700.00, and PAY-B is applied to it → medium.
        #expect(matches[1].method == .amountAndClient && matches[1].confidence == .medium)
        #expect(matches[1].invoiceIDs == ["INV-0012"] && matches[1].paymentIDs == ["PAY-B"] && !matches[1].isPartial)
        // E3: no open invoice of 400.00; only PAY-C's application says which → exception.
        #expect(matches[2].reason == .invoiceOnlyFromPayment && matches[2].invoiceIDs == ["INV-0013"])
    }

    @Test func aWindowEndingBeforeItStartsIsRefused() {
        #expect(throws: ReconcileError.emptyWindow(from: Self.day(5), to: Self.day(4))) {
            try Reconciler.reconcile(Self.ledger, options: ReconcileOptions(from: Self.day(5), to: Self.day(4)))
        }
    }

    @Test func theSameLedgerGivesTheSameResult() throws {
        #expect(try Reconciler.reconcile(Self.ledger) == Reconciler.reconcile(Self.ledger))
    }
}
