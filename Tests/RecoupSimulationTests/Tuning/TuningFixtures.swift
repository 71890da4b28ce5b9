import RecoupPolicy
import RecoupPolicyAuthoring
@testable import RecoupSimulation

/// A fake evaluator whose figures are known functions of the varied fields, so the tuner's
/// bookkeeping (order, batching, frontier, pick) can be checked by hand.
///
/// With `e` = `escalation.daysPastDue` (0 when null), `c` = `copilot.approvalDelayDays` and
/// `m` = `limits.maxContactsPer7Days`:
///   DSO = 20 + 0.5·e + 2·c − m, cost = 10 − 0.1·e + m, collection rate = 0.99 − 0.001·e,
///   hours = 10 − 0.1·e + c, write-off rate = 0.001·e, contacts = m;
/// each interval is mean ± 1.
final class FakeEvaluator: PolicyEvaluator, @unchecked Sendable {
    var batches: [Int] = []
    let invoices = 1000
    let runs = 7

    static func figures(for p: Policy) -> TuningFigures {
        let e = Double(p.escalation.daysPastDue ?? 0), c = Double(p.copilot.approvalDelayDays)
        let m = Double(p.limits.maxContactsPer7Days)
        func i(_ x: Double) -> Interval { Interval(mean: x, lo: x - 1, hi: x + 1) }
        return TuningFigures(dso: i(20 + 0.5 * e + 2 * c - m), collectionRate: i(0.99 - 0.001 * e),
                             costPerInvoice: i(10 - 0.1 * e + m), humanHoursPerWeek: i(10 - 0.1 * e + c),
                             contactsPerInvoice: i(m), writeOffRate: i(0.001 * e))
    }

    func evaluate(_ policies: [Policy], progress: (@Sendable (Double) -> Void)?) throws -> [TuningFigures] {
        batches.append(policies.count)
        progress?(1)
        return policies.map(FakeEvaluator.figures)
    }
}

enum TuningFixtures {
    /// The copilot template: three tiers (below 0.2, 0.5), escalation at 45 days past due and
    /// over $25,000, approval delay 1, two contacts per 7 days.
    static var base: Policy { PolicyTemplate.copilot.policy }

    static func axes(_ specs: String...) throws -> [TuningAxis] { try specs.map { try TuningAxis(parsing: $0) } }
}
