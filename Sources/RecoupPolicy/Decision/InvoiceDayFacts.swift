/// What is known about an invoice at the start of its decision on `day` (after write-offs,
/// disputes opening or resolving, and earlier days' promises; before today's contacts, their
/// outcomes and today's payments: SPEC §4 "order within a day").
public struct InvoiceDayFacts: Sendable, Equatable {
    /// The day being decided.
    public var day: Day
    public var dueOn: Day
    /// Open balance at the start of the day (for `escalation.amountOver`).
    public var openBalance: Money
    /// The client is on autopay (for `holds.skipAutopay`).
    public var isAutopay: Bool
    /// A dispute is open on `day`.
    public var isDisputeOpen: Bool
    /// That dispute opened on `day` (creates the dispute-handling task).
    public var disputeOpenedToday: Bool
    /// `promised_on` of the latest promise made before `day`, if any; the promise holds contact
    /// while `day <= promisedOn + holds.promiseGraceDays`.
    public var promisedOn: Day?

    public init(day: Day, dueOn: Day, openBalance: Money, isAutopay: Bool = false, isDisputeOpen: Bool = false,
                disputeOpenedToday: Bool = false, promisedOn: Day? = nil) {
        self.day = day; self.dueOn = dueOn; self.openBalance = openBalance; self.isAutopay = isAutopay
        self.isDisputeOpen = isDisputeOpen; self.disputeOpenedToday = disputeOpenedToday; self.promisedOn = promisedOn
    }
}
