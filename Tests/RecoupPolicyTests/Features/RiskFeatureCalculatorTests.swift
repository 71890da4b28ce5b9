import Foundation
import Testing
@testable import RecoupPolicy

/// A random ledger: `clients` clients, invoices over a year, payments (some partial, some late),
/// disputes, write-offs and credit notes, all seeded.
func makeRandomLedger(clients: Int, seed: UInt64) -> Ledger {
    var rng = SplitMix64(seed: seed)
    let start = Day(year: 2025, month: 1, day: 6)!
    var ledger = Ledger()
    var payID = 0
    for c in 0..<clients {
        let cid = "C\(c)"
        ledger.clients.append(Client(id: cid, since: c % 3 == 0 ? nil : start - Int.random(in: 0...400, using: &rng),
                                     autopay: c % 5 == 0))
        var day = start + Int.random(in: 0...30, using: &rng)
        var k = 0
        while day < start + 360 {
            let id = "\(cid)-\(k)"
            let amount = Money(minorUnits: Int64.random(in: 1_000...500_000, using: &rng))
            let terms = [15, 30, 45].randomElement(using: &rng) ?? 30
            let due = day + terms
            ledger.invoices.append(Invoice(id: id, clientID: cid, issuedOn: day, dueOn: due, amount: amount))
            let late = Int.random(in: -10...60, using: &rng)
            let fate = Int.random(in: 0..<20, using: &rng)
            if fate == 0 {
                ledger.adjustments.append(Adjustment(invoiceID: id, on: due + 120, amount: amount, kind: .writeOff))
            } else if fate == 1 {
                ledger.adjustments.append(Adjustment(invoiceID: id, on: day + 3, amount: amount, kind: .creditNote))
            } else if fate == 2 {
                let half = Money(minorUnits: amount.minorUnits / 2)
                ledger.payments.append(Payment(id: "P\(payID)", clientID: cid, receivedOn: due + late / 2,
                                               amount: half, invoiceID: id)); payID += 1
                ledger.payments.append(Payment(id: "P\(payID)", clientID: cid, receivedOn: due + late,
                                               amount: Money(minorUnits: amount.minorUnits - half.minorUnits),
                                               invoiceID: id)); payID += 1
            } else {
                ledger.payments.append(Payment(id: "P\(payID)", clientID: cid, receivedOn: max(day, due + late),
                                               amount: amount, invoiceID: id)); payID += 1
            }
            if fate == 3 {
                ledger.disputes.append(Dispute(invoiceID: id, openedOn: due + 2, resolvedOn: due + 20))
            }
            ledger.actions.append(CollectionAction(id: "A\(id)", invoiceID: id, at: due + 3, channel: .email))
            day = day + Int.random(in: 5...40, using: &rng)
            k += 1
        }
    }
    return ledger
}

@Suite struct RiskFeatureCalculatorTests {
    func d(_ text: String) -> Day { (try? Day(iso: text)) ?? Day(ordinal: 0) }
    func m(_ units: Int64) -> Money { Money(minorUnits: units * 100) }

