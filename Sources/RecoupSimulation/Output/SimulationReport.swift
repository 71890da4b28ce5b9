import Foundation
import RecoupPolicy

/// The answer of `recoup simulate`: one projection per policy (SPEC §6), each figure's mean and
/// 95% interval, the difference of each policy against the first (same runs, same draws), and
/// the back-test of the history when `history` is among the policies.
public struct SimulationReport: Sendable {
    /// One policy's projection.
    public struct Projection: Sendable {
        public var policy: String
        public var mode: String
        /// Whether the policy was verified (`ReplayPolicy.isVerified`); an unverified one is
        /// marked in every title and row (`label`, `SimulationReport.unverifiedNote`).
        public var isVerified = true
        public var invoices: Int
        public var runs: Int
        public var horizonDays: Int
        /// Every `ProjectionMetric`'s mean and interval.
        public var figures: [ProjectionMetric: Interval]
        /// The per-run difference against the first policy (nil for the first).
        public var difference: [ProjectionMetric: Interval]?
        /// Every figure's value in each run, in run order (runs use common random numbers, so
        /// run `r` of two policies may be differenced: reports derive paired intervals from them).
        public var runValues: [ProjectionMetric: [Double]] = [:]
        /// The cash-collected curve: for each of `ReplayTally.collectedByDays`, the share of the
        /// amount invoiced collected within that many days of issue (mean and 95% interval over runs).
        public var collectedByDay: [(day: Int, share: Interval)] = []
        /// Days in the issue window (for per-week and per-year scaling).
        public var windowDays: Int = 0
        /// Σ amount invoiced in the cohort, in minor units (the same in every run).
        public var invoicedMinorUnits: Int64 = 0
    }

    /// The back-test: the history's actual figures against its replay.
    ///
    /// It covers the matured part of the window only (`from...to` here, see
    /// `ReplayCohort.maturedThrough`): an invoice still open at the ledger's end has no actual
    /// fate to compare with, and counting it as written off (or as collected) would bias the
    /// actual figures against a replay that simulates its fate.
    public struct BackTest: Sendable {
        public var actual: HistoryActuals
        public var replayedDSO: Interval
        public var replayedCollectionRate: Interval
        /// The issue window the back-test covers (the projection's window, or its matured part).
        public var from: Day
        public var to: Day
        /// The work the ledger logged for these invoices (nil when not computed).
        public var observed: HistoryObserved?
        /// Whether the history row replays the firm's estimated policy (`HistoryPolicy`) rather
        /// than the logged actions as they happened.
        public var isEstimatedPolicy = false
        /// The history row's contacts, cost and human hours on these invoices.
        public var replayedContacts: Interval?
        public var replayedCostPerInvoice: Interval?
        public var replayedHumanHours: Interval?
        /// Replayed contacts per invoice by dpd band (`HistoryPolicy.dpdBands`) and channel
        /// (`Channel.allCases`), means over runs: the fit against `observed`.
        public var replayedContactsByBand: [Double] = []
        public var replayedContactsByChannel: [Double] = []
        /// The logged actions replayed as they happened, on the same invoices (with the estimated
        /// policy as the history row): DSO and contacts per invoice.
        public var asLoggedDSO: Interval?
        public var asLoggedContacts: Interval?
        /// The actual DSO lies outside the replay's interval.
        public var dsoOutside: Bool { !replayedDSO.contains(actual.dso) }
        public var collectionRateOutside: Bool { !replayedCollectionRate.contains(actual.collectionRate) }

