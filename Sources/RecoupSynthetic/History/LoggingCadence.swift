import RecoupPolicy
import RecoupSimulation

/// The randomised logging policy under which the synthetic history is written (actions.csv).
///
/// At each candidate offset (days past due in `WorldParameters.loggingOffsets`, moved to the
/// next business day on a weekend) of an open invoice that is not held (open dispute, or a
/// promise with `day ≤ promised_on + promiseGraceDays`), a contact happens with probability q;
/// its channel and tone are drawn from fixed distributions (tone by dpd band). Its `propensity`
/// is q × P(channel) × P(tone). Calls are made by a person (`callMinutes`); everything else by
/// the agent. The randomness is what lets the models separate contact effects from client
/// propensity; keep it.
public struct LoggingCadence: ContactDecider {
    public let parameters: WorldParameters
    public let rng: CounterRandom

    public init(parameters: WorldParameters) {
        self.parameters = parameters
        self.rng = CounterRandom(seed: parameters.seed, run: 0)
    }

    /// The tone band (0: before due, 1: 0…14, 2: 15…44, 3: ≥45) of a dpd.
    static func toneBand(dpd: Int) -> Int {
        if dpd < 0 { return 0 }
        if dpd <= 14 { return 1 }
        if dpd <= 44 { return 2 }
        return 3
    }

    public mutating func contacts(on day: Day, client: WorldClient, invoices: [InvoiceView]) -> [PlannedContact] {
        let p = parameters
        var out: [PlannedContact] = []
        for view in invoices {
            let due = view.invoice.dueOn
            let dpd = view.dpd
            guard p.loggingOffsets.contains(where: { dpd >= $0 && dpd <= $0 + 2 && (due + $0).nextBusinessDay == day })
            else { continue }
            if view.isDisputeOpen { continue }
            if let promised = view.promisedOn, day <= promised + p.promiseGraceDays { continue }
            let entity = view.invoice.index
            guard rng.bernoulli(p.loggingContactProbability, entity: entity, day: day.ordinal, purpose: .logging)
            else { continue }
            let c = rng.categorical(p.loggingChannelShares, entity: entity, day: day.ordinal, purpose: .loggingChannel)
            let shares = p.loggingToneShares[LoggingCadence.toneBand(dpd: view.dpd)]
            let t = rng.categorical(shares, entity: entity, day: day.ordinal, purpose: .loggingTone)
            let channelTotal = p.loggingChannelShares.reduce(0, +)
            let toneTotal = shares.reduce(0, +)
            let propensity = p.loggingContactProbability * (p.loggingChannelShares[c] / channelTotal) * (shares[t] / toneTotal)
            let channel = Channel.worldOrder[c]
            let human = channel == .call
            out.append(PlannedContact(invoices: [entity], channel: channel, actor: human ? .human : .agent,
                                      tone: Tone.allCases[t], propensity: propensity,
                                      humanMinutes: human ? p.callMinutes : nil))
        }
        return out
    }
}
