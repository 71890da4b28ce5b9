import RecoupPolicy

/// The cohort's collections work as the ledger logged it, by the replay's cost rules: what the
/// `history` row must reproduce beside `HistoryActuals`' outcomes (SPEC §8, "the history row").
///
/// Contacts are the cohort's logged actions; cost and human minutes are charged as the replay
/// charges a contact (`ReplayCharges.contact`: the channel price for an agent, the logged
/// minutes of a person where present, else the cost model's), plus every dispute opened and
/// every promise made on a cohort invoice (SPEC §5).
public struct HistoryObserved: Sendable, Equatable {
    public var invoices: Int
    public var contactsPerInvoice: Double
    /// Dollars (currency units) per invoice.
    public var costPerInvoice: Double
    /// Human minutes / 60 / (days in the window / 7).
    public var humanHoursPerWeek: Double
    /// Logged contacts per invoice by days-past-due band (`HistoryPolicy.dpdBands`) and by
    /// channel (`Channel.allCases`).
    public var contactsByBand: [Double]
    public var contactsByChannel: [Double]

    /// The logged figures of `cohort` from `ledger`.
    /// - Complexity: O(ledger rows).
    public init(ledger: Ledger, cohort: ReplayCohort, costs: CostModel) {
        var member = Set<String>()
        for id in cohort.invoiceIDs { member.insert(id) }
        var money = 0.0, minutes = 0.0
        var byBand = [Double](repeating: 0, count: HistoryPolicy.dpdBands.count)
        var byChannel = [Double](repeating: 0, count: Channel.allCases.count)
        var contacts = 0.0
        for g in 0..<cohort.count {
            for a in cohort.loggedActions[g] {
                contacts += 1
                byBand[HistoryPolicy.band(dpd: a.day - cohort.dueOn[g])] += 1
                byChannel[a.channel.index] += 1
                let isHuman = a.actor == .human || a.channel == .call
                let c = costs.contact(channel: a.channel, actor: isHuman ? .human : .agent, execution: .automated)
                if isHuman, let logged = a.minutes {
                    minutes += logged
                    money += Double(costs.labour(minutes: logged).minorUnits + (a.channel == .letter ? costs.letter.minorUnits : 0))
                } else {
                    minutes += isHuman ? c.humanMinutes : 0
                    money += Double(c.money.minorUnits)
                }
            }
        }
        let disputes = Double(ledger.disputes.filter { member.contains($0.invoiceID) }.count)
        let promises = Double(ledger.promises.filter { member.contains($0.invoiceID) }.count)
        money += disputes * Double(costs.dispute.money.minorUnits) + promises * Double(costs.promiseFollowUp.money.minorUnits)
        minutes += disputes * costs.humanMinutes.dispute + promises * costs.humanMinutes.promiseFollowUp
        let n = Double(max(1, cohort.count))
        invoices = cohort.count
        contactsPerInvoice = contacts / n
        costPerInvoice = money / 100 / n
        humanHoursPerWeek = minutes / 60 / (Double(cohort.windowDays) / 7)
        contactsByBand = byBand.map { $0 / n }
        contactsByChannel = byChannel.map { $0 / n }
    }
}
