import RecoupPolicy

/// What happened to one invoice of a cohort, as fed to `CohortOutcomeAccumulator`.
public struct InvoiceOutcome: Sendable, Hashable {
    public var issuedOn: Day
    public var dueOn: Day
    public var amount: Money
    /// Each amount collected with its receipt day.
    public var collections: [DatedAmount]
    /// Credit notes (reduce the balance; neither collected nor written off).
    public var creditNotes: [DatedAmount]
    /// The write-off of the open balance, if any.
    public var writeOff: DatedAmount?
    /// Contacts made for the invoice (a consolidated contact counts once for every invoice it covers).
    public var contacts: Int
    /// Collections cost attributed to the invoice (SPEC §5).
    public var cost: Money
    /// Human minutes by task, indexed by `TimesheetTask.allCases` order.
    public var humanMinutes: [Double]

    public init(issuedOn: Day, dueOn: Day, amount: Money, collections: [DatedAmount] = [],
                creditNotes: [DatedAmount] = [], writeOff: DatedAmount? = nil, contacts: Int = 0,
                cost: Money = .zero, humanMinutes: [Double] = []) {
        self.issuedOn = issuedOn; self.dueOn = dueOn; self.amount = amount; self.collections = collections
        self.creditNotes = creditNotes; self.writeOff = writeOff; self.contacts = contacts; self.cost = cost
        self.humanMinutes = humanMinutes
    }

    /// Adds `minutes` of human work on `task`.
    public mutating func addHumanMinutes(_ minutes: Double, task: TimesheetTask) {
        if humanMinutes.count < TimesheetTask.allCases.count {
            humanMinutes += [Double](repeating: 0, count: TimesheetTask.allCases.count - humanMinutes.count)
        }
        if let i = TimesheetTask.allCases.firstIndex(of: task) { humanMinutes[i] += minutes }
    }
}

/// An amount on a day.
public struct DatedAmount: Sendable, Hashable {
    public var amount: Money
    public var on: Day
    public init(_ amount: Money, on: Day) { self.amount = amount; self.on = on }
}
