import Foundation

/// Fits `LogisticProblem`s: Newton / IRLS with a Schur-complement elimination of the group
/// effects, or L-BFGS, both over CBLAS, with a backtracking line search.
///
/// Each Newton iteration makes two passes over the design, block by block: one accumulating the
/// gradient, `XᵀWX` (`dsyrk` on each block scaled by √wᵢ) and the group cross-products `B` and
/// diagonal `D` (rank-1 row updates, no per-row allocation); one computing `X·d` for the
/// step, after which every line-search trial is O(n) (`η + t·Xd`) with no pass over `X`.
/// The group block of the Hessian is diagonal, so the step solves the p × p Schur complement
/// `S = H_ββ − B·D⁻¹·Bᵀ` by Cholesky (`dpotrf`/`dpotrs`) and back-substitutes the group steps.
public enum LogisticSolver {
    /// Fits `problem`.
    /// - Throws: `LogisticFitError.singularHessian` if Newton cannot factorise even a damped Hessian.
    /// - Complexity: Newton: O(n·p² + k·p²) per iteration; L-BFGS: O(n·p) per iteration.
    public static func fit(_ problem: LogisticProblem, options: LogisticFitOptions = .init()) throws(LogisticFitError) -> LogisticFit {
        var engine = Engine(problem: problem, options: options)
        let method: LogisticFitOptions.Method
        switch options.method {
        case .automatic: method = problem.columns > options.lbfgsAboveColumns ? .lbfgs : .newton
        default: method = options.method
        }
        var fit: LogisticFit
        if method == .newton { fit = try engine.runNewton() } else { fit = engine.runLBFGS() }
        if options.computeStandardErrors { engine.fillStandardErrors(&fit) }
        return fit
    }
}

/// Working state of one fit: buffers allocated once, reused by every pass.
struct Engine {
    let problem: LogisticProblem
    let options: LogisticFitOptions
    let n: Int, p: Int, k: Int
    let totalWeight: Double
    var beta: [Double]
    var groupEffects: [Double]
    /// ηᵢ at the current point.
    var eta: [Double]
    /// (X·dβ + da_g)ᵢ for the current direction.
    var etaStep: [Double]
    var gradBeta: [Double]
    var gradGroup: [Double]
    var hessian: [Double]
    /// Group cross-products, k × p row-major: B_c = Σ_{i∈c} sᵢ xᵢ.
    var cross: [Double]
    /// Group Hessian diagonal D_c = Σ_{i∈c} sᵢ + λ_g.
    var diag: [Double]
    /// Per-chunk blocks of √sᵢ-scaled rows (`chunks × blockRows × p`).
    var blocks: [Double]
    /// Per-chunk partial sums: gradient (p), Hessian (p²), group gradient (k), D (k), B (k·p).
    var partials: [Double]
    /// Row ranges processed in parallel, reduced in a fixed order (so results do not depend on
    /// the number of cores).
    let chunks: Int
    var usedDamping = false
    /// Whether `hessian`, `cross` and `diag` hold the Hessian at the current point (Newton
    /// stops right after computing it, so the standard errors need no extra pass).
    var hessianIsCurrent = false

    init(problem: LogisticProblem, options: LogisticFitOptions) {
        self.problem = problem
        self.options = options
        n = problem.rows; p = problem.columns; k = problem.groups?.count ?? 0
        totalWeight = problem.weights.reduce(0, +)
        beta = options.initialCoefficients.flatMap { $0.count == problem.columns ? $0 : nil }
            ?? [Double](repeating: 0, count: problem.columns)
        groupEffects = options.initialGroupEffects.flatMap { $0.count == (problem.groups?.count ?? 0) ? $0 : nil }
            ?? [Double](repeating: 0, count: problem.groups?.count ?? 0)
        eta = [Double](repeating: 0, count: n)
        etaStep = [Double](repeating: 0, count: n)
        gradBeta = [Double](repeating: 0, count: p)
        gradGroup = [Double](repeating: 0, count: k)
        hessian = [Double](repeating: 0, count: p * p)
        cross = [Double](repeating: 0, count: k * p)
        diag = [Double](repeating: 0, count: k)
        chunks = max(1, min(Engine.maxChunks, problem.rows / 2_048))
        blocks = [Double](repeating: 0, count: chunks * max(1, options.blockRows) * problem.columns)
        let k = problem.groups?.count ?? 0
        partials = [Double](repeating: 0, count: chunks * Engine.partialStride(p: problem.columns, k: k))
        computeEta()
    }

