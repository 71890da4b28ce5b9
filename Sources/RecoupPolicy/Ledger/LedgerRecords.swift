/// Plain values for the rows of a ledger bundle (SPEC §2), shared by the store, the synthetic
/// world, the feature builders, the simulator and the live agent. They hold already-validated
/// data: money in minor units, dates as `Day`s, vocabularies as enums.

/// A customer of the firm.
public struct Client: Hashable, Sendable, Codable {
    public var id: String
    public var name: String?
    public var segment: String?
    /// The day the relationship began, if known.
    public var since: Day?
    /// Payment terms in days (default 30).
    public var termsDays: Int
    public var autopay: Bool
    public var preferredChannel: Channel?

    public init(id: String, name: String? = nil, segment: String? = nil, since: Day? = nil,
                termsDays: Int = 30, autopay: Bool = false, preferredChannel: Channel? = nil) {
        self.id = id; self.name = name; self.segment = segment; self.since = since
        self.termsDays = termsDays; self.autopay = autopay; self.preferredChannel = preferredChannel
    }
}

/// A bill sent to a client.
public struct Invoice: Hashable, Sendable, Codable {
    public var id: String
    public var clientID: String
    public var issuedOn: Day
    public var dueOn: Day
    /// The amount billed, > 0.
    public var amount: Money
    /// ISO 4217 code, default `USD`.
    public var currency: String
    public var number: String?

    public init(id: String, clientID: String, issuedOn: Day, dueOn: Day, amount: Money,
                currency: String = "USD", number: String? = nil) {
        self.id = id; self.clientID = clientID; self.issuedOn = issuedOn; self.dueOn = dueOn
        self.amount = amount; self.currency = currency; self.number = number
    }
}

/// Money received from a client, applied to one invoice or unapplied (`invoiceID == nil`).
public struct Payment: Hashable, Sendable, Codable {
    public var id: String
    public var clientID: String
    public var receivedOn: Day
    public var amount: Money
    public var invoiceID: String?
    public var method: PaymentMethod?

    public init(id: String, clientID: String, receivedOn: Day, amount: Money,
                invoiceID: String? = nil, method: PaymentMethod? = nil) {
        self.id = id; self.clientID = clientID; self.receivedOn = receivedOn; self.amount = amount
        self.invoiceID = invoiceID; self.method = method
    }
}

/// A reminder, call or letter about an invoice, as logged.
public struct CollectionAction: Hashable, Sendable, Codable {
    public var id: String
    public var invoiceID: String
    public var at: Day
    public var channel: Channel
    public var actor: ActorKind
    public var tone: Tone
    public var outcome: ActionOutcome?
    /// Human minutes spent, if recorded.
    public var minutes: Double?
    /// Probability in (0, 1] that the policy then in force chose this action; nil = unknown.
    public var propensity: Double?

    public init(id: String, invoiceID: String, at: Day, channel: Channel, actor: ActorKind = .agent,
                tone: Tone = .standard, outcome: ActionOutcome? = nil, minutes: Double? = nil,
                propensity: Double? = nil) {
        self.id = id; self.invoiceID = invoiceID; self.at = at; self.channel = channel
        self.actor = actor; self.tone = tone; self.outcome = outcome; self.minutes = minutes
        self.propensity = propensity
    }
}

/// A client's promise to pay an invoice by a day.
public struct PaymentPromise: Hashable, Sendable, Codable {
    public var invoiceID: String
    public var madeOn: Day
    public var promisedOn: Day
    public var amount: Money?

    public init(invoiceID: String, madeOn: Day, promisedOn: Day, amount: Money? = nil) {
        self.invoiceID = invoiceID; self.madeOn = madeOn; self.promisedOn = promisedOn; self.amount = amount
    }
}

/// A dispute raised about an invoice; open from `openedOn` until `resolvedOn` (if any).
public struct Dispute: Hashable, Sendable, Codable {
    public var invoiceID: String
    public var openedOn: Day
    public var resolvedOn: Day?
    public var reason: String?

    public init(invoiceID: String, openedOn: Day, resolvedOn: Day? = nil, reason: String? = nil) {
        self.invoiceID = invoiceID; self.openedOn = openedOn; self.resolvedOn = resolvedOn; self.reason = reason
    }

    /// Whether the dispute is open on `day` (opened on or before it and not resolved by it).
    public func isOpen(on day: Day) -> Bool {
        openedOn <= day && (resolvedOn.map { day < $0 } ?? true)
    }
}

/// A credit note or write-off reducing an invoice's open balance.
public struct Adjustment: Hashable, Sendable, Codable {
    public var invoiceID: String
    public var on: Day
    /// The amount by which the balance is reduced (positive).
    public var amount: Money
    public var kind: AdjustmentKind

    public init(invoiceID: String, on: Day, amount: Money, kind: AdjustmentKind) {
        self.invoiceID = invoiceID; self.on = on; self.amount = amount; self.kind = kind
    }
}

/// A bank deposit, for reconciliation.
public struct Deposit: Hashable, Sendable, Codable {
    public var id: String
    public var receivedOn: Day
    public var amount: Money
    public var reference: String?

    public init(id: String, receivedOn: Day, amount: Money, reference: String? = nil) {
        self.id = id; self.receivedOn = receivedOn; self.amount = amount; self.reference = reference
    }
}

/// Minutes a person spent on a collections task on a day.
public struct TimesheetEntry: Hashable, Sendable, Codable {
    public var date: Day
    public var person: String
    public var task: TimesheetTask
    public var minutes: Double

    public init(date: Day, person: String, task: TimesheetTask, minutes: Double) {
        self.date = date; self.person = person; self.task = task; self.minutes = minutes
    }
}
