import RecoupPolicy

/// What one policy's replay of one client adds up: its tally (`ReplayTally`) and, when its
/// tiers use the risk features, the client's risk history as the replay writes it.
struct ReplayAccount {
    var tally: [Double]
    var history: ClientRiskHistory?
}

/// What each event of a replay adds to a policy's account: the cost model's prices and human
/// minutes (SPEC §5) in the tally, and the event in the risk history.
///
/// An event's effect on an invoice's simulated state is the replay's (`ClientReplay`); these
/// methods only charge it, so that the shared replay can change a state once and charge every
/// policy whose invoice is in it.
struct ReplayCharges {
    let costs: CostModel
    /// Money (minor units) and human minutes of a contact by channel (`Channel.allCases` order)
    /// and actor (agent 0, human 1), from the cost model.
    let contactMoney: [Int64]
    let contactMinutes: [Double]
    let disputeMoney: Int64
    let promiseMoney: Int64

    init(costs: CostModel) {
        self.costs = costs
        var money: [Int64] = [], minutes: [Double] = []
        for channel in Channel.allCases {
            for actor in [ActorKind.agent, .human] {
                let c = costs.contact(channel: channel, actor: actor, execution: .automated)
                money.append(c.money.minorUnits)
                minutes.append(c.humanMinutes)
            }
        }
        contactMoney = money
        contactMinutes = minutes
        disputeMoney = costs.dispute.money.minorUnits
        promiseMoney = costs.promiseFollowUp.money.minorUnits
    }

    /// An invoice of `amount` (minor units) issued.
    func issue(amount: Int64, into account: inout ReplayAccount) {
        account.tally[.invoices] += 1
        account.tally[.invoiced] += Double(amount)
    }

    /// `amount` written off `age` days after issue, on day `d`; `position` is the invoice's in
    /// the risk history.
    func writeOff(_ amount: Int64, age: Int, position: Int, on d: Int, into account: inout ReplayAccount) {
        account.tally[.writtenOff] += Double(amount)
        account.tally[.writtenOffDays] += Double(amount) * Double(age)
        account.history?.recordAdjustment(position: position, on: Day(ordinal: d), amount: Money(minorUnits: amount),
                                          kind: .writeOff)
    }

    /// `amount` taken off the open balance by a credit note on day `d`.
    func credit(_ amount: Int64, position: Int, on d: Int, into account: inout ReplayAccount) {
        account.tally[.credited] += Double(amount)
        account.history?.recordAdjustment(position: position, on: Day(ordinal: d), amount: Money(minorUnits: amount),
                                          kind: .creditNote)
    }

    /// `amount` received on day `d`, `age` days after issue and `daysPastDue` after the due day.
    func receipt(_ amount: Int64, age: Int, daysPastDue: Int, position: Int, on d: Int, into account: inout ReplayAccount) {
        let a = Double(amount)
        account.tally[.collected] += a
        account.tally[.collectedDays] += a * Double(age)
        for (i, mark) in ReplayTally.collectedByDays.enumerated() where age <= mark {
            account.tally[ReplayTally.collectedBySlot(i)] += a
        }
        if daysPastDue <= 90 { account.tally[.collected90] += a }
        account.history?.recordPayment(position: position, on: Day(ordinal: d), amount: Money(minorUnits: amount))
    }

    /// A dispute opened on day `d`: its task's minutes and cost.
    func dispute(position: Int, on d: Int, into account: inout ReplayAccount) {
        account.tally[.disputes] += 1
        account.tally[.disputeMinutes] += costs.humanMinutes.dispute
        account.tally[.cost] += Double(disputeMoney)
        account.history?.recordDisputeOpened(position: position, on: Day(ordinal: d))
    }

    /// A copilot review of `minutes` costing `money` (minor units).
    func review(minutes: Double, money: Double, into account: inout ReplayAccount) {
        account.tally[.reviewMinutes] += minutes
        account.tally[.cost] += money
        account.tally[.reviews] += 1
    }

    /// A contact's cost: money, and human minutes by task (the history's own minutes where it
    /// logged them).
    func contact(channel: Channel, actor: ActorKind, isEscalation: Bool, loggedMinutes: Double?,
                 into account: inout ReplayAccount) {
        let isHuman = actor == .human || channel == .call
        account.tally[.contacts] += 1
        if isEscalation { account.tally[.escalations] += 1 }
        let slot = 2 * channel.index + (isHuman ? 1 : 0)
        var minutes = contactMinutes[slot]
        var money = contactMoney[slot]
        if isHuman, let logged = loggedMinutes {
            minutes = logged
            money = costs.labour(minutes: logged).minorUnits + (channel == .letter ? costs.letter.minorUnits : 0)
        }
        account.tally[.cost] += Double(money)
        if isHuman {
            if channel == .call || channel == .voiceAgent {
                account.tally[.callMinutes] += minutes
            } else {
                account.tally[.reminderMinutes] += minutes
            }
        }
    }

    /// What a contact led to, on day `d`: a promise's follow-up, or a dispute.
    func outcome(_ outcome: ClientReplay.ContactOutcome, position: Int, on d: Int, into account: inout ReplayAccount) {
        switch outcome {
        case .nothing: break
        case .promise:
            account.tally[.promises] += 1
            account.tally[.promiseMinutes] += costs.humanMinutes.promiseFollowUp
            account.tally[.cost] += Double(promiseMoney)
        case .dispute:
            dispute(position: position, on: d, into: &account)
        }
    }

    /// A history contact's mark in the fit slots (by dpd band and channel, `ReplayTally`).
    func historyContact(channel: Channel, dpd: Int, into account: inout ReplayAccount) {
        account.tally[ReplayTally.contactsByBandSlot(HistoryPolicy.band(dpd: dpd))] += 1
        account.tally[ReplayTally.contactsByChannelSlot(channel.index)] += 1
    }
}