    /// log(1 + exp(η)), stably.
    @inline(__always) static func softplus(_ e: Double) -> Double {
        e > 0 ? e + log1p(exp(-e)) : log1p(exp(e))
    }

    @inline(__always) static func sigmoid(_ e: Double) -> Double {
        e >= 0 ? 1 / (1 + exp(-e)) : { let z = exp(e); return z / (1 + z) }()
    }

    var gradientNorm: Double {
        var m = 0.0
        for v in gradBeta { m = max(m, abs(v)) }
        for v in gradGroup { m = max(m, abs(v)) }
        return m
    }

    var tolerance: Double { options.gradientTolerance * max(1, totalWeight) }

    /// Solves the Newton system for (dβ, da) from the current gradient and Hessian blocks.
    /// Returns nil when even the damped Schur complement cannot be factorised.
    mutating func newtonDirection() -> (dBeta: [Double], dGroup: [Double])? {
        var schur = hessian
        var rhs = gradBeta.map { -$0 }
        if k > 0 {
            // rhs = −(gβ − Bᵀ·(g_a / D)); S = H − Σ_c B_c B_cᵀ / D_c.
            var scaled = cross
            var ratio = [Double](repeating: 0, count: k)
            for c in 0..<k {
                ratio[c] = gradGroup[c] / diag[c]
                let f = 1 / diag[c].squareRoot()
                for j in 0..<p { scaled[c * p + j] *= f }
            }
            let p = p, k = k
            cross.withUnsafeBufferPointer { b in
                ratio.withUnsafeBufferPointer { q in
                    rhs.withUnsafeMutableBufferPointer { r in
                        BLAS.gemv(transpose: true, m: k, n: p, alpha: 1, a: b.baseAddress!, x: q.baseAddress!,
                                  beta: 1, y: r.baseAddress!)
                    }
                }
            }
            scaled.withUnsafeBufferPointer { sb in
                schur.withUnsafeMutableBufferPointer { s in
                    BLAS.syrkTransposed(n: p, k: k, alpha: -1, a: sb.baseAddress!, beta: 1, c: s.baseAddress!)
                    BLAS.symmetrizeUpper(n: p, c: s.baseAddress!)
                }
            }
        }
        var damping = 0.0
        var scale = 0.0
        for j in 0..<p { scale = max(scale, abs(schur[j * p + j])) }
        for _ in 0..<12 {
            var factor = schur
            if damping > 0 { for j in 0..<p { factor[j * p + j] += damping } }
            let p = p
            let info = factor.withUnsafeMutableBufferPointer { BLAS.choleskyFactor(n: p, a: $0.baseAddress!) }
            if info == 0 {
                var d = rhs
                _ = factor.withUnsafeBufferPointer { f in
                    d.withUnsafeMutableBufferPointer { BLAS.choleskySolve(n: p, nrhs: 1, factor: f.baseAddress!, b: $0.baseAddress!) }
                }
                var da = [Double](repeating: 0, count: k)
                if k > 0 {
                    // da = −(g_a + B·dβ) / D.
                    let k = k
                    cross.withUnsafeBufferPointer { b in
                        d.withUnsafeBufferPointer { db in
                            da.withUnsafeMutableBufferPointer { out in
                                BLAS.gemv(transpose: false, m: k, n: p, alpha: 1, a: b.baseAddress!, x: db.baseAddress!,
                                          beta: 0, y: out.baseAddress!)
                            }
                        }
                    }
                    for c in 0..<k { da[c] = -(gradGroup[c] + da[c]) / diag[c] }
                }
                if damping > 0 { usedDamping = true }
                return (d, da)
            }
            damping = damping == 0 ? max(1e-10 * scale, 1e-12) : damping * 100
        }
        return nil
    }

    /// Backtracking Armijo search along the direction whose image is in `etaStep`.
    /// Returns the accepted step and the new objective, or nil if no decrease was found.
    func lineSearch(dBeta: [Double], dGroup: [Double], objective f0: Double, slope: Double,
                    initial: Double = 1) -> (t: Double, objective: Double)? {
        guard slope < 0 else { return nil }
        var t = initial
        for _ in 0..<60 {
            let b = zip(beta, dBeta).map { $0 + t * $1 }
            let a = zip(groupEffects, dGroup).map { $0 + t * $1 }
            let f = dataLoss(step: t) + penalty(beta: b, groups: a)
            if f <= f0 + options.armijo * t * slope { return (t, f) }
            // Near the optimum the decrease is below the rounding error of f; then accept a
            // step that reduces the directional derivative (approximate Wolfe condition).
            if abs(f - f0) <= 1e-12 * abs(f0) {
                let d = dataDerivative(step: t) + penaltyDerivative(beta: b, groups: a, dBeta: dBeta, dGroup: dGroup)
                if abs(d) <= 0.9 * abs(slope) { return (t, f) }
            }
            t *= 0.5
        }
        return nil
    }

