import Foundation
import RecoupPolicy
import RecoupSimulation

/// A contact as remembered for the hazard: its day, channel and weight.
struct ContactMark {
    var day: Day
    var channel: Int
    var weight: Double
    var isFirm: Bool
}

/// The simulation state of one open invoice.
struct LiveInvoice {
    let invoice: WorldInvoice
    var open: Int64
    var isClosed = false
    var marks: [ContactMark] = []
    var disputeOpen = false
    var disputeResolveOn: Day?
    var disputeOpenedOn: Day?
    /// Index into `ClientHistory.disputes` of the open dispute.
    var disputeRecord: Int?
    var hadDispute = false
    let spontaneousDisputeOn: Day?
    var promisedOn: Day?
    var promisePayOn: Day?
    var promiseKept = false
    let autopayOn: Day?
    var lastPaymentOn: Day?
    var contactsSinceLastPayment = 0
}

extension SyntheticWorld {
    /// The world's true behaviour for one client over a horizon, with contacts chosen by `decider`.
    ///
    /// Every draw is keyed by (seed, run 0, invoice, day, purpose, ordinal of the contact that
    /// day), so the same invoice on the same day sees the same numbers whatever the decider:
    /// two deciders' histories differ only through their contacts. Within a day the order is
    /// SPEC §4's: write-offs; disputes resolving or opening; contacts (their effect starts that
    /// day) and their outcomes; payments (Monday–Friday only, never while a dispute is open).
    ///
    /// - Complexity: O(days × open invoices × contacts per invoice).
    /// - Parameters:
    ///   - run: the behaviour draws' run (0 is the history's; truth mode's run r uses r, so run 0
    ///     of a policy shares every draw with the history).
    ///   - writeOffAfterDays: days past due of the write-off (the policy's in truth mode);
    ///     default `parameters.writeOffAfterDays`.
    public func simulate<D: ContactDecider>(clientIndex: Int, decider: inout D, until horizon: Horizon, run: UInt64 = 0,
                                            writeOffAfterDays: Int? = nil) -> ClientHistory {
        var p = parameters
        if let writeOffAfterDays { p.writeOffAfterDays = writeOffAfterDays }
        let rng = self.rng.forRun(run)
        let client = clients[clientIndex]
        let ids = invoicesByClient[clientIndex]
        guard let firstID = ids.first else { return ClientHistory(clientIndex: clientIndex, lastDay: p.end) }
        let lastDay: Day
        switch horizon {
        case .observationEnd: lastDay = p.end
        case .allClosed: lastDay = ids.map { invoices[$0].dueOn }.max().map { $0 + p.writeOffAfterDays } ?? p.end
        }
        var history = ClientHistory(clientIndex: clientIndex, lastDay: lastDay)
        let hazard = PaymentHazard(parameters: p, client: client)
        var live: [LiveInvoice] = []
        var views: [InvoiceView] = []
        var todayCount: [Int] = []
        var todayContacts: [[Int]] = []
        var nextIssue = 0
        var day = invoices[firstID].issuedOn
        while day <= lastDay {
            while nextIssue < ids.count, invoices[ids[nextIssue]].issuedOn <= day {
                live.append(makeLive(invoices[ids[nextIssue]], client: client, rng: rng))
                decider.observe(.issued(invoices[ids[nextIssue]]))
                nextIssue += 1
            }
            if live.isEmpty {
                guard nextIssue < ids.count else { break }
                day = invoices[ids[nextIssue]].issuedOn
                continue
            }
            let d = day.ordinal
            // 1. Write-offs.
            for i in live.indices where day - live[i].invoice.dueOn >= p.writeOffAfterDays {
                history.adjustments.append(WorldAdjustment(invoice: live[i].invoice.index, day: day,
                                                           amount: live[i].open, kind: .writeOff))
                decider.observe(.adjustment(history.adjustments[history.adjustments.count - 1]))
                if let r = live[i].disputeRecord, live[i].disputeOpen { history.disputes[r].resolvedOn = day }
                live[i].open = 0
                live[i].isClosed = true
            }
            // 2. Disputes resolving or opening.
            for i in live.indices where !live[i].isClosed {
                let e = live[i].invoice.index
                if live[i].disputeOpen, live[i].disputeResolveOn == day {
                    live[i].disputeOpen = false
                    if let r = live[i].disputeRecord { history.disputes[r].resolvedOn = day }
                    if rng.bernoulli(p.disputeCreditProbability, entity: e, day: d, purpose: .disputeCredit) {
                        let share = p.disputeCreditShare.lowerBound + (p.disputeCreditShare.upperBound - p.disputeCreditShare.lowerBound)
                            * rng.uniform(entity: e, day: d, purpose: .disputeCreditShare)
                        let credit = min(live[i].open, max(1, Int64((Double(live[i].invoice.amount) * share).rounded())))
                        history.adjustments.append(WorldAdjustment(invoice: e, day: day, amount: credit, kind: .creditNote))
                        decider.observe(.adjustment(history.adjustments[history.adjustments.count - 1]))
                        live[i].open -= credit
                        if live[i].open == 0 { live[i].isClosed = true }
                    }
                } else if !live[i].disputeOpen, !live[i].hadDispute, live[i].spontaneousDisputeOn == day {
                    openDispute(&live[i], on: day, fromContact: false, history: &history, rng: rng)
                    decider.observe(.disputeOpened(invoice: e, on: day))
                }
            }
            // 3. Decisions and contacts, then their outcomes.
            views.removeAll(keepingCapacity: true)
            for i in live.indices where !live[i].isClosed {
                let inv = live[i]
                var last7 = 0
                for m in inv.marks where m.day.ordinal > d - 7 && m.day.ordinal < d { last7 += 1 }
                views.append(InvoiceView(invoice: inv.invoice, openBalance: inv.open, dpd: day - inv.invoice.dueOn,
                                         isDisputeOpen: inv.disputeOpen,
                                         disputeOpenedOn: inv.disputeOpen ? inv.disputeOpenedOn : nil,
                                         promisedOn: inv.promisedOn,
                                         contactsLast7Days: last7, contactsSinceLastPayment: inv.contactsSinceLastPayment,
                                         lastPaymentOn: inv.lastPaymentOn))
            }
            var anyContact = false
            if !views.isEmpty {
                let planned = decider.contacts(on: day, client: client, invoices: views)
                if !planned.isEmpty {
                    anyContact = true
                    todayCount = [Int](repeating: 0, count: live.count)
                    todayContacts = [[Int]](repeating: [], count: live.count)
                }
                for contact in planned {
                    for (j, e) in contact.invoices.enumerated() {
                        guard let i = live.firstIndex(where: { $0.invoice.index == e }), !live[i].isClosed else { continue }
                        let k = todayCount[i]
                        todayCount[i] += 1
                        let c = contact.channel.index
                        let reached = rng.bernoulli(p.reachProbability[c], entity: e, day: d, purpose: .reach, index: k)
                        live[i].marks.append(ContactMark(day: day, channel: c, weight: reached ? 1 : p.unreachedWeight,
                                                         isFirm: contact.tone >= .firm))
                        live[i].contactsSinceLastPayment += 1
                        var outcome: ActionOutcome = reached
                            ? .none : (contact.channel == .call || contact.channel == .voiceAgent ? .noAnswer : .bounced)
                        let promiseActive = live[i].promisedOn.map { day <= $0 + p.promiseGraceDays } ?? false
                        if reached, !live[i].disputeOpen, !promiseActive {
                            if rng.bernoulli(p.promiseProbability[c], entity: e, day: d, purpose: .promise, index: k) {
                                let delay = rng.integer(in: p.promiseDelayDays, entity: e, day: d, purpose: .promiseDelay, index: k)
                                let kept = rng.bernoulli(p.promiseKeptProbability, entity: e, day: d, purpose: .promiseKept, index: k)
                                let promised = day + delay
                                live[i].promisedOn = promised
                                live[i].promisePayOn = promised.nextBusinessDay
                                live[i].promiseKept = kept
                                history.promises.append(WorldPromise(invoice: e, madeOn: day, promisedOn: promised,
                                                                     amount: live[i].open, isKept: kept))
                                decider.observe(.promiseMade(history.promises[history.promises.count - 1]))
                                outcome = .promise
                            } else if rng.bernoulli(p.disputeProbability[contact.tone.firmness], entity: e, day: d,
                                                    purpose: .dispute, index: k) {
                                openDispute(&live[i], on: day, fromContact: true, history: &history, rng: rng)
                                decider.observe(.disputeOpened(invoice: e, on: day))
                                outcome = .dispute
                            }
                        }
                        todayContacts[i].append(history.contacts.count)
                        history.contacts.append(WorldContact(
                            invoice: e, day: day, channel: contact.channel, actor: contact.actor, tone: contact.tone,
                            outcome: outcome, minutes: j == 0 ? contact.humanMinutes : nil,
                            propensity: contact.propensity, sharedWith: j))
                    }
                }
            }
            // 4. Payments.
            if !day.isWeekend {
                for i in live.indices where !live[i].isClosed && !live[i].disputeOpen {
                    let e = live[i].invoice.index
                    var amount: Int64 = 0
                    var cause = PaymentCause.hazard
                    if live[i].promiseKept, live[i].promisePayOn == day {
                        amount = live[i].open
                        cause = .promise
                    } else if let autopayOn = live[i].autopayOn, day <= autopayOn {
                        if day < autopayOn { continue }
                        if rng.bernoulli(p.autopaySuccess, entity: e, day: live[i].invoice.dueOn.ordinal, purpose: .autopay) {
                            amount = live[i].open
                            cause = .autopay
                        }
                    }
                    if amount == 0 {
                        let h = hazard.probability(day: day, invoice: live[i])
                        guard rng.bernoulli(h, entity: e, day: d, purpose: .payment) else { continue }
                        amount = live[i].open
                        if rng.bernoulli(p.partialShare, entity: e, day: d, purpose: .partial) {
                            let f = p.partialFraction.lowerBound + (p.partialFraction.upperBound - p.partialFraction.lowerBound)
                                * rng.uniform(entity: e, day: d, purpose: .partialShare)
                            let part = Int64((Double(live[i].open) * f).rounded(.down))
                            if part >= 1, part < live[i].open {
                                amount = part
                                cause = .partial
                            }
                        }
                    }
                    history.payments.append(WorldPayment(
                        invoice: e, day: day, amount: amount, method: paymentMethod(client: client, cause: cause, entity: e, day: d, rng: rng),
                        cause: cause,
                        isReconciliationException: rng.bernoulli(p.reconciliationExceptionShare, entity: e, day: d,
                                                                 purpose: .reconciliation)))
                    decider.observe(.payment(history.payments[history.payments.count - 1]))
                    live[i].open -= amount
                    live[i].lastPaymentOn = day
                    live[i].contactsSinceLastPayment = 0
                    if anyContact {
                        for r in todayContacts[i] where history.contacts[r].outcome == .none { history.contacts[r].outcome = .paid }
                    }
                    if live[i].open == 0 { live[i].isClosed = true }
                }
            }
            live.removeAll { $0.isClosed }
            day = day + 1
        }
        return history
    }

