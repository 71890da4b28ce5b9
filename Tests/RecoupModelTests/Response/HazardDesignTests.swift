import Foundation
import RecoupPolicy
import Testing
@testable import RecoupModel

@Suite struct HazardDesignTests {
    func d(_ s: String) -> Day { (try? Day(iso: s)) ?? Day(ordinal: 0) }

    /// Business days: Friday → Monday is 1, Friday → Saturday 0, Monday → next Monday 5.
    @Test func businessDays() {
        let friday = d("2026-11-20"), saturday = d("2026-11-21"), monday = d("2026-11-23")
        #expect(friday.isoWeekday == 5)
        #expect(BusinessCalendar.businessDays(from: friday, to: saturday) == 0)
        #expect(BusinessCalendar.businessDays(from: friday, to: monday) == 1)
        #expect(BusinessCalendar.businessDays(from: monday, to: monday + 7) == 5)
        #expect(BusinessCalendar.businessDays(from: monday, to: friday) == 0)
    }

    /// Stocks by hand: a reached email on Friday is worth 0.5^(1/5) on Monday; an unreached
    /// call on Monday adds 0.3 to the call and human stocks; a firm contact feeds the firm
    /// stock; n7 counts contacts in the 7 days ending the valuation day.
    @Test func contactStockByHand() {
        var stock = ContactStock(halfLife: 5, unreachedWeight: 0.3)
        let friday = d("2026-11-20"), monday = d("2026-11-23")
        stock.record(on: friday, channel: .email, tone: .firm, actor: .agent, reached: true)
        stock.record(on: monday, channel: .call, tone: .standard, actor: .human, reached: false)
        #expect(abs(stock.stock(of: .email) - pow(0.5, 0.2)) < 1e-12)
        #expect(abs(stock.stock(of: .call) - 0.3) < 1e-12)
        #expect(abs(stock.humanStock - 0.3) < 1e-12)
        #expect(abs(stock.firmStock - pow(0.5, 0.2)) < 1e-12)
        #expect(stock.contactsInLast7Days == 2)
        stock.advance(to: friday + 7)   // next Friday: the first contact is 7 days old
        #expect(stock.contactsInLast7Days == 1)
        #expect(abs(stock.stock(of: .email) - pow(0.5, 1.0)) < 1e-12)
    }

    /// Which days are rows: weekends, disputed days, the promised day and an autopay client's
    /// days up to its attempt are not; a Saturday payment is Monday's event.
    @Test func rowRules() throws {
        // Invoice A: issued Mon 2026-11-02, due Mon 11-09, dispute open 11-04 … 11-05 (resolved
        // 11-06), promise made 11-10 for Thu 11-12, paid Sat 11-14 → label on Mon 11-16.
        // Invoice B (autopay client): issued 11-02, due Sun 11-08 → attempt Mon 11-09, not paid,
        // paid Wed 11-11.
        let ledger = Ledger(
            clients: [Client(id: "K", segment: "smb"), Client(id: "Z", segment: "smb", autopay: true)],
            invoices: [Invoice(id: "A", clientID: "K", issuedOn: d("2026-11-02"), dueOn: d("2026-11-09"), amount: Money(minorUnits: 10_000)),
                       Invoice(id: "B", clientID: "Z", issuedOn: d("2026-11-02"), dueOn: d("2026-11-08"), amount: Money(minorUnits: 5_000))],
            payments: [Payment(id: "p1", clientID: "K", receivedOn: d("2026-11-14"), amount: Money(minorUnits: 10_000), invoiceID: "A"),
                       Payment(id: "p2", clientID: "Z", receivedOn: d("2026-11-11"), amount: Money(minorUnits: 5_000), invoiceID: "B")],
            actions: [CollectionAction(id: "x", invoiceID: "A", at: d("2026-11-10"), channel: .voiceAgent, outcome: .promise)],
            promises: [PaymentPromise(invoiceID: "A", madeOn: d("2026-11-10"), promisedOn: d("2026-11-12"))],
            disputes: [Dispute(invoiceID: "A", openedOn: d("2026-11-04"), resolvedOn: d("2026-11-06"))])
        let design = HazardDesignBuilder.build(ledger: ledger, options: .init(until: d("2026-11-30")))
        let rowsA = (0..<design.rows).filter { design.invoiceIndex[$0] == 0 }.map { Day(ordinal: Int(design.day[$0])).iso }
        // 11-02, 11-03 (11-04, 11-05 disputed), 11-06, 11-09, 11-10, 11-11 (11-12 promised), 11-13, 11-16.
        #expect(rowsA == ["2026-11-02", "2026-11-03", "2026-11-06", "2026-11-09", "2026-11-10", "2026-11-11",
                          "2026-11-13", "2026-11-16"])
        let labelsA = (0..<design.rows).filter { design.invoiceIndex[$0] == 0 }.map { design.y[$0] }
        #expect(labelsA == [0, 0, 0, 0, 0, 0, 0, 1])
        let rowsB = (0..<design.rows).filter { design.invoiceIndex[$0] == 1 }.map { Day(ordinal: Int(design.day[$0])).iso }
        #expect(rowsB == ["2026-11-10", "2026-11-11"])
        let p = design.columns
        let names = design.layout.columnNames
        func value(_ row: Int, _ name: String) -> Double { design.x[row * p + (names.firstIndex(of: name) ?? 0)] }
        // 11-10 (row 4): promise waiting, dispute resolved 4 days ago, voice contact counted that day.
        #expect(value(4, "promise_waiting") == 1)
        #expect(value(4, "dispute_resolved_14") == 1)
        #expect(abs(value(4, "contact_voice_agent") - log(2)) < 1e-12)
        #expect(value(4, "dpd_1_7") == 1)
        #expect(value(3, "dpd_0") == 1)
        #expect(value(4, "weekday_tue") == 1)
    }

    /// The simulator's per-day predictor equals the batch (dgemv) predictor on the design rows.
    @Test func perDayPredictorAgreesWithBatch() throws {
        let world = TestWorld(clients: 30, months: 4, seed: 5)
        let design = HazardDesignBuilder.build(ledger: world.ledger, options: .init(until: world.until))
        let index = HazardDesignBuilder.LedgerIndex(world.ledger)
        var options = PaymentResponseFitter.Options()
        options.clientEffectSDUpdates = 0
        let model = try PaymentResponseFitter.fit(
            design: design, outcomes: ContactOutcomeModels.estimate(ledger: world.ledger, index: index, until: world.until),
            options: options)
        let batch = model.linearPredictors(x: design.x, rows: design.rows, clientIndex: design.clientIndex, clientIDs: design.clientIDs)
        // Replay invoice 0 day by day with a ContactStock, as the simulator does.
        let invoice = world.ledger.invoices[0]
        let client = world.ledger.clients.first { $0.id == invoice.clientID }
        var stock = ContactStock(halfLife: model.layout.halfLife, unreachedWeight: model.layout.unreachedWeight)
        let actions = world.ledger.actions.filter { $0.invoiceID == invoice.id }.sorted { $0.at < $1.at }
        var next = 0, compared = 0
        for i in 0..<design.rows where design.invoiceIndex[i] == 0 {
            let day = Day(ordinal: Int(design.day[i]))
            while next < actions.count && actions[next].at <= day {
                let a = actions[next]
                stock.record(on: a.at, channel: a.channel, tone: a.tone, actor: a.actor, reached: ContactStock.isReached(a.outcome))
                next += 1
            }
            stock.advance(to: day)
            let single = model.linearPredictor(day: day, invoice: invoice, client: client, stock: stock,
                                               promiseWaiting: false, disputeResolvedRecently: false)
            #expect(abs(single - batch[i]) < 1e-10)
            compared += 1
        }
        #expect(compared > 5)
        #expect(model.hazard(day: d("2026-11-21"), invoice: invoice, client: client, stock: stock,
                             promiseWaiting: false, disputeResolvedRecently: false) == 0)
    }
}