        /// The one-line check `recoup simulate` prints, with a warning when a gap exceeds the interval.
        public var lines: [String] {
            var out = ["back-test: invoices issued \(from) to \(to) (\(actual.invoices) invoices whose fate the ledger shows)",
                       String(format: "back-test: history cohort DSO %.1f (actual) vs %.1f [%.1f, %.1f] (replayed)",
                              actual.dso, replayedDSO.mean, replayedDSO.lo, replayedDSO.hi),
                       String(format: "back-test: history collection rate %.1f%% (actual) vs %.1f%% [%.1f, %.1f] (replayed)",
                              actual.collectionRate * 100, replayedCollectionRate.mean * 100, replayedCollectionRate.lo * 100,
                              replayedCollectionRate.hi * 100)]
            out += comparisonLines
            if dsoOutside { out.append("warning: the replayed history's DSO interval misses the actual DSO; projections may be biased") }
            if collectionRateOutside {
                out.append("warning: the replayed history's collection-rate interval misses the actual rate; projections may be biased")
            }
            if actual.unresolved > 0 {
                out.append("note: \(actual.unresolved) invoices of the window are still open at the ledger's end; their actual figures assume a write-off at the usual age")
            }
            return out
        }
    }

    public var projections: [Projection]
    public var backTest: BackTest?
    /// The firm's policy as estimated from its actions, when the history row replays it.
    public var historyPolicy: HistoryPolicy?
    /// Per rules policy, the actions it takes that the history shows rarely or never.
    public var support: [ActionSupport] = []
    /// Off-policy estimates of the rules policies, when the ledger's actions carry propensities.
    public var offPolicy: [OffPolicyEstimate] = []
    /// The issue window.
    public var from: Day
    public var to: Day
    public var seed: UInt64

    /// Summarises runner totals.
    public init(totals: ReplayRunner.Totals, policies: [ReplayPolicy], cohort: ReplayCohort, options: SimulationOptions,
                actuals: HistoryActuals? = nil) {
        let horizon = totals.lastDay - cohort.from + 1
        var perRun: [[[Double]]] = []  // policy → metric → runs
        for p in 0..<totals.policies {
            var byMetric = [[Double]](repeating: [], count: ProjectionMetric.allCases.count)
            for r in 0..<totals.runs {
                let t = totals.tally(policy: p, run: r)
                for (m, metric) in ProjectionMetric.allCases.enumerated() {
                    byMetric[m].append(metric.value(t, windowDays: cohort.windowDays))
                }
            }
            perRun.append(byMetric)
        }
        projections = policies.enumerated().map { p, policy in
            var figures: [ProjectionMetric: Interval] = [:]
            var difference: [ProjectionMetric: Interval]? = p == 0 ? nil : [:]
            for (m, metric) in ProjectionMetric.allCases.enumerated() {
                figures[metric] = Interval(runs: perRun[p][m])
                if p > 0 {
                    difference?[metric] = Interval(runs: zip(perRun[p][m], perRun[0][m]).map { $0 - $1 })
                }
            }
            var projection = Projection(policy: policy.name, mode: policy.mode, invoices: cohort.count, runs: totals.runs,
                                        horizonDays: horizon, figures: figures, difference: difference)
            projection.isVerified = policy.isVerified
            for (m, metric) in ProjectionMetric.allCases.enumerated() { projection.runValues[metric] = perRun[p][m] }
            projection.collectedByDay = ReplayTally.collectedByDays.enumerated().map { i, day in
                let shares = (0..<totals.runs).map { r -> Double in
                    let t = totals.tally(policy: p, run: r)
                    return t[.invoiced] > 0 ? t[ReplayTally.collectedBySlot(i)] / t[.invoiced] : .nan
                }
                return (day, Interval(runs: shares))
            }
            projection.windowDays = cohort.windowDays
            projection.invoicedMinorUnits = cohort.amount.reduce(0, +)
            return projection
        }
        if let actuals, let h = policies.firstIndex(where: { $0.isHistory }),
           let dso = projections[h].figures[.dso], let rate = projections[h].figures[.collectionRate] {
            backTest = BackTest(actual: actuals, replayedDSO: dso, replayedCollectionRate: rate, from: cohort.from, to: cohort.to)
        } else {
            backTest = nil
        }
        from = cohort.from
        to = cohort.to
        seed = options.seed
    }
}
