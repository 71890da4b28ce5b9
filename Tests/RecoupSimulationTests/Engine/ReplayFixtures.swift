import Foundation
import RecoupPolicy
@testable import RecoupSimulation

/// Small ledgers and behaviours for the replay tests.
enum ReplayFixtures {
    /// 2026-01-05, a Monday.
    static let monday = Day(year: 2026, month: 1, day: 5)!

    /// `clients` clients with `perClient` invoices each, issued every 7 days from `monday`
    /// (client k's first on monday + k % 5), terms 30, amount 1000.00 + 10 × invoice.
    static func ledger(clients: Int, perClient: Int, autopay: Bool = false) -> Ledger {
        var ledger = Ledger()
        for c in 0..<clients {
            let id = String(format: "C%03d", c)
            ledger.clients.append(Client(id: id, segment: "smb", since: monday - 400, autopay: autopay))
            for k in 0..<perClient {
                let issued = monday + (c % 5) + 7 * k
                ledger.invoices.append(Invoice(id: String(format: "I%03d-%02d", c, k), clientID: id, issuedOn: issued,
                                               dueOn: issued + 30, amount: Money(minorUnits: 100_000 + 1_000 * Int64(k))))
            }
        }
        return ledger
    }

    /// A behaviour whose daily payment probability is `p` in every dpd bin.
    static func constant(_ p: Double) -> ReplayBehaviour {
        ReplayBehaviour(dpdCoefficients: [Double](repeating: log(p / (1 - p)), count: 9))
    }

    static func policy(_ name: String, steps: [CadenceStep], mode: PolicyMode = .autonomous,
                       consolidate: Bool = false, businessDaysOnly: Bool = true) throws -> ReplayPolicy {
        var policy = Policy(name: name, mode: mode, tiers: [Tier(name: "all")], cadences: ["all": steps])
        policy.limits.consolidatePerClient = consolidate
        policy.limits.businessDaysOnly = businessDaysOnly
        return try ReplayPolicy(policy: policy)
    }

    static func simulate(_ ledger: Ledger, _ behaviour: ReplayBehaviour, _ policies: [ReplayPolicy], runs: Int = 20,
                         seed: UInt64 = 7, uncertainty: Bool = true, threads: Int = 2) throws -> SimulationReport {
        let cohort = try ReplayCohort(ledger: ledger)
        let options = SimulationOptions(runs: runs, seed: seed, estimationUncertainty: uncertainty, threads: threads)
        let totals = try ReplayRunner.run(cohort: cohort, behaviour: behaviour, policies: policies, options: options)
        return SimulationReport(totals: totals, policies: policies, cohort: cohort, options: options,
                                actuals: HistoryActuals(ledger: ledger, cohort: cohort))
    }
}
