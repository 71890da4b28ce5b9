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
    /// Worker threads (default 2, this machine's cores). The output does not depend on it.
    public var threads = 2

    public init(runs: Int = 200, seed: UInt64 = 1, costs: CostModel = CostModel(), estimationUncertainty: Bool = true,
                threads: Int = 2) {
        self.runs = runs; self.seed = seed; self.costs = costs
        self.estimationUncertainty = estimationUncertainty; self.threads = threads
    }
}
