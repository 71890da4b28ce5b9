/// An L2-penalised, weighted logistic regression problem over a dense row-major design, with
/// optional per-group random intercepts that are never materialised as columns.
///
/// The fitted coefficients `β` and group effects `a` minimise
///
///     f(β, a) = Σᵢ wᵢ·[log(1 + exp(ηᵢ)) − yᵢ·ηᵢ] + ½·Σⱼ λⱼ·βⱼ² + ½·λ_g·Σ_c a_c²,
///     ηᵢ = xᵢ·β + a_{g(i)}
///
/// This is scikit-learn's `LogisticRegression(C=1/λ)` objective divided by `C` when every
/// `λⱼ = λ` except the intercept column's (0). The intercept is an ordinary column of ones with
/// penalty 0; segment (fixed-effect) columns likewise, so that group effects shrink towards
/// their segment's mean.
///
/// ```swift
/// let problem = try LogisticProblem(rows: 3, columns: 2, x: [1, 0.5, 1, -1, 1, 2],
///                                   y: [1, 0, 1], penalties: [0, 1])
/// let fit = try LogisticSolver.fit(problem)
/// ```
public struct LogisticProblem: Sendable {
    /// The number of rows `n`.
    public let rows: Int
    /// The number of dense columns `p` (including any intercept column).
    public let columns: Int
    /// The design, `n × p` row-major.
    public var x: [Double]
    /// The labels, 0 or 1, one per row.
    public var y: [Double]
    /// Sample weights ≥ 0, one per row (all 1 when not given). Zero-weight rows change nothing.
    public var weights: [Double]
    /// `λⱼ ≥ 0` per dense column (0 = unpenalised).
    public var penalties: [Double]
    /// Per-group random intercepts, if any.
    public var groups: GroupIntercepts?
    /// Column names, for warnings and reports (default `x0`, `x1`, …).
    public var columnNames: [String]

    /// Per-row group membership for random intercepts `a_c` with L2 penalty `λ_g`.
    public struct GroupIntercepts: Sendable {
        /// The number of groups `k`.
        public var count: Int
        /// The group (0..<count) of each row.
        public var index: [Int32]
        /// `λ_g > 0`: the precision of the group effects' prior (1 / prior variance).
        public var penalty: Double

        public init(count: Int, index: [Int32], penalty: Double) {
            self.count = count; self.index = index; self.penalty = penalty
        }
    }

    /// Checks the shapes and values.
    /// - Throws: `LogisticFitError` naming the first bad row or column.
    public init(rows: Int, columns: Int, x: [Double], y: [Double], weights: [Double]? = nil,
                penalties: [Double], groups: GroupIntercepts? = nil,
                columnNames: [String]? = nil) throws(LogisticFitError) {
        guard rows > 0, columns > 0 else { throw .empty(rows: rows, columns: columns) }
        guard x.count == rows * columns else {
            throw .shape("x has \(x.count) values, expected rows × columns = \(rows * columns)")
        }
        guard y.count == rows else { throw .shape("y has \(y.count) labels, expected \(rows)") }
        let w = weights ?? [Double](repeating: 1, count: rows)
        guard w.count == rows else { throw .shape("weights has \(w.count) values, expected \(rows)") }
        guard penalties.count == columns else {
            throw .shape("penalties has \(penalties.count) values, expected \(columns)")
        }
        let names = columnNames ?? (0..<columns).map { "x\($0)" }
        guard names.count == columns else { throw .shape("\(names.count) column names for \(columns) columns") }
        for i in 0..<rows {
            guard y[i] == 0 || y[i] == 1 else { throw .badLabel(row: i, value: y[i]) }
            guard w[i] >= 0, w[i].isFinite else { throw .badWeight(row: i, value: w[i]) }
        }
        for (k, v) in x.enumerated() where !v.isFinite {
            throw .nonFinite(row: k / columns, column: names[k % columns], value: v)
        }
        for (j, l) in penalties.enumerated() where !(l >= 0 && l.isFinite) {
            throw .badPenalty(column: names[j], value: l)
        }
        if let groups {
            guard groups.index.count == rows else {
                throw .shape("group index has \(groups.index.count) entries, expected \(rows)")
            }
            guard groups.penalty > 0, groups.penalty.isFinite else { throw .badPenalty(column: "groups", value: groups.penalty) }
            for (i, g) in groups.index.enumerated() where g < 0 || Int(g) >= groups.count {
                throw .shape("row \(i) is in group \(g), outside 0..<\(groups.count)")
            }
        }
        var positive = 0.0, negative = 0.0
        for i in 0..<rows where w[i] > 0 { if y[i] == 1 { positive += w[i] } else { negative += w[i] } }
        guard positive + negative > 0 else { throw .noWeight }
        guard positive > 0, negative > 0 else { throw .singleClass(label: positive > 0 ? 1 : 0) }
        self.rows = rows; self.columns = columns; self.x = x; self.y = y; self.weights = w
        self.penalties = penalties; self.groups = groups; self.columnNames = names
    }
}

/// Why a logistic problem cannot be fitted.
public enum LogisticFitError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(rows: Int, columns: Int)
    case shape(String)
    case badLabel(row: Int, value: Double)
    case badWeight(row: Int, value: Double)
    case badPenalty(column: String, value: Double)
    case nonFinite(row: Int, column: String, value: Double)
    case noWeight
    /// Every row with positive weight has the same label: there is nothing to discriminate.
    case singleClass(label: Int)
    /// The penalised Hessian could not be factorised even with added damping.
    case singularHessian

    public var description: String {
        switch self {
        case .empty(let r, let c):
            return "the design has \(r) rows and \(c) columns; a fit needs at least one of each (is the training period empty?)"
        case .shape(let text): return "inconsistent problem: \(text)"
        case .badLabel(let row, let v): return "row \(row): label \(v) is not 0 or 1"
        case .badWeight(let row, let v): return "row \(row): weight \(v) must be finite and ≥ 0"
        case .badPenalty(let column, let v): return "column \(column): penalty \(v) must be finite and ≥ 0 (group penalty > 0)"
        case .nonFinite(let row, let column, let v): return "row \(row), column \(column): value \(v) is not finite; check the feature's inputs"
        case .noWeight: return "every row has weight 0; there is nothing to fit"
        case .singleClass(let label):
            return "every row has label \(label); a logistic model needs both outcomes (widen the training period or check the label definition)"
        case .singularHessian: return "the penalised Hessian is singular; add a penalty (λ > 0) or drop collinear columns"
        }
    }
}