    /// The hand-worked example: client since 2026-01-01, T = 15, scored on 2026-04-25.
    /// A 100 due 02-04 paid 02-10 (6 late); B 200 due 03-03 paid 50 on 03-10 and 150 on 03-25
    /// (last payment 22 late); C 300 due 03-31, dispute opened 03-15, paid on 04-25 itself (not yet
    /// known at the start of the day, so open, dpd 25 > 15: known late); D 50 written off 04-20.
    /// prior 4, paid 2 (A, B), late B, C, D = 3 of 4 resolved → 0.75; avg (6+22)/2 = 14; last = B
    /// = 22; max 22; open 1, overdue 1, 300.00, max dpd 25; disputes 1; write-offs 1;
    /// tenure 04-25 − 01-01 = 114 days; terms 30.
    func handLedger() -> Ledger {
        Ledger(
            clients: [Client(id: "C1", since: d("2026-01-01"))],
            invoices: [
                Invoice(id: "A", clientID: "C1", issuedOn: d("2026-01-05"), dueOn: d("2026-02-04"), amount: m(100)),
                Invoice(id: "B", clientID: "C1", issuedOn: d("2026-02-01"), dueOn: d("2026-03-03"), amount: m(200)),
                Invoice(id: "C", clientID: "C1", issuedOn: d("2026-03-01"), dueOn: d("2026-03-31"), amount: m(300)),
                Invoice(id: "D", clientID: "C1", issuedOn: d("2026-03-10"), dueOn: d("2026-04-09"), amount: m(50)),
                Invoice(id: "E", clientID: "C1", issuedOn: d("2026-04-25"), dueOn: d("2026-05-25"), amount: m(80)),
            ],
            payments: [
                Payment(id: "p1", clientID: "C1", receivedOn: d("2026-02-10"), amount: m(100), invoiceID: "A"),
                Payment(id: "p2", clientID: "C1", receivedOn: d("2026-03-10"), amount: m(50), invoiceID: "B"),
                Payment(id: "p3", clientID: "C1", receivedOn: d("2026-03-25"), amount: m(150), invoiceID: "B"),
                Payment(id: "p4", clientID: "C1", receivedOn: d("2026-04-25"), amount: m(300), invoiceID: "C"),
            ],
            disputes: [Dispute(invoiceID: "C", openedOn: d("2026-03-15"))],
            adjustments: [Adjustment(invoiceID: "D", on: d("2026-04-20"), amount: m(50), kind: .writeOff)]
        )
    }

    @Test func handWorkedExample() throws {
        let calc = RiskFeatureCalculator(ledger: handLedger(), lateThresholdDays: 15)
        let x = calc.values(forInvoiceAt: 4)
        let expected: [RiskFeature: Double] = [
            .amount: 80, .logAmount: log(80), .termsDays: 30, .autopay: 0, .tenureDays: 114,
            .logTenure: log(115), .priorInvoices: 4, .priorPaid: 2, .lateShare: 0.75, .avgDaysLate: 14,
            .lastDaysLate: 22, .maxDaysLate: 22, .openInvoices: 1, .openOverdue: 1,
            .openOverdueAmount: 300, .maxOpenDpd: 25, .priorDisputes: 1, .priorWriteoffs: 1, .hasHistory: 1,
        ]
        #expect(x.count == RiskFeature.allCases.count)
        for (k, feature) in RiskFeature.allCases.enumerated() {
            let want = try #require(expected[feature])
            #expect(abs(x[k] - want) < 1e-12, "\(feature.rawValue): got \(x[k]), want \(want)")
        }
    }

    /// The first invoice of a client has no history: all history features 0.
    @Test func firstInvoiceHasNoHistory() {
        let calc = RiskFeatureCalculator(ledger: handLedger())
        let x = calc.values(forInvoiceAt: 0)
        #expect(calc.value(.priorInvoices, forInvoiceAt: 0) == 0)
        #expect(calc.value(.hasHistory, forInvoiceAt: 0) == 0)
        #expect(calc.value(.lateShare, forInvoiceAt: 0) == 0)
        #expect(abs(x[RiskFeature.allCases.firstIndex(of: .tenureDays) ?? 0] - 4) < 1e-12)
    }

    /// Same-day invoices of a client do not see each other, and a payment on the scoring day is
    /// not yet known.
    @Test func sameDayEventsAreNotKnown() {
        var ledger = handLedger()
        ledger.invoices.append(Invoice(id: "F", clientID: "C1", issuedOn: d("2026-04-25"),
                                       dueOn: d("2026-05-25"), amount: m(10)))
        let calc = RiskFeatureCalculator(ledger: ledger)
        let e = calc.values(forInvoiceAt: 4), f = calc.values(forInvoiceAt: 5)
        // Everything but amount and log_amount (the first two) is the same for E and F.
        #expect(Array(e.dropFirst(2)) == Array(f.dropFirst(2)))
        #expect(calc.value(.priorInvoices, forInvoiceAt: 5) == 4)
    }

