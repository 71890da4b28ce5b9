import Foundation
import RecoupPolicy
import RecoupSimulation

/// An invoice of the synthetic world in compact form (a million fit in a few tens of MB); the
/// ledger row is made on demand by `invoice(world:)`.
public struct WorldInvoice: Sendable, Hashable {
    /// Position in `SyntheticWorld.invoices` (issue order): the RNG entity of its draws.
    public var index: Int
    public var clientIndex: Int
    public var issuedOn: Day
    public var dueOn: Day
    /// Amount in cents (> 0).
    public var amount: Int64
    /// A one-off project invoice rather than the monthly recurring one.
    public var isProject: Bool

    /// `INV-0000001`-style id (seven digits, more when needed).
    public var id: String { WorldInvoice.id(index) }
    /// The number printed on the invoice and quoted in bank memos.
    public var number: String { String(100_001 + index) }

    static func id(_ index: Int) -> String { "INV-" + zeroPadded(index + 1, width: 7) }

    /// The ledger row.
    public func invoice(clientID: String) -> Invoice {
        Invoice(id: id, clientID: clientID, issuedOn: issuedOn, dueOn: dueOn, amount: Money(minorUnits: amount),
                currency: "USD", number: number)
    }
}

extension SyntheticWorld {
    /// All invoices of the window in issue order (day, client, recurring before project).
    /// Draws use entity = client index and day = the first of the month, so they do not depend
    /// on the numbering.
    /// - Complexity: O(clients × months × log) for the sort.
    static func makeInvoices(clients: [WorldClient], parameters p: WorldParameters, rng: CounterRandom) -> [WorldInvoice] {
        var out: [WorldInvoice] = []
        out.reserveCapacity(clients.count * p.months * 113 / 100)
        let start = p.start
        for client in clients {
            var monthStart = start
            for _ in 0..<p.months {
                guard monthStart <= p.end else { break }
                let terms = client.client.termsDays
                let noise = rng.normal(entity: client.index, day: monthStart.ordinal, purpose: .invoiceNoise)
                let factor = max(0.5, 1.0 + p.recurringNoiseSD * noise)
                let amount = max(100, Int64((Double(client.baseAmount) * factor).rounded()))
                out.append(WorldInvoice(index: 0, clientIndex: client.index, issuedOn: monthStart,
                                        dueOn: monthStart + terms, amount: amount, isProject: false))
                if rng.bernoulli(p.projectShare, entity: client.index, day: monthStart.ordinal, purpose: .projectInvoice) {
                    let days = monthStart.daysInMonth
                    let offset = rng.integer(in: 0...(days - 1), entity: client.index, day: monthStart.ordinal,
                                             purpose: .projectDay)
                    var day = (monthStart + offset).nextBusinessDay
                    if day >= monthStart + days { day = (monthStart + offset) - ((monthStart + offset).isoWeekday - 5) }
                    let multiple = p.projectMultiple.lowerBound + (p.projectMultiple.upperBound - p.projectMultiple.lowerBound)
                        * rng.uniform(entity: client.index, day: monthStart.ordinal, purpose: .projectSize)
                    let projectAmount = max(100, Int64((Double(client.baseAmount) * multiple).rounded()))
                    if day <= p.end {
                        out.append(WorldInvoice(index: 0, clientIndex: client.index, issuedOn: day, dueOn: day + terms,
                                                amount: projectAmount, isProject: true))
                    }
                }
                monthStart = monthStart + days(in: monthStart)
            }
        }
        out.sort { a, b in
            if a.issuedOn != b.issuedOn { return a.issuedOn < b.issuedOn }
            if a.clientIndex != b.clientIndex { return a.clientIndex < b.clientIndex }
            return !a.isProject && b.isProject
        }
        for i in out.indices { out[i].index = i }
        return out
    }

    private static func days(in month: Day) -> Int { month.daysInMonth }
}