    mutating func take(step t: Double, dBeta: [Double], dGroup: [Double]) {
        for j in 0..<p { beta[j] += t * dBeta[j] }
        for c in 0..<k { groupEffects[c] += t * dGroup[c] }
        let n = n
        etaStep.withUnsafeBufferPointer { d in
            eta.withUnsafeMutableBufferPointer { e in for i in 0..<n { e[i] += t * d[i] } }
        }
    }

    func slope(dBeta: [Double], dGroup: [Double]) -> Double {
        var s = 0.0
        for j in 0..<p { s += gradBeta[j] * dBeta[j] }
        for c in 0..<k { s += gradGroup[c] * dGroup[c] }
        return s
    }

    mutating func runNewton() throws(LogisticFitError) -> LogisticFit {
        var objective = dataLoss(step: 0) + penalty(beta: beta, groups: groupEffects)
        var iterations = 0
        var converged = false
        while true {
            accumulate(hessian: true)
            hessianIsCurrent = true
            if gradientNorm <= tolerance { converged = true; break }
            if iterations >= options.maxIterations { break }
            guard let (dBeta, dGroup) = newtonDirection() else { throw .singularHessian }
            let s = slope(dBeta: dBeta, dGroup: dGroup)
            computeEtaStep(dBeta: dBeta, dGroup: dGroup)
            iterations += 1
            guard let (t, f) = lineSearch(dBeta: dBeta, dGroup: dGroup, objective: objective, slope: s) else {
                break
            }
            take(step: t, dBeta: dBeta, dGroup: dGroup)
            hessianIsCurrent = false
            objective = f
        }
        return finish(method: .newton, iterations: iterations, converged: converged, objective: objective)
    }

    mutating func runLBFGS() -> LogisticFit {
        let dim = p + k
        var objective = dataLoss(step: 0) + penalty(beta: beta, groups: groupEffects)
        accumulate(hessian: false)
        var g = gradBeta + gradGroup
        var sHistory: [[Double]] = [], yHistory: [[Double]] = [], rhoHistory: [Double] = []
        var iterations = 0
        var converged = false
        while true {
            if gradientNorm <= tolerance { converged = true; break }
            if iterations >= options.lbfgsMaxIterations { break }
            // Two-loop recursion: direction = −H·g.
            var q = g
            var alphas = [Double](repeating: 0, count: sHistory.count)
            for m in stride(from: sHistory.count - 1, through: 0, by: -1) {
                var a = 0.0
                for j in 0..<dim { a += sHistory[m][j] * q[j] }
                a *= rhoHistory[m]
                alphas[m] = a
                for j in 0..<dim { q[j] -= a * yHistory[m][j] }
            }
            var gamma = 1.0
            if let s = sHistory.last, let y = yHistory.last {
                var sy = 0.0, yy = 0.0
                for j in 0..<dim { sy += s[j] * y[j]; yy += y[j] * y[j] }
                if yy > 0 { gamma = sy / yy }
            } else {
                var norm = 0.0
                for v in g { norm += v * v }
                gamma = 1 / max(norm.squareRoot(), 1e-300)
            }
            for j in 0..<dim { q[j] *= gamma }
            for m in 0..<sHistory.count {
                var b = 0.0
                for j in 0..<dim { b += yHistory[m][j] * q[j] }
                b *= rhoHistory[m]
                for j in 0..<dim { q[j] += sHistory[m][j] * (alphas[m] - b) }
            }
            var dBeta = Array(q[0..<p]).map { -$0 }
            var dGroup = Array(q[p..<dim]).map { -$0 }
            var s = slope(dBeta: dBeta, dGroup: dGroup)
            if !(s < 0) {
                // Not a descent direction: restart from steepest descent.
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                dBeta = gradBeta.map { -$0 }; dGroup = gradGroup.map { -$0 }
                s = slope(dBeta: dBeta, dGroup: dGroup)
            }
            computeEtaStep(dBeta: dBeta, dGroup: dGroup)
            iterations += 1
            guard let (t, f) = lineSearch(dBeta: dBeta, dGroup: dGroup, objective: objective, slope: s) else { break }
            take(step: t, dBeta: dBeta, dGroup: dGroup)
            objective = f
            accumulate(hessian: false)
            let newG = gradBeta + gradGroup
            var sv = [Double](repeating: 0, count: dim), yv = [Double](repeating: 0, count: dim)
            var sy = 0.0, yy = 0.0
            for j in 0..<p { sv[j] = t * dBeta[j] }
            for c in 0..<k { sv[p + c] = t * dGroup[c] }
            for j in 0..<dim { yv[j] = newG[j] - g[j]; sy += sv[j] * yv[j]; yy += yv[j] * yv[j] }
            // Keep the pair only with clear positive curvature (rounding noise in y near the
            // optimum would otherwise spoil the inverse-Hessian estimate).
            if sy > 1e-10 * yy && yy > 0 {
                sHistory.append(sv); yHistory.append(yv); rhoHistory.append(1 / sy)
                if sHistory.count > options.lbfgsMemory {
                    sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst()
                }
            }
            g = newG
        }
        return finish(method: .lbfgs, iterations: iterations, converged: converged, objective: objective)
    }

