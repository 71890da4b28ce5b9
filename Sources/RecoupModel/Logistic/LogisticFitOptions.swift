/// How `LogisticSolver` fits a problem, and when it stops.
///
/// Stopping rule: the fit has converged when the infinity norm of the gradient of the penalised
/// objective (see `LogisticProblem`) is at most `gradientTolerance × max(1, Σ wᵢ)`, checked
/// before every iteration. It stops unconverged after `maxIterations` iterations, or when a line
/// search cannot decrease the objective any more (then the gradient is at the level of rounding
/// error and the fit is reported converged only if it also meets the rule).
public struct LogisticFitOptions: Sendable, Equatable {
    /// Which method computes the steps.
    public enum Method: String, Sendable, Equatable, Codable {
        /// Newton if the dense columns are at most `lbfgsAboveColumns`, else L-BFGS.
        case automatic
        /// Newton / IRLS with a backtracking line search; group effects are eliminated from the
        /// Hessian by a Schur complement (their block is diagonal).
        case newton
        /// Limited-memory BFGS over (β, a) with a backtracking line search.
        case lbfgs
    }

    /// Default `.automatic`.
    public var method: Method = .automatic
    /// Relative gradient tolerance of the stopping rule. Default 1e-9: far below what moves the
    /// log-loss in its sixth significant digit.
    public var gradientTolerance: Double = 1e-9
    /// Iteration cap. Default 100 for Newton (which typically needs 5–10); L-BFGS uses
    /// `lbfgsMaxIterations`.
    public var maxIterations: Int = 100
    /// Iteration cap for L-BFGS. Default 2,000.
    public var lbfgsMaxIterations: Int = 2_000
    /// L-BFGS memory (pairs kept). Default 10.
    public var lbfgsMemory: Int = 10
    /// `.automatic` uses L-BFGS above this many dense columns. Default 400 (a Newton step costs
    /// O(n·p²) flops, L-BFGS O(n·p)).
    public var lbfgsAboveColumns: Int = 400
    /// Armijo sufficient-decrease constant of the line search. Default 1e-4.
    public var armijo: Double = 1e-4
    /// Rows processed per block (the block of the design that stays in cache while its
    /// gradient and Hessian contributions are accumulated). Default 1,024.
    public var blockRows: Int = 1_024
    /// Whether to compute the covariance and standard errors at the solution (one more pass
    /// and a p × p inverse). Default true.
    public var computeStandardErrors: Bool = true
    /// Starting coefficients (default zeros), e.g. a previous fit's, for warm starts.
    public var initialCoefficients: [Double]? = nil
    /// Starting group effects (default zeros).
    public var initialGroupEffects: [Double]? = nil

    public init() {}
}

/// A problem the solver noticed, with what to do about it; shown first in a training report.
public enum LogisticFitWarning: Sendable, Equatable, CustomStringConvertible, Codable {
    /// The iteration cap was reached before the stopping rule held.
    case notConverged(iterations: Int, gradientNorm: Double)
    /// Rows whose fitted probability is within 1e-9 of their label: (quasi-)separation. The
    /// penalty keeps coefficients finite, but those columns' effects are only as large as the
    /// penalty allows.
    case separation(rows: Int, largestCoefficient: String)
    /// Newton needed damping to factorise the Hessian: collinear columns without penalty.
    case collinear

    public var description: String {
        switch self {
        case .notConverged(let it, let g):
            return "not converged after \(it) iterations (gradient norm \(g)); raise maxIterations or the penalty"
        case .separation(let rows, let column):
            return "quasi-separation: \(rows) rows are fitted with probability within 1e-9 of their label (largest effect: \(column)); the penalty keeps the fit finite; consider a larger penalty or fewer features"
        case .collinear:
            return "collinear columns without penalty: Newton steps were damped; add a penalty or drop a column"
        }
    }
}

/// The result of `LogisticSolver.fit`.
public struct LogisticFit: Sendable, Equatable {
    /// `β`, one per dense column.
    public var coefficients: [Double]
    /// `a`, one per group (empty without groups).
    public var groupEffects: [Double]
    /// Standard errors of `β` from the inverse penalised Hessian (empty if not computed).
    public var standardErrors: [Double]
    /// Standard errors of each `a_c` (marginal over β, via the Schur complement).
    public var groupStandardErrors: [Double]
    /// The `p × p` covariance of `β` (row-major; the inverse penalised Hessian's β block).
    public var covariance: [Double]
    /// Iterations taken.
    public var iterations: Int
    /// Whether the stopping rule of `LogisticFitOptions` held.
    public var converged: Bool
    /// The infinity norm of the penalised objective's gradient at the solution.
    public var gradientNorm: Double
    /// The weighted mean log-loss `Σ wᵢ ℓᵢ / Σ wᵢ` at the solution (no penalty).
    public var logLoss: Double
    /// The penalised objective `f(β, a)` at the solution.
    public var objective: Double
    /// The method used.
    public var method: LogisticFitOptions.Method
    /// Problems worth a look.
    public var warnings: [LogisticFitWarning]

    /// `exp(β)`: the multiplicative change in the odds per unit of each column.
    public var oddsRatios: [Double] { coefficients.map { Foundation.exp($0) } }

    /// 95% Wald intervals of the odds ratios, `exp(β ± 1.96·se)`.
    public var oddsRatioIntervals: [(lo: Double, hi: Double)] {
        zip(coefficients, standardErrors).map { (Foundation.exp($0 - 1.96 * $1), Foundation.exp($0 + 1.96 * $1)) }
    }

    public static func == (a: LogisticFit, b: LogisticFit) -> Bool {
        a.coefficients == b.coefficients && a.groupEffects == b.groupEffects && a.iterations == b.iterations
            && a.objective == b.objective
    }
}

import Foundation