    /// No leakage: deleting, or changing, every row dated after d leaves every feature at d the
    /// same, for every invoice issued on d, for several d across the year.
    @Test func noLeakageFromRowsAfterTheScoringDay() {
        let ledger = makeRandomLedger(clients: 12, seed: 7)
        let full = RiskFeatureCalculator(ledger: ledger)
        let start = Day(year: 2025, month: 1, day: 6)!
        var checked = 0
        for offset in stride(from: 40, to: 360, by: 37) {
            let cut = start + offset
            // Deleted: every row dated after `cut`.
            var truncated = ledger
            truncated.invoices.removeAll { $0.issuedOn > cut }
            truncated.payments.removeAll { $0.receivedOn > cut }
            truncated.adjustments.removeAll { $0.on > cut }
            truncated.disputes.removeAll { $0.openedOn > cut }
            truncated.actions.removeAll { $0.at > cut }
            // Changed: every row dated after `cut` moved later and its amount altered.
            var changed = ledger
            for i in changed.payments.indices where changed.payments[i].receivedOn > cut {
                changed.payments[i].receivedOn = changed.payments[i].receivedOn + 9
                changed.payments[i].amount = Money(minorUnits: changed.payments[i].amount.minorUnits / 3 + 1)
            }
            for i in changed.adjustments.indices where changed.adjustments[i].on > cut {
                changed.adjustments[i].kind = changed.adjustments[i].kind == .writeOff ? .creditNote : .writeOff
            }
            for i in changed.disputes.indices where changed.disputes[i].openedOn > cut {
                changed.disputes[i].openedOn = changed.disputes[i].openedOn + 1
            }
            let truncatedCalc = RiskFeatureCalculator(ledger: truncated)
            let changedCalc = RiskFeatureCalculator(ledger: changed)
            for (i, invoice) in ledger.invoices.enumerated() where invoice.issuedOn <= cut && invoice.issuedOn > cut - 37 {
                guard let j = truncated.invoices.firstIndex(where: { $0.id == invoice.id }) else {
                    Issue.record("invoice \(invoice.id) vanished"); continue
                }
                let before = full.values(forInvoiceAt: i)
                #expect(before == truncatedCalc.values(forInvoiceAt: j), "deleting rows after \(cut) changed \(invoice.id)")
                #expect(before == changedCalc.values(forInvoiceAt: i), "changing rows after \(cut) changed \(invoice.id)")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// The incremental history, fed events in day order and queried on each issue day as a
    /// replay would, agrees exactly with the calculator.
    @Test func incrementalHistoryAgreesWithCalculator() {
        let ledger = makeRandomLedger(clients: 8, seed: 11)
        let calc = RiskFeatureCalculator(ledger: ledger)
        enum Event { case issue(Int), pay(Payment), adjust(Adjustment), dispute(Dispute) }
        var events: [(Day, Int, Event)] = []   // (day, order within the day, event)
        for (i, inv) in ledger.invoices.enumerated() { events.append((inv.issuedOn, 0, .issue(i))) }
        for p in ledger.payments { events.append((p.receivedOn, 1, .pay(p))) }
        for a in ledger.adjustments { events.append((a.on, 1, .adjust(a))) }
        for x in ledger.disputes { events.append((x.openedOn, 1, .dispute(x))) }
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var histories: [String: ClientRiskHistory] = [:]
        for c in ledger.clients { histories[c.id] = ClientRiskHistory(client: c) }
        let clientOf = Dictionary(uniqueKeysWithValues: ledger.invoices.map { ($0.id, $0.clientID) })
        var compared = 0
        for (_, _, event) in events {
            switch event {
            case .issue(let i):
                let inv = ledger.invoices[i]
                let x = histories[inv.clientID]?.features(issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: inv.amount)
                #expect(x == calc.values(forInvoiceAt: i), "invoice \(inv.id)")
                histories[inv.clientID]?.recordIssued(invoiceID: inv.id, issuedOn: inv.issuedOn,
                                                      dueOn: inv.dueOn, amount: inv.amount)
                compared += 1
            case .pay(let p):
                histories[p.clientID]?.recordPayment(invoiceID: p.invoiceID ?? "", on: p.receivedOn, amount: p.amount)
            case .adjust(let a):
                if let c = clientOf[a.invoiceID] {
                    histories[c]?.recordAdjustment(invoiceID: a.invoiceID, on: a.on, amount: a.amount, kind: a.kind)
                }
            case .dispute(let x):
                if let c = clientOf[x.invoiceID] { histories[c]?.recordDisputeOpened(invoiceID: x.invoiceID, on: x.openedOn) }
            }
        }
        #expect(compared == ledger.invoices.count)
    }

    /// Recording by position (as the simulator does: an unshared copy of a client's earlier
    /// history, then its new invoices in issue order) gives exactly the features of recording
    /// by id, through `features(…into:)` with one reused buffer.
    @Test func positionalRecordingAgreesWithRecordingByID() {
        let ledger = makeRandomLedger(clients: 6, seed: 23)
        var compared = 0
        for client in ledger.clients {
            let invoices = ledger.invoices.filter { $0.clientID == client.id }.sorted { $0.issuedOn < $1.issuedOn }
            let split = invoices.count / 2
            enum Event { case issue(Invoice), pay(Payment), adjust(Adjustment), dispute(Dispute) }
            func events(of chosen: ArraySlice<Invoice>) -> [(Day, Int, Event)] {
                let ids = Set(chosen.map(\.id))
                var out: [(Day, Int, Event)] = chosen.map { ($0.issuedOn, 0, .issue($0)) }
                for p in ledger.payments where ids.contains(p.invoiceID ?? "") { out.append((p.receivedOn, 1, .pay(p))) }
                for a in ledger.adjustments where ids.contains(a.invoiceID) { out.append((a.on, 1, .adjust(a))) }
                for x in ledger.disputes where ids.contains(x.invoiceID) { out.append((x.openedOn, 1, .dispute(x))) }
                return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            }
            var byID = ClientRiskHistory(client: client)
            for (_, _, event) in events(of: invoices[..<split]) {
                switch event {
                case .issue(let inv): byID.recordIssued(invoiceID: inv.id, issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: inv.amount)
                case .pay(let p): byID.recordPayment(invoiceID: p.invoiceID ?? "", on: p.receivedOn, amount: p.amount)
                case .adjust(let a): byID.recordAdjustment(invoiceID: a.invoiceID, on: a.on, amount: a.amount, kind: a.kind)
                case .dispute(let x): byID.recordDisputeOpened(invoiceID: x.invoiceID, on: x.openedOn)
                }
            }
            var byPosition = byID.unshared()
            #expect(byPosition == byID)
            var position: [String: Int] = [:]
            var buffer: [Double] = []
            for (_, _, event) in events(of: invoices[split...]) {
                switch event {
                case .issue(let inv):
                    byPosition.features(issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: inv.amount, into: &buffer)
                    #expect(buffer == byID.features(issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: inv.amount), "invoice \(inv.id)")
                    byID.recordIssued(invoiceID: inv.id, issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: inv.amount)
                    position[inv.id] = byPosition.recordIssued(issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: inv.amount)
                    compared += 1
                case .pay(let p):
                    byID.recordPayment(invoiceID: p.invoiceID ?? "", on: p.receivedOn, amount: p.amount)
                    if let i = position[p.invoiceID ?? ""] { byPosition.recordPayment(position: i, on: p.receivedOn, amount: p.amount) }
                case .adjust(let a):
                    byID.recordAdjustment(invoiceID: a.invoiceID, on: a.on, amount: a.amount, kind: a.kind)
                    if let i = position[a.invoiceID] { byPosition.recordAdjustment(position: i, on: a.on, amount: a.amount, kind: a.kind) }
                case .dispute(let x):
                    byID.recordDisputeOpened(invoiceID: x.invoiceID, on: x.openedOn)
                    if let i = position[x.invoiceID] { byPosition.recordDisputeOpened(position: i, on: x.openedOn) }
                }
            }
            #expect(byPosition.tracked == byID.tracked)
        }
        #expect(compared > 20)
    }
}
