import RecoupPolicy

/// Each cohort invoice's logged history as off-policy estimation sees it: its outcome (its own
/// cohort-DSO days and collected share), the probability the logging policy gave its logged
/// contacts, and whether a target policy run on the same actual history would have made
/// exactly those contacts.
///
/// The logging probability of an invoice is the product of its actions' propensities: the
/// probability of the choices made on the days a contact was made. actions.csv does not record
/// the days the logging policy chose not to contact, so they are taken as given (an invoice
/// with no logged contact has probability 1): the estimators compare policies through the
/// contacts the history shows.
struct LoggedTrajectories {
    /// Cohort positions of the invoices whose every action has a propensity.
    var eligible: [Int] = []
    /// Product of propensities per eligible invoice.
    var probability: [Double] = []
    /// (day, channel) of the logged contacts per eligible invoice, sorted.
    var contacts: [[Int]] = []
    /// Per cohort invoice: days weighted by amount (collected × days + written off × days) / amount.
    var dsoDays: [Double] = []
    /// Per cohort invoice: collected / amount.
    var collectedShare: [Double] = []
    /// Whether the ledger has any propensity at all.
    var hasPropensities = false

    init(ledger: Ledger, cohort: ReplayCohort) {
        var position: [String: Int] = [:]
        for (g, id) in cohort.invoiceIDs.enumerated() { position[id] = g }
        var actions = [[CollectionAction]](repeating: [], count: cohort.count)
        for a in ledger.actions { if let g = position[a.invoiceID] { actions[g].append(a) } }
        hasPropensities = ledger.actions.contains { $0.propensity != nil }
        for g in 0..<cohort.count {
            let logged = actions[g]
            guard logged.allSatisfy({ ($0.propensity ?? 0) > 0 }) else { continue }
            eligible.append(g)
            probability.append(logged.reduce(1.0) { $0 * ($1.propensity ?? 1) })
            contacts.append(logged.map { LoggedTrajectories.code(day: $0.at.ordinal, channel: $0.channel) }.sorted())
        }
        let single = HistoryActuals.perInvoice(ledger: ledger, cohort: cohort)
        dsoDays = single.dsoDays
        collectedShare = single.collectedShare
    }

    static func code(day: Int, channel: Channel) -> Int {
        day * 8 + (Channel.allCases.firstIndex(of: channel) ?? 0)
    }
}
