import RecoupPolicy

/// A policy's cohort DSO and collection rate estimated from the logged history alone, by
/// inverse-propensity scoring (IPS), self-normalised IPS (SNIPS) and a doubly robust estimator
/// (DR: the model's per-invoice projection for the policy, corrected by the weighted residual of
/// the model's replay of the history), each with a 95% bootstrap interval over invoices.
///
/// Units are the cohort invoices whose every logged action carries a propensity. An invoice's
/// weight is 1 / (product of its actions' propensities) when the policy, run on the invoice's
/// actual history, makes exactly its logged contacts (same days and channels), else 0
/// (`LoggedTrajectories` explains what the propensities cover). Amount-weighted:
///
///     IPS  = Σ w·a·y / Σ a        SNIPS = Σ w·a·y / Σ w·a
///     DR   = Σ a·(m_π + w·(y − m_h)) / Σ a
///
/// with `y` the invoice's cohort-DSO days (or collected share), `m_π` and `m_h` its mean under
/// the model's replay of the policy and of the history. The effective sample size
/// `(Σ w)² / Σ w²` measures overlap; below `minimumEffectiveSampleSize` the estimates are not to
/// be trusted (`isThin`).
public struct OffPolicyEstimate: Sendable {
    /// The overlap below which the estimates are flagged as unreliable.
    public static let minimumEffectiveSampleSize = 30.0
    /// Bootstrap resamples behind the intervals.
    public static let resamples = 200

    public var policy: String
    /// Invoices whose actions all carry a propensity.
    public var eligibleInvoices: Int
    /// Of those, invoices whose logged contacts the policy would have made.
    public var matchedInvoices: Int
    public var effectiveSampleSize: Double
    /// Keyed by `.dso` and `.collectionRate`.
    public var ips: [ProjectionMetric: Interval]
    public var snips: [ProjectionMetric: Interval]
    /// Nil when the history was not replayed (no `m_h`).
    public var doublyRobust: [ProjectionMetric: Interval]?
    /// Figures whose DR interval and model interval do not overlap (only when not thin).
    public var disagreements: [ProjectionMetric]

    /// Overlap too thin to trust the estimates.
    public var isThin: Bool { !(effectiveSampleSize >= OffPolicyEstimate.minimumEffectiveSampleSize) }

    /// Why these estimates are indicative only: actions.csv has no propensities for the days the
    /// logging policy chose not to contact, so an invoice's weight omits those choices and the
    /// estimators favour invoices that closed early (on a generated world the SNIPS DSO of
    /// `none` came out at 24 days against a model projection of 56 and a true value near it).
    public static let caveat = "indicative only: actions.csv has no propensities for no-contact days, so these weights favour invoices that closed early"

    /// Why no estimate is printed, or nil when one is valid. An importance-weighted estimate
    /// needs the logging policy's probability of every decision, the days nobody was contacted
    /// included; actions.csv records it only for the contacts made, so the weights omit the
    /// no-contact choices and favour invoices that closed early (SNIPS DSO of `none` 24 days on
    /// a generated world against a truth near 56). Clipping the rates into [0, 1] would hide
    /// that, not fix it, so nothing is printed until the ledger carries those propensities
    /// (issue 18 item 5); then overlap must also reach `minimumEffectiveSampleSize`.
    public var withheldBecause: String? {
        if !hasNoContactPropensities {
            return "actions.csv has no propensities for no-contact days"
        }
        if isThin { return "overlap too thin (effective sample size under \(Int(OffPolicyEstimate.minimumEffectiveSampleSize)))" }
        return nil
    }

    /// Whether the weights cover the no-contact decisions (never, with SPEC §2's actions.csv).
    public var hasNoContactPropensities: Bool { false }

    /// Lines for the text report: the estimates where valid, otherwise one line saying why not.
    /// Counts are printed as integers.
    public var lines: [String] {
        func f(_ i: Interval?, _ decimals: Int) -> String { SimulationReport.cell(i, decimals: decimals) }
        let overlap = "\(matchedInvoices) of \(eligibleInvoices) logged invoices match, effective sample size \(Int(effectiveSampleSize.rounded()))"
        if let why = withheldBecause {
            // The effective sample size of invalid weights says nothing: JSON keeps it, the text does not.
            return ["off-policy \(policy): no estimate, \(why)"]
        }
        var out = ["off-policy \(policy): \(overlap)"]
        out.append("  DSO  IPS \(f(ips[.dso], 1))  SNIPS \(f(snips[.dso], 1))  DR \(f(doublyRobust?[.dso], 1))")
        out.append("  collected  IPS \(f(ips[.collectionRate], 3))  SNIPS \(f(snips[.collectionRate], 3))  DR \(f(doublyRobust?[.collectionRate], 3))")
        for m in disagreements {
            out.append("warning: for \(policy) the doubly robust \(m.rawValue) and the model's projection disagree beyond their intervals")
        }
        return out
    }
}

