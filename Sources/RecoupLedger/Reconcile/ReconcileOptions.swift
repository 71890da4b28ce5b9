import RecoupPolicy

/// What `Reconciler` matches and how far it searches (docs/reconcile.md).
///
/// ```swift
/// var options = ReconcileOptions()
/// options.from = Day(year: 2026, month: 1, day: 1)
/// let result = try Reconciler.reconcile(ledger, options: options)
/// ```
public struct ReconcileOptions: Sendable, Hashable {
    /// The first day of deposits to match (inclusive); nil: from the first deposit.
    public var from: Day?
    /// The last day of deposits to match (inclusive); nil: to the last deposit.
    public var to: Day?
    /// The largest difference between a deposit and what it pays that still counts as a match
    /// "within cents" (medium confidence at best). Default 99 minor units: less than one
    /// currency unit, enough for bank rounding and small fees, too little to pick the wrong
    /// invoice of a typical MSP's.
    public var amountTolerance = Money(minorUnits: 99)
    /// A recorded payment is a candidate for a deposit received up to this many days before or
    /// after it (bank deposits often post a day or two after the payment is recorded). Default 3.
    public var paymentWindowDays = 3
    /// The subset-sum search for one deposit paying several invoices looks at no more than this
    /// many of the client's open invoices (the oldest by due date). Default 24.
    public var maxCombinationInvoices = 24
    /// … and at combinations of at most this many of them. Default 6.
    public var maxCombinationSize = 6
    /// … and stops after this many combinations tried (the search is bounded whatever the
    /// ledger). Default 200,000.
    public var maxCombinationSteps = 200_000
    /// Invoice numbers, ids and client names shorter than this (letters and digits only) are
    /// not looked for in memos: a memo's "7" or "AB" says nothing. Default 3.
    public var minimumKeyLength = 3

    public init(from: Day? = nil, to: Day? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether `day` lies in the window.
    func contains(_ day: Day) -> Bool {
        (from.map { $0 <= day } ?? true) && (to.map { day <= $0 } ?? true)
    }
}
