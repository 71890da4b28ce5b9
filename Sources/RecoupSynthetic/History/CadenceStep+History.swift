import RecoupSimulation
import RecoupPolicy

/// A policy's `CadenceStep` (a contact by `channel` in `tone` when an invoice is `day` days past
/// due) as a step of the synthetic world's deterministic histories: `fixed`, `tiered` and
/// `manual` (`HistoryCadence`).
extension CadenceStep {
    /// Whether `day` is this step's day for an invoice due on `dueOn`: the day `self.day` days
    /// past due, or the next business day when that is a weekend (`LoggingCadence`'s rule).
    func falls(on day: Day, dueOn: Day) -> Bool {
        (dueOn + self.day).nextBusinessDay == day
    }

    /// The contact an agent's cadence makes for this step on `invoice`: the step's actor (a
    /// call is always made by a person, in `callMinutes`, as in `LoggingCadence`); `propensity`
    /// 1, since the cadence takes the step with certainty.
    func agentContact(invoice: Int, parameters: WorldParameters) -> PlannedContact {
        let human = channel == .call || actor == .human
        return PlannedContact(invoices: [invoice], channel: channel, actor: human ? .human : actor, tone: tone,
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