@Suite struct HazardLeakageTests {
    /// No leakage in the hazard rows: deleting every ledger row dated after d (payments, contacts,
    /// promises, disputes opened, adjustments, invoices) leaves every row dated on or before d —
    /// its features and its label — unchanged (segments and amount centring held fixed).
    @Test func rowsUpToDayDDoNotDependOnLaterRows() {
        let world = TestWorld(clients: 20, months: 6, seed: 8)
        let full = world.ledger
        let index = HazardDesignBuilder.LedgerIndex(full)
        let segments = HazardDesignBuilder.segmentLayout(ledger: full, index: index, invoices: Array(full.invoices.indices))
        var options = HazardDesignBuilder.Options(until: world.until)
        options.segments = segments
        let reference = HazardDesignBuilder.build(ledger: full, options: options)
        let p = reference.columns
        for offset in [40, 95, 150] {
            let cut = world.start + offset
            var truncated = full
            truncated.invoices.removeAll { $0.issuedOn > cut }
            truncated.payments.removeAll { $0.receivedOn > cut }
            truncated.actions.removeAll { $0.at > cut }
            truncated.promises.removeAll { $0.madeOn > cut }
            truncated.disputes.removeAll { $0.openedOn > cut }
            truncated.adjustments.removeAll { $0.on > cut }
            let design = HazardDesignBuilder.build(ledger: truncated, options: options)
            var expected: [String: ([Double], Double)] = [:]
            for i in 0..<reference.rows where Int(reference.day[i]) <= cut.ordinal {
                let key = full.invoices[Int(reference.invoiceIndex[i])].id + "@\(reference.day[i])"
                expected[key] = (Array(reference.x[(i * p)..<(i * p + p)]), reference.y[i])
            }
            var seen = 0
            for i in 0..<design.rows where Int(design.day[i]) <= cut.ordinal {
                let key = truncated.invoices[Int(design.invoiceIndex[i])].id + "@\(design.day[i])"
                guard let (x, y) = expected[key] else { Issue.record("extra row \(key)"); continue }
                #expect(Array(design.x[(i * p)..<(i * p + p)]) == x, "features of \(key)")
                #expect(design.y[i] == y, "label of \(key)")
                seen += 1
            }
            #expect(seen == expected.count)
            #expect(seen > 100)
        }
    }
}
