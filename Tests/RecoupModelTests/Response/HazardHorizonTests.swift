import Foundation
import RecoupPolicy
import Testing
@testable import RecoupModel

/// The payment-response design's rows are bounded by each invoice's own dates, not by the
/// calendar span up to `until`: one invoice far in the future (which moves the default `until`
/// to its issue day) cannot make every open invoice a row for each day until then.
@Suite struct HazardHorizonTests {
    static func d(_ text: String) -> Day { (try? Day(iso: text)) ?? Day(ordinal: 0) }

    /// Two open invoices of 2026 and one issued 2199-12-01: the default `until` is 2199-12-01,
    /// yet the 2026 invoices stop at 3,650 days past due (about 2,600 business-day rows each,
    /// not the 45,000 up to 2199), and the first rows are the same as with `until` in 2026.
    @Test func oneInvoiceFarInTheFutureDoesNotStretchTheOthersRows() {
        let ledger = Ledger(
            clients: [Client(id: "C1"), Client(id: "C2")],
            invoices: [
                Invoice(id: "A", clientID: "C1", issuedOn: Self.d("2026-01-05"), dueOn: Self.d("2026-02-04"), amount: Money(minorUnits: 10_000)),
                Invoice(id: "B", clientID: "C2", issuedOn: Self.d("2026-03-02"), dueOn: Self.d("2026-04-01"), amount: Money(minorUnits: 20_000)),
                Invoice(id: "F", clientID: "C2", issuedOn: Self.d("2199-12-01"), dueOn: Self.d("2199-12-31"), amount: Money(minorUnits: 5_000)),
            ],
            payments: [Payment(id: "P", clientID: "C2", receivedOn: Self.d("2026-05-04"), amount: Money(minorUnits: 5_000), invoiceID: "B")])
        let design = HazardDesignBuilder.build(ledger: ledger, options: .init())
        let maxDpd = HazardDesignBuilder.maxDaysPastDue
        #expect(maxDpd == 3_650)
        #expect(design.dpd.allSatisfy { Int($0) <= maxDpd })
        for invoice in 0..<2 {
            let rows = (0..<design.rows).filter { design.invoiceIndex[$0] == Int32(invoice) }
            // Issue to due + 3,650 days, business days only: at most 3,680 × 5 / 7 + 2 rows.
            #expect(rows.count <= (30 + maxDpd + 1) * 5 / 7 + 2, "\(rows.count)")
            #expect(rows.count > 2_500)
        }
        #expect(design.rows < 6_000)
        // Up to 2026-12-31 the rows are those of a design built with that `until`.
        let near = HazardDesignBuilder.build(ledger: ledger, options: .init(until: Self.d("2026-12-31")))
        let early = (0..<design.rows).filter { design.day[$0] <= Int32(Self.d("2026-12-31").ordinal) }
        #expect(early.count == near.rows)
        #expect(early.map { design.y[$0] } == near.y)
    }

    /// Terms beyond 3,650 days start the rows 3,650 days before the due date; a payment before
    /// then still counts (it closes the invoice, so there are no rows).
    @Test func veryLongTermsStartTheRowsAtTheHorizon() {
        let issued = Self.d("2026-01-05"), due = Self.d("2199-01-05")
        var ledger = Ledger(clients: [Client(id: "C1")],
                            invoices: [Invoice(id: "A", clientID: "C1", issuedOn: issued, dueOn: due, amount: Money(minorUnits: 10_000))])
        let until = due + 10
        let open = HazardDesignBuilder.build(ledger: ledger, options: .init(until: until))
        #expect(open.day.allSatisfy { Int($0) >= (due - HazardDesignBuilder.maxDaysBeforeDue).ordinal })
        #expect(open.rows <= (HazardDesignBuilder.maxDaysBeforeDue + 11) * 5 / 7 + 2)
        ledger.payments = [Payment(id: "P", clientID: "C1", receivedOn: Self.d("2026-02-02"), amount: Money(minorUnits: 10_000), invoiceID: "A")]
        #expect(HazardDesignBuilder.build(ledger: ledger, options: .init(until: until)).rows == 0)
    }
}