extension OffPolicyEstimate {
    /// Estimates every rules policy of a simulation (the history is the logging policy itself
    /// and is skipped). Empty when the ledger has no propensities.
    /// - Complexity: O(policies × (invoice-days + resamples × invoices)).
    static func estimate(ledger: Ledger, cohort: ReplayCohort, policies: [ReplayPolicy], totals: ReplayRunner.Totals,
                         projections: [SimulationReport.Projection], seed: UInt64) -> [OffPolicyEstimate] {
        let logged = LoggedTrajectories(ledger: ledger, cohort: cohort)
        guard logged.hasPropensities, !logged.eligible.isEmpty else { return [] }
        let historyIndex = policies.firstIndex { $0.isHistory }
        var out: [OffPolicyEstimate] = []
        for (p, policy) in policies.enumerated() {
            guard let engine = policy.engine else { continue }
            let target = TargetOnHistory(engine: engine, ledger: ledger, cohort: cohort)
            let units = logged.eligible.indices
            let w = units.map { u in target.contacts[logged.eligible[u]] == logged.contacts[u] ? 1 / logged.probability[u] : 0 }
            let a = logged.eligible.map { Double(cohort.amount[$0]) }
            var sw = 0.0, sw2 = 0.0
            for x in w { sw += x; sw2 += x * x }
            let ess = sw2 > 0 ? sw * sw / sw2 : 0
            var ips: [ProjectionMetric: Interval] = [:], snips: [ProjectionMetric: Interval] = [:]
            var dr: [ProjectionMetric: Interval]? = historyIndex == nil ? nil : [:]
            for metric in [ProjectionMetric.dso, .collectionRate] {
                let y = logged.eligible.map { metric == .dso ? logged.dsoDays[$0] : logged.collectedShare[$0] }
                let model = metric == .dso ? totals.invoiceDSODays : totals.invoiceCollectedShare
                let mp = model.map { table in logged.eligible.map { table[p][$0] } }
                let mh = historyIndex.flatMap { h in model.map { table in logged.eligible.map { table[h][$0] } } }
                func estimates(_ idx: [Int]) -> (Double, Double, Double) {
                    var num = 0.0, den = 0.0, wden = 0.0, drNum = 0.0
                    for i in idx {
                        num += w[i] * a[i] * y[i]; den += a[i]; wden += w[i] * a[i]
                        if let mp, let mh, !mp[i].isNaN, !mh[i].isNaN { drNum += a[i] * (mp[i] + w[i] * (y[i] - mh[i])) }
                    }
                    return (den > 0 ? num / den : .nan, wden > 0 ? num / wden : .nan, den > 0 ? drNum / den : .nan)
                }
                let point = estimates(Array(units))
                var rng = CounterRandom(seed: seed, run: 0).sequence(entity: p, day: 0, purpose: .bootstrap, index: metric == .dso ? 1 : 2)
                var bi: [Double] = [], bs: [Double] = [], bd: [Double] = []
                for _ in 0..<OffPolicyEstimate.resamples {
                    let idx = (0..<units.count).map { _ in Int(rng.next() % UInt64(units.count)) }
                    let e = estimates(idx)
                    bi.append(e.0); bs.append(e.1); bd.append(e.2)
                }
                func interval(_ point: Double, _ boot: [Double]) -> Interval {
                    let b = Interval(runs: boot)
                    return Interval(mean: point, lo: b.lo, hi: b.hi)
                }
                ips[metric] = interval(point.0, bi)
                snips[metric] = interval(point.1, bs)
                if dr != nil { dr?[metric] = interval(point.2, bd) }
            }
            var estimate = OffPolicyEstimate(policy: policy.name, eligibleInvoices: units.count, matchedInvoices: w.filter { $0 > 0 }.count,
                                             effectiveSampleSize: ess, ips: ips, snips: snips, doublyRobust: dr, disagreements: [])
            if !estimate.isThin, let dr {
                for metric in [ProjectionMetric.dso, .collectionRate] {
                    guard let d = dr[metric], let m = projections[p].figures[metric], d.mean.isFinite else { continue }
                    if d.hi < m.lo || d.lo > m.hi { estimate.disagreements.append(metric) }
                }
            }
            out.append(estimate)
        }
        return out
    }
}