    func finish(method: LogisticFitOptions.Method, iterations: Int, converged: Bool, objective: Double) -> LogisticFit {
        let loss = dataLoss(step: 0)
        var warnings: [LogisticFitWarning] = []
        if !converged { warnings.append(.notConverged(iterations: iterations, gradientNorm: gradientNorm)) }
        var separated = 0
        for i in 0..<n where problem.weights[i] > 0 {
            let mu = Engine.sigmoid(eta[i])
            if abs(mu - problem.y[i]) < 1e-9 { separated += 1 }
        }
        if separated > 0 {
            var largest = 0
            for j in 0..<p where problem.penalties[j] > 0 && abs(beta[j]) > abs(beta[largest]) { largest = j }
            warnings.append(.separation(rows: separated, largestCoefficient: problem.columnNames[largest]))
        }
        if usedDamping { warnings.append(.collinear) }
        return LogisticFit(coefficients: beta, groupEffects: groupEffects, standardErrors: [],
                           groupStandardErrors: [], covariance: [], iterations: iterations,
                           converged: converged, gradientNorm: gradientNorm,
                           logLoss: loss / max(totalWeight, .leastNormalMagnitude), objective: objective,
                           method: method, warnings: warnings)
    }

    /// Covariance of β (`S⁻¹`) and marginal variances of the group effects
    /// (`1/D_c + (B_c/D_c)ᵀ S⁻¹ (B_c/D_c)`) from the penalised Hessian at the solution.
    mutating func fillStandardErrors(_ fit: inout LogisticFit) {
        if !hessianIsCurrent { accumulate(hessian: true) }
        var schur = hessian
        let p = p, k = k
        if k > 0 {
            var scaled = cross
            for c in 0..<k {
                let f = 1 / diag[c].squareRoot()
                for j in 0..<p { scaled[c * p + j] *= f }
            }
            scaled.withUnsafeBufferPointer { sb in
                schur.withUnsafeMutableBufferPointer { s in
                    BLAS.syrkTransposed(n: p, k: k, alpha: -1, a: sb.baseAddress!, beta: 1, c: s.baseAddress!)
                    BLAS.symmetrizeUpper(n: p, c: s.baseAddress!)
                }
            }
        }
        var info = schur.withUnsafeMutableBufferPointer { BLAS.choleskyFactor(n: p, a: $0.baseAddress!) }
        guard info == 0 else { return }
        info = schur.withUnsafeMutableBufferPointer { BLAS.choleskyInverse(n: p, factor: $0.baseAddress!) }
        guard info == 0 else { return }
        fit.covariance = schur
        fit.standardErrors = (0..<p).map { max(0, schur[$0 * p + $0]).squareRoot() }
        if k > 0 {
            // v_c = B_c / D_c;  var(a_c) = 1/D_c + v_cᵀ S⁻¹ v_c, batched as rows of V·S⁻¹.
            var v = cross
            for c in 0..<k { for j in 0..<p { v[c * p + j] /= diag[c] } }
            var vs = [Double](repeating: 0, count: k * p)
            v.withUnsafeBufferPointer { vb in
                schur.withUnsafeBufferPointer { sb in
                    vs.withUnsafeMutableBufferPointer { out in
                        BLAS.gemmABt(m: k, n: p, k: p, alpha: 1, a: vb.baseAddress!, b: sb.baseAddress!, beta: 0,
                                     c: out.baseAddress!)
                    }
                }
            }
            fit.groupStandardErrors = (0..<k).map { c in
                var q = 0.0
                for j in 0..<p { q += vs[c * p + j] * v[c * p + j] }
                return max(0, 1 / diag[c] + q).squareRoot()
            }
        }
    }
}
