import RecoupPolicy
import RecoupSimulation

/// What a contact decider sees of one open invoice on one day, after the day's write-offs and
/// dispute changes and before its contacts (SPEC §4 order within a day).
public struct InvoiceView: Sendable, Hashable {
    /// The world's invoice.
    public var invoice: WorldInvoice
    /// Open balance in cents (> 0).
    public var openBalance: Int64
    /// `day − due_on`.
    public var dpd: Int
    /// A dispute is open today.
    public var isDisputeOpen: Bool
    /// The day the open dispute opened (nil when none is open).
    public var disputeOpenedOn: Day?
    /// The latest promised day of a promise made so far, if any.
    public var promisedOn: Day?
    /// Contacts made for this invoice in the 7 days ending yesterday.
    public var contactsLast7Days: Int
    /// Contacts made since the last payment (or since issue).
    public var contactsSinceLastPayment: Int
    /// Day of the last payment, if any.
    public var lastPaymentOn: Day?
}

/// One contact to make today; `invoices` lists the global indices it covers (one for a plain
/// reminder, several when consolidated per client).
public struct PlannedContact: Sendable, Hashable {
    public var invoices: [Int]
    public var channel: Channel
    public var actor: ActorKind
    public var tone: Tone
    /// Probability that the deciding policy chose this contact, when known (logged to actions.csv).
    public var propensity: Double?
    /// Human minutes of the contact, when a person makes it.
    public var humanMinutes: Double?

    public init(invoices: [Int], channel: Channel, actor: ActorKind, tone: Tone, propensity: Double? = nil,
                humanMinutes: Double? = nil) {
        self.invoices = invoices; self.channel = channel; self.actor = actor; self.tone = tone
        self.propensity = propensity; self.humanMinutes = humanMinutes
    }
}

/// The policy hook of the world: decides a client's contacts for a day.
///
/// The history is written under one of the `HistoryCadence` kinds (by default `LoggingCadence`,
/// a randomised cadence); truth mode plugs a policy engine in here. A decider must be deterministic given its inputs and the world's
/// counter-based draws, so that every run of the same world gives the same ledger.
public protocol ContactDecider {
    /// The contacts to make on `day` for `client`, given its open invoices (issued on or
    /// before `day`, sorted by issue).
    mutating func contacts(on day: Day, client: WorldClient, invoices: [InvoiceView]) -> [PlannedContact]

    /// Told of every event as it happens (an invoice issued, a payment, an adjustment, a dispute
    /// opened, a promise made), in the day's order; the default ignores them.
    mutating func observe(_ event: WorldEvent)

    /// Called before a client's simulation starts, so a decider that keeps per-client state
    /// (memory of its steps, the client's payment record) starts afresh; the default does nothing.
    mutating func begin(client: WorldClient)
}

extension ContactDecider {
    public mutating func observe(_ event: WorldEvent) {}
    public mutating func begin(client: WorldClient) {}
}

/// An event of the simulated world, as told to a `ContactDecider`.
public enum WorldEvent: Sendable, Hashable {
    case issued(WorldInvoice)
    case payment(WorldPayment)
    case adjustment(WorldAdjustment)
    case disputeOpened(invoice: Int, on: Day)
    case promiseMade(WorldPromise)
}

/// A decider that never contacts anyone: the no-reminder baseline.
public struct NoContacts: ContactDecider {
    public init() {}
    public mutating func contacts(on day: Day, client: WorldClient, invoices: [InvoiceView]) -> [PlannedContact] { [] }
}
