import RecoupPolicy

/// What a policy would have done about each cohort invoice on its actual history (its actual
/// disputes, promises, payments and write-off): the contacts (day, channel) `PolicyEngine`
/// makes, per invoice, with no consolidation. Off-policy estimation keeps the invoices whose
/// logged contacts are exactly these.
struct TargetOnHistory {
    /// Sorted contact codes (`LoggedTrajectories.code`) per cohort invoice.
    var contacts: [[Int]]

    /// - Complexity: O(invoice-days of the cohort + ledger rows).
    init(engine: PolicyEngine, ledger: Ledger, cohort: ReplayCohort) {
        var position: [String: Int] = [:]
        for (g, id) in cohort.invoiceIDs.enumerated() { position[id] = g }
        var payments = [[(Int, Int64)]](repeating: [], count: cohort.count)
        for p in ledger.payments { if let id = p.invoiceID, let g = position[id] { payments[g].append((p.receivedOn.ordinal, p.amount.minorUnits)) } }
        var reductions = [[(Int, Int64)]](repeating: [], count: cohort.count)
        for a in ledger.adjustments { if let g = position[a.invoiceID] { reductions[g].append((a.on.ordinal, a.amount.minorUnits)) } }
        var disputes = [[Dispute]](repeating: [], count: cohort.count)
        for d in ledger.disputes { if let g = position[d.invoiceID] { disputes[g].append(d) } }
        var promises = [[PaymentPromise]](repeating: [], count: cohort.count)
        for p in ledger.promises { if let g = position[p.invoiceID] { promises[g].append(p) } }
        let needsRisk = engine.policy.riskModel != nil && engine.policy.tiers.count > 1
        let calculator = needsRisk ? RiskFeatureCalculator(ledger: ledger) : nil
        let autopay = Set(ledger.clients.filter(\.autopay).map(\.id))
        var out = [[Int]](repeating: [], count: cohort.count)
        var decision = DayDecision()
        for g in 0..<cohort.count {
            let risk = calculator.map { engine.risk(featureValues: $0.values(forInvoiceAt: cohort.ledgerPositions[g])) } ?? 0
            var state = engine.makeState(risk: risk)
            let due = Day(ordinal: cohort.dueOn[g])
            let isAutopay = autopay.contains(cohort.clients[cohort.clientOf[g]].id)
            var codes: [Int] = []
            var d = cohort.issuedOn[g]
            while true {
                // Balance at the start of d: payments and adjustments before d.
                var balance = cohort.amount[g]
                for (day, amount) in payments[g] where day < d { balance -= amount }
                for (day, amount) in reductions[g] where day <= d { balance -= amount }
                if balance <= 0 { break }
                let day = Day(ordinal: d)
                let promised = promises[g].filter { $0.madeOn < day }.max { $0.madeOn < $1.madeOn }?.promisedOn
                let facts = InvoiceDayFacts(day: day, dueOn: due, openBalance: Money(minorUnits: balance), isAutopay: isAutopay,
                                            isDisputeOpen: disputes[g].contains { $0.isOpen(on: day) },
                                            disputeOpenedToday: disputes[g].contains { $0.openedOn == day }, promisedOn: promised)
                engine.decide(&state, facts, into: &decision)
                if decision.writeOff { break }
                for contact in decision where contact.executes(on: day) {
                    codes.append(LoggedTrajectories.code(day: d, channel: contact.channel))
                }
                if payments[g].contains(where: { $0.0 == d }) { engine.recordPayment(&state) }
                d += 1
            }
            out[g] = codes.sorted()
        }
        contacts = out
    }
}
