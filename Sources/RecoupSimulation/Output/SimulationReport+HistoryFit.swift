import Foundation
import RecoupPolicy

extension SimulationReport.BackTest {
    /// Observed beside replayed (SPEC §8, "the history row"): the ledger's own figures for the
    /// back-test's invoices, the history row's replay of them with its 95% interval and, when
    /// the row is the estimated policy, the logged actions replayed as they happened; then the
    /// fit of contacts per invoice by days-past-due band and by channel. At most 100 columns.
    public var comparisonLines: [String] {
        guard let observed, let contacts = replayedContacts, let cost = replayedCostPerInvoice,
              let hours = replayedHumanHours else { return [] }
        let rowName = isEstimatedPolicy ? "history as a policy [95%]" : "history as logged [95%]"
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func left(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        func interval(_ i: Interval, _ decimals: Int) -> String {
            String(format: "%.\(decimals)f [%.\(decimals)f, %.\(decimals)f]", i.mean, i.lo, i.hi)
        }
        var out = ["back-test: observed beside replayed, the same \(actual.invoices) invoices"]
        out.append("  " + pad("figure", 18) + left("observed", 10) + "   " + pad(rowName, 30)
                   + (isEstimatedPolicy ? "as logged" : ""))
        func row(_ name: String, _ value: String, _ replayed: String, _ logged: String? = nil) {
            out.append("  " + pad(name, 18) + left(value, 10) + "   " + pad(replayed, 30)
                       + (isEstimatedPolicy ? (logged ?? "—") : ""))
        }
        row("cohort DSO", String(format: "%.1f", actual.dso), interval(replayedDSO, 1),
            asLoggedDSO.map { String(format: "%.1f", $0.mean) })
        let percent = Interval(mean: replayedCollectionRate.mean * 100, lo: replayedCollectionRate.lo * 100,
                               hi: replayedCollectionRate.hi * 100)
        row("collection rate %", String(format: "%.1f", actual.collectionRate * 100), interval(percent, 1))
        row("contacts/invoice", String(format: "%.2f", observed.contactsPerInvoice), interval(contacts, 2),
            asLoggedContacts.map { String(format: "%.2f", $0.mean) })
        row("cost/invoice", String(format: "%.2f", observed.costPerInvoice), interval(cost, 2))
        row("human hours/week", String(format: "%.1f", observed.humanHoursPerWeek), interval(hours, 1))
        if isEstimatedPolicy {
            out.append("  as logged: the logged actions replayed as they happened, only while the replayed invoice is open")
        }
        guard replayedContactsByBand.count == HistoryPolicy.dpdBands.count,
              replayedContactsByChannel.count == Channel.allCases.count else { return out }
        out.append("back-test: contacts per invoice by days past due, logged vs replayed")
        out.append("  " + pad("dpd", 9) + HistoryPolicy.dpdBandLabels.map { left($0, 7) }.joined())
        out.append("  " + pad("logged", 9) + observed.contactsByBand.map { left(String(format: "%.2f", $0), 7) }.joined())
        out.append("  " + pad("replayed", 9) + replayedContactsByBand.map { left(String(format: "%.2f", $0), 7) }.joined())
        out.append("back-test: contacts per invoice by channel, logged vs replayed")
        out.append("  " + pad("channel", 9) + Channel.allCases.map { left($0.rawValue, 12) }.joined())
        out.append("  " + pad("logged", 9) + observed.contactsByChannel.map { left(String(format: "%.2f", $0), 12) }.joined())
        out.append("  " + pad("replayed", 9) + replayedContactsByChannel.map { left(String(format: "%.2f", $0), 12) }.joined())
        return out
    }

    /// The observed and replayed figures as JSON members (without braces), for `backTest`.
    var comparisonJSON: String {
        guard let observed, let contacts = replayedContacts, let cost = replayedCostPerInvoice,
              let hours = replayedHumanHours else { return "" }
        func number(_ x: Double) -> String { JSONText.number(x) }
        func interval(_ i: Interval) -> String { "{ \"mean\": \(number(i.mean)), \"lo\": \(number(i.lo)), \"hi\": \(number(i.hi)) }" }
        func list(_ xs: [Double]) -> String { "[" + xs.map(number).joined(separator: ", ") + "]" }
        var members = [
            "\"historyRow\": \"\(isEstimatedPolicy ? "estimatedPolicy" : "asLogged")\"",
            "\"observed\": { \"contactsPerInvoice\": \(number(observed.contactsPerInvoice)), \"costPerInvoice\": \(number(observed.costPerInvoice)), \"humanHoursPerWeek\": \(number(observed.humanHoursPerWeek)), \"contactsByDpdBand\": \(list(observed.contactsByBand)), \"contactsByChannel\": \(list(observed.contactsByChannel)) }",
            "\"replayed\": { \"dso\": \(interval(replayedDSO)), \"collectionRate\": \(interval(replayedCollectionRate)), \"contactsPerInvoice\": \(interval(contacts)), \"costPerInvoice\": \(interval(cost)), \"humanHoursPerWeek\": \(interval(hours)), \"contactsByDpdBand\": \(list(replayedContactsByBand)), \"contactsByChannel\": \(list(replayedContactsByChannel)) }",
        ]
        if let dso = asLoggedDSO, let c = asLoggedContacts {
            members.append("\"asLogged\": { \"dso\": \(interval(dso)), \"contactsPerInvoice\": \(interval(c)) }")
        }
        return members.joined(separator: ", ")
    }
}