    private func makeLive(_ invoice: WorldInvoice, client: WorldClient, rng: CounterRandom) -> LiveInvoice {
        let p = parameters
        let e = invoice.index
        let issued = invoice.issuedOn.ordinal
        var spontaneous: Day?
        if rng.bernoulli(p.spontaneousDisputeShare, entity: e, day: issued, purpose: .spontaneousDispute) {
            spontaneous = invoice.issuedOn + rng.integer(in: p.spontaneousDisputeDelay, entity: e, day: issued,
                                                         purpose: .spontaneousDisputeDelay)
        }
        return LiveInvoice(invoice: invoice, open: invoice.amount, spontaneousDisputeOn: spontaneous,
                           autopayOn: client.client.autopay ? invoice.dueOn.nextBusinessDay : nil)
    }

    private func openDispute(_ inv: inout LiveInvoice, on day: Day, fromContact: Bool, history: inout ClientHistory,
                             rng: CounterRandom) {
        let p = parameters
        let e = inv.invoice.index
        let extra = RandomDistributions.geometric(
            mean: p.disputeExtraMeanDays, u: rng.uniform(entity: e, day: day.ordinal, purpose: .disputeDuration))
        inv.disputeOpen = true
        inv.hadDispute = true
        inv.disputeResolveOn = day + p.disputeMinDays + extra
        inv.disputeOpenedOn = day
        inv.disputeRecord = history.disputes.count
        let reason = DisputeReasons.all[rng.integer(in: 0...(DisputeReasons.all.count - 1), entity: e, day: day.ordinal,
                                                    purpose: .disputeReason)]
        history.disputes.append(WorldDispute(invoice: e, openedOn: day, resolvedOn: nil, reason: reason,
                                             isFromContact: fromContact))
    }

    private func paymentMethod(client: WorldClient, cause: PaymentCause, entity: Int, day: Int, rng: CounterRandom) -> PaymentMethod {
        let weights: [Double]  // ach, card, check, wire
        if cause == .autopay {
            weights = [0.4, 0.6, 0, 0]
        } else {
            switch client.segment {
            case .smb: weights = [0.45, 0.20, 0.30, 0.05]
            case .mid: weights = [0.60, 0.05, 0.25, 0.10]
            case .enterprise: weights = [0.50, 0.0, 0.15, 0.35]
            }
        }
        let k = rng.categorical(weights, entity: entity, day: day, purpose: .paymentMethod)
        return [PaymentMethod.ach, .card, .check, .wire][k]
    }
}

/// Reasons a client disputes an MSP invoice.
enum DisputeReasons {
    static let all = [
        "hours billed", "duplicate charge", "license count", "project scope", "service outage credit",
        "rate change not agreed", "hardware not received",
    ]
}
