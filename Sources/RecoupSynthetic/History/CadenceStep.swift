import RecoupSimulation

/// One step of a deterministic reminder cadence: a contact by `channel` in `tone` when an
/// invoice is `offset` days past due (negative: before its due date).
///
/// Shared by the `fixed`, `tiered` and `manual` histories (`HistoryCadence`).
public struct CadenceStep: Sendable, Hashable {
    /// Days past due of the step.
    public var offset: Int
    public var channel: Channel
    public var tone: Tone

    public init(offset: Int, channel: Channel, tone: Tone) {
        self.offset = offset; self.channel = channel; self.tone = tone
    }

    /// Whether `day` is this step's day for an invoice due on `dueOn`: the day `offset` days
    /// past due, or the next business day when that is a weekend (`LoggingCadence`'s rule).
    func falls(on day: Day, dueOn: Day) -> Bool {
        (dueOn + offset).nextBusinessDay == day
    }

    /// The contact an agent's cadence makes for this step on `invoice`: actor `agent`, except
    /// calls, made by a person in `callMinutes` (as in `LoggingCadence`); `propensity` 1, since
    /// the cadence takes the step with certainty.
    func agentContact(invoice: Int, parameters: WorldParameters) -> PlannedContact {
        let human = channel == .call
        return PlannedContact(invoices: [invoice], channel: channel, actor: human ? .human : .agent, tone: tone,
                              propensity: 1, humanMinutes: human ? parameters.callMinutes : nil)
    }
}

extension InvoiceView {
    /// Whether contacts are held back on `day`: a dispute is open, or a promise is live
    /// (`day ≤ promised_on + graceDays`), as `LoggingCadence` holds them.
    func isHeld(on day: Day, graceDays: Int) -> Bool {
        if isDisputeOpen { return true }
        if let promisedOn, day <= promisedOn + graceDays { return true }
        return false
    }
}
