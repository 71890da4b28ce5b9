/// How a simulation runs.
public struct SimulationOptions: Sendable {
    /// Monte Carlo runs (1…10000). Default 200.
    public var runs: Int = 200
    /// The seed of every draw (`--seed`). Default 1.
    public var seed: UInt64 = 1
    /// The cost model (`--costs`).
    public var costs = CostModel()
    /// Include estimation uncertainty: per run, a Poisson(1) bootstrap weight per client and
    /// each client's effect drawn from Normal(fitted, se²). Default true; false leaves only
    /// simulation noise (every weight 1, every effect at its estimate).
    public var estimationUncertainty = true
    /// Also draw the hazard's day-to-day coefficients per run from Normal(β̂, Σ)
    /// (`CoefficientDraws`). Default false: drawn apart from the client effects they are
    /// correlated with, the dpd-bin levels swing by their full marginal spread and the intervals
    /// balloon (a 120-client test world: DSO interval 27–89 days instead of 39–50), so this stays
    /// off until the model stores the joint covariance of β and the client effects.
    public var coefficientUncertainty = false
    /// Call `PolicyEngine.decide` only on the days `nextDecisionDay` names and the days a fact
    /// changes (the engine's calling protocol). Default true; false calls it every day (the
    /// same output: a test compares them).
    public var skipsQuietDays = true
    /// Replay policies that agree on the write-off day, consolidation, grace days and risk
    /// tiering together (`ClientReplay.replayShared`): the same output, much less work when the
    /// policies are a tuning grid's points. Default false; `recoup tune` turns it on. Ignored
    /// when per-invoice predictions are asked for or `skipsQuietDays` is off.
    public var sharesWork = false
    /// Replay the `history` row as the firm's policy estimated from its actions
    /// (`HistoryPolicy`), the logged actions as they happened beside it in the back-test.
    /// Default true; false replays the logged actions as the row (the earlier behaviour).
    public var historyAsPolicy = true
    /// Worker threads (default 2, this machine's cores). The output does not depend on it.
    public var threads = 2

    public init(runs: Int = 200, seed: UInt64 = 1, costs: CostModel = CostModel(), estimationUncertainty: Bool = true,
                threads: Int = 2) {
        self.runs = runs; self.seed = seed; self.costs = costs
        self.estimationUncertainty = estimationUncertainty; self.threads = threads
    }
}
