import RecoupPolicy

/// The collections cost model of SPEC §5: what each contact, human minute and payment costs.
///
/// Money is exact minor units; minutes are `Double` (a copilot review is 1.5 minutes). The
/// defaults are SPEC §5's; `recoup … --costs costs.json` overrides any of them (docs/costs.md).
///
/// ```swift
/// let costs = CostModel()
/// costs.contact(channel: .voiceAgent, actor: .agent, execution: .automated).money   // 30 cents
/// ```
public struct CostModel: Sendable, Hashable {
    /// Price of one agent email.
    public var email = Money(minorUnits: 1)
    /// Price of one agent SMS.
    public var sms = Money(minorUnits: 2)
    /// Voice-agent price per minute.
    public var voiceAgentPerMinute = Money(minorUnits: 12)
    /// Minutes of a voice-agent call.
    public var voiceAgentMinutes = 2.5
    /// Printing and postage of one letter (agent or human).
    public var letter = Money(minorUnits: 120)
    /// Loaded hourly cost of a person.
    public var hourlyRate = Money(minorUnits: 4_500)
    /// Human minutes per task.
    public var humanMinutes = HumanMinutes()
    /// Payment-processing fees (charged only when `includeFees`).
    public var paymentFees = PaymentFees()
    /// Whether payment fees count as collections cost (`--include-fees`).
    public var includeFees = false
    /// Cost of capital per year on the balance outstanding (ROI only), as a fraction (0.08 = 8%).
    public var costOfCapital = 0.08

    public init() {}

    /// Human minutes by channel and task (SPEC §5).
    public struct HumanMinutes: Sendable, Hashable {
        public var email = 4.0
        public var sms = 2.0
        public var call = 9.0
        public var letter = 6.0
        /// Review of a copilot step when the policy does not say (`copilot.reviewMinutes`).
        public var copilotReview = 1.5
        public var dispute = 45.0
        public var promiseFollowUp = 5.0
        public var reconciliationException = 6.0
        public init() {}
    }
}

/// How a contact is carried out, for costing.
public enum ContactExecution: Sendable, Hashable {
    /// The agent does it alone.
    case automated
    /// The agent does it after a person's review of `minutes` (copilot mode).
    case reviewed(minutes: Double)
    /// A person does it (manual mode); a voice-agent step becomes a human call.
    case manual
}

/// The cost of one contact: money (including human time at the hourly rate) and human minutes.
public struct ContactCost: Sendable, Hashable {
    /// Everything, in minor units: channel price plus human minutes at the hourly rate.
    public var money: Money
    /// Human minutes spent.
    public var humanMinutes: Double
    /// The timesheet task those minutes belong to.
    public var task: TimesheetTask

    public init(money: Money, humanMinutes: Double, task: TimesheetTask) {
        self.money = money; self.humanMinutes = humanMinutes; self.task = task
    }
}

extension CostModel {
    /// Price of one agent voice call: per-minute price × minutes, to the nearest cent
    /// ($0.12 × 2.5 = $0.30).
    public var voiceAgentCall: Money {
        voiceAgentPerMinute.scaled(by: Int64((voiceAgentMinutes * 1_000).rounded()), over: 1_000,
                                   rounding: .toNearestOrAwayFromZero)
    }

    /// Human minutes of a contact made by a person on `channel` (a person's voice call is a call).
    public func humanMinutes(channel: Channel) -> Double {
        switch channel {
        case .email: return humanMinutes.email
        case .sms: return humanMinutes.sms
        case .voiceAgent, .call: return humanMinutes.call
        case .letter: return humanMinutes.letter
        }
    }

    /// Cost of `minutes` of human work at the hourly rate, to the nearest cent
    /// (9 minutes at $45/h = $6.75).
    public func labour(minutes: Double) -> Money {
        hourlyRate.scaled(by: Int64((minutes * 1_000).rounded()), over: 60_000, rounding: .toNearestOrAwayFromZero)
    }

    /// The cost of one contact.
    ///
    /// - An agent contact costs its channel's price (a `call` is always a person's: SPEC §4).
    /// - A person's contact (actor `human`, channel `call`, or `.manual`) costs the channel's
    ///   human minutes at the hourly rate, plus printing and postage for a letter.
    /// - `.reviewed(minutes:)` adds the review minutes at the hourly rate to an agent contact.
    public func contact(channel: Channel, actor: ActorKind, execution: ContactExecution) -> ContactCost {
        let byPerson = actor == .human || channel == .call || execution == .manual
        if byPerson {
            let minutes = humanMinutes(channel: channel)
            let postage = channel == .letter ? letter : .zero
            let task: TimesheetTask = channel == .call || channel == .voiceAgent ? .calls : .reminders
            return ContactCost(money: labour(minutes: minutes) + postage, humanMinutes: minutes, task: task)
        }
        let price: Money
        switch channel {
        case .email: price = email
        case .sms: price = sms
        case .voiceAgent: price = voiceAgentCall
        case .letter: price = letter
        case .call: price = .zero  // unreachable: calls are by a person
        }
        if case .reviewed(let minutes) = execution {
            return ContactCost(money: price + labour(minutes: minutes), humanMinutes: minutes, task: .reminders)
        }
        return ContactCost(money: price, humanMinutes: 0, task: .reminders)
    }

    /// Review minutes of a copilot step: the policy's `copilot.reviewMinutes` when given, else
    /// this model's default (1.5).
    public func copilotReviewMinutes(policyValue: Double?) -> Double { policyValue ?? humanMinutes.copilotReview }

    /// A copilot review of `minutes` (charged on the decision day; task `reminders`).
    public func review(minutes: Double) -> ContactCost { task(minutes, .reminders) }

    /// Handling one dispute (45 minutes).
    public var dispute: ContactCost { task(humanMinutes.dispute, .disputes) }
    /// Following up one promise to pay (5 minutes).
    public var promiseFollowUp: ContactCost { task(humanMinutes.promiseFollowUp, .other) }
    /// One reconciliation exception (6 minutes).
    public var reconciliationException: ContactCost { task(humanMinutes.reconciliationException, .reconciliation) }

    private func task(_ minutes: Double, _ task: TimesheetTask) -> ContactCost {
        ContactCost(money: labour(minutes: minutes), humanMinutes: minutes, task: task)
    }

    /// The processing fee of a payment, or zero unless `includeFees`.
    public func paymentFee(amount: Money, method: PaymentMethod) -> Money {
        includeFees ? paymentFees.fee(amount: amount, method: method) : .zero
    }

    /// Cost of carrying `balance` for `days` at `costOfCapital` a year (365-day year), to the
    /// nearest cent.
    public func capitalCost(balance: Money, days: Int) -> Money {
        let ratePPM = Int64((costOfCapital * 1_000_000).rounded())
        return balance.scaled(by: ratePPM * Int64(days), over: 365_000_000, rounding: .toNearestOrAwayFromZero)
    }
}
