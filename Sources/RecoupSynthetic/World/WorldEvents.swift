import RecoupPolicy
import RecoupSimulation

/// How a simulated payment came about (not written to the ledger; useful to tests and truth mode).
public enum PaymentCause: Sendable, Hashable {
    case hazard, partial, promise, autopay
}

/// A payment applied to an invoice.
public struct WorldPayment: Sendable, Hashable {
    public var invoice: Int
    public var day: Day
    /// Cents.
    public var amount: Int64
    public var method: PaymentMethod
    public var cause: PaymentCause
    /// Its deposit memo will not name the invoice (a reconciliation exception).
    public var isReconciliationException: Bool
}

/// A contact as made; `invoice` is the invoice whose row it is (a consolidated contact is one
/// row per invoice covered, with `sharedWith` > 0 for all but the first).
public struct WorldContact: Sendable, Hashable {
    public var invoice: Int
    public var day: Day
    public var channel: Channel
    public var actor: ActorKind
    public var tone: Tone
    public var outcome: ActionOutcome
    public var minutes: Double?
    public var propensity: Double?
    /// 0 for the contact's first invoice; 1, 2, … for the others it covers when consolidated.
    public var sharedWith: Int
}

/// A promise to pay made in answer to a contact.
public struct WorldPromise: Sendable, Hashable {
    /// Global invoice index.
    public var invoice: Int
    public var madeOn: Day
    public var promisedOn: Day
    /// Cents: the open balance when made.
    public var amount: Int64
    /// Drawn when the promise is made: kept promises pay in full on `promised_on` (next business day).
    public var isKept: Bool
}

/// A dispute about an invoice (spontaneous or raised by a contact); payments wait while it is open.
public struct WorldDispute: Sendable, Hashable {
    public var invoice: Int
    public var openedOn: Day
    /// The day it is resolved (nil when still open at the end of the horizon).
    public var resolvedOn: Day?
    public var reason: String
    /// Raised by a contact rather than spontaneously.
    public var isFromContact: Bool
}

/// A credit note (on a dispute's resolution) or a write-off (at `writeOffAfterDays` past due).
public struct WorldAdjustment: Sendable, Hashable {
    public var invoice: Int
    public var day: Day
    /// Cents, positive.
    public var amount: Int64
    public var kind: AdjustmentKind
}

/// Everything that happened to one client's invoices over a horizon, in day order.
public struct ClientHistory: Sendable, Hashable {
    public var clientIndex: Int
    public var payments: [WorldPayment] = []
    public var contacts: [WorldContact] = []
    public var promises: [WorldPromise] = []
    public var disputes: [WorldDispute] = []
    public var adjustments: [WorldAdjustment] = []
    /// The last day simulated.
    public var lastDay: Day

    public init(clientIndex: Int, lastDay: Day) {
        self.clientIndex = clientIndex
        self.lastDay = lastDay
    }
}
