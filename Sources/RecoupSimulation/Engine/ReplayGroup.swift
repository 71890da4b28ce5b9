import RecoupPolicy

/// Policies that `ClientReplay.replayShared` can replay together: rule policies that agree on
/// everything the shared part of a replay reads (whether tiers use the risk history, the
/// write-off day, per-client consolidation, the promise grace days). They may differ anywhere
/// else: cadences, tiers' cut-offs, escalation, limits, mode, review minutes.
///
/// A tuning grid's points usually form one group; the history and dissimilar policies form
/// groups of one, which the plain replay runs.
///
/// One per worker thread. Each engine is boxed and called through its box (`engines[m].decide(…)`):
/// an engine read out of an array, a pointer or another object's property was copied on every
/// call, and a copy retains every table it holds (measured: a fifth of a shared replay's time).
final class ReplayGroup {
    /// An engine in a box of its own, called through the box's methods: inside them the engine
    /// is a stored property of `self` and is used in place.
    final class EngineBox {
        let engine: PolicyEngine
        init(_ engine: PolicyEngine) { self.engine = engine }

        func decide(_ state: inout InvoicePolicyState, _ facts: InvoiceDayFacts, into decision: inout DayDecision) {
            engine.decide(&state, facts, into: &decision)
        }

        func nextDecisionDay(after day: Day, state: InvoicePolicyState, facts: InvoiceDayFacts) -> Day {
            engine.nextDecisionDay(after: day, state: state, facts: facts)
        }

        func risk(featureValues: [Double]) -> Double { engine.risk(featureValues: featureValues) }
        func makeState(risk: Double) -> InvoicePolicyState { engine.makeState(risk: risk) }
        func recordPayment(_ state: inout InvoicePolicyState) { engine.recordPayment(&state) }
        func consolidate(_ contacts: [ClientDayContact]) -> [ConsolidatedContact] { engine.consolidate(contacts) }
    }

    /// Indices of the members in the runner's policy list, ascending.
    let members: [Int]
    /// The members' engines, in `members` order.
    let engines: [EngineBox]
    let usesRisk: Bool
    let writeOffAfter: Int
    let consolidates: Bool
    let grace: Int
    /// Per member: copilot review minutes per reviewed contact, and their cost in minor units.
    let reviewMinutes: [Double]
    let reviewMoney: [Double]

    init(members: [Int], engines: [PolicyEngine], usesRisk: Bool, writeOffAfter: Int, consolidates: Bool, grace: Int,
         reviewMinutes: [Double], reviewMoney: [Double]) {
        self.members = members
        self.engines = engines.map(EngineBox.init)
        self.usesRisk = usesRisk; self.writeOffAfter = writeOffAfter; self.consolidates = consolidates
        self.grace = grace; self.reviewMinutes = reviewMinutes; self.reviewMoney = reviewMoney
    }

    /// Partitions `policies` into groups, in order of each group's first member. `engines[i]`
    /// is `policies[i]`'s engine (any engine for the history, which always stands alone).
    static func groups(policies: [ReplayPolicy], engines: [PolicyEngine], costs: CostModel) -> [ReplayGroup] {
        struct Key: Equatable { var usesRisk: Bool; var writeOff: Int; var consolidates: Bool; var grace: Int }
        var keys: [Key?] = []
        var members: [[Int]] = []
        for (i, policy) in policies.enumerated() {
            guard case .rules(let engine) = policy.kind else {
                keys.append(nil)
                members.append([i])
                continue
            }
            let key = Key(usesRisk: policy.usesRisk, writeOff: engine.policy.writeOffAfterDays,
                          consolidates: engine.policy.limits.consolidatePerClient, grace: engine.policy.holds.promiseGraceDays)
            if let j = keys.firstIndex(where: { $0 == key }) {
                members[j].append(i)
            } else {
                keys.append(key)
                members.append([i])
            }
        }
        return zip(keys, members).map { key, indices in
            let engines = indices.map { engines[$0] }
            let minutes = indices.map { policies[$0].engine?.reviewMinutes ?? 0 }
            return ReplayGroup(members: indices, engines: engines, usesRisk: key?.usesRisk ?? false,
                               writeOffAfter: key?.writeOff ?? 0, consolidates: key?.consolidates ?? false,
                               grace: key?.grace ?? 0, reviewMinutes: minutes,
                               reviewMoney: minutes.map { Double(costs.labour(minutes: $0).minorUnits) })
        }
    }
}
