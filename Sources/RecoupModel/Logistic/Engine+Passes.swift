import Foundation

/// Raw pointers handed to the parallel row chunks of a pass; each chunk writes only its own
/// rows and its own partial-sum slot, so sharing them is safe.
struct PassPointers: @unchecked Sendable {
    var x: UnsafePointer<Double>
    var y: UnsafePointer<Double>
    var w: UnsafePointer<Double>
    var eta: UnsafeMutablePointer<Double>
    var scratch: UnsafeMutablePointer<Double>
    var groups: UnsafePointer<Int32>?
    var partials: UnsafeMutablePointer<Double>
    var blocks: UnsafeMutablePointer<Double>
    var vector: UnsafePointer<Double>
    var groupVector: UnsafePointer<Double>?
}

/// The passes over the design, split into `chunks` row ranges run on all cores
/// (`DispatchQueue.concurrentPerform`) with OpenBLAS kept single-threaded inside each, and
/// partial sums reduced in chunk order.
extension Engine {
    /// The most row chunks a pass is split into.
    static let maxChunks = 8

    static func partialStride(p: Int, k: Int) -> Int { p + p * p + 2 * k + k * p }

    /// Runs `body(chunk, rowRange)` for every chunk in parallel.
    static func forEachChunk(n: Int, chunks: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
        BLAS.useSingleThread()
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            body(c, (c * n / chunks)..<((c + 1) * n / chunks))
        }
    }

    /// η = X·β + a_g (one pass, `dgemv` per chunk).
    mutating func computeEta() {
        let beta = beta, groupEffects = groupEffects
        var out = eta
        eta = []
        computeImage(of: beta, groupVector: groupEffects, into: &out)
        eta = out
    }

    /// etaStep = X·dβ + da_g (one pass, `dgemv` per chunk).
    mutating func computeEtaStep(dBeta: [Double], dGroup: [Double]) {
        var out = etaStep
        etaStep = []
        computeImage(of: dBeta, groupVector: dGroup, into: &out)
        etaStep = out
    }

    func computeImage(of vector: [Double], groupVector: [Double], into out: inout [Double]) {
        let p = p, n = n, chunks = chunks
        let hasGroups = problem.groups != nil
        let groupIndex = problem.groups?.index ?? []
        problem.x.withUnsafeBufferPointer { x in
            vector.withUnsafeBufferPointer { v in
                groupVector.withUnsafeBufferPointer { gv in
                    groupIndex.withUnsafeBufferPointer { g in
                        out.withUnsafeMutableBufferPointer { o in
                            let ptr = PassPointers(x: x.baseAddress!, y: x.baseAddress!, w: x.baseAddress!, eta: o.baseAddress!,
                                                   scratch: o.baseAddress!, groups: hasGroups ? g.baseAddress : nil,
                                                   partials: o.baseAddress!, blocks: o.baseAddress!, vector: v.baseAddress!,
                                                   groupVector: hasGroups ? gv.baseAddress : nil)
                            Engine.forEachChunk(n: n, chunks: chunks) { _, rows in
                                guard !rows.isEmpty else { return }
                                BLAS.gemv(transpose: false, m: rows.count, n: p, alpha: 1, a: ptr.x + rows.lowerBound * p,
                                          x: ptr.vector, beta: 0, y: ptr.eta + rows.lowerBound)
                                if let g = ptr.groups, let a = ptr.groupVector {
                                    for i in rows { ptr.eta[i] += a[Int(g[i])] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func penalty(beta b: [Double], groups a: [Double]) -> Double {
        var s = 0.0
        for j in 0..<p { s += problem.penalties[j] * b[j] * b[j] }
        if let groups = problem.groups { for c in 0..<k { s += groups.penalty * a[c] * a[c] } }
        return 0.5 * s
    }

    /// Σ wᵢ ℓ(ηᵢ + t·etaStepᵢ) (no penalty); O(n), no pass over X.
    func dataLoss(step t: Double) -> Double {
        sumAlongStep(t) { v, y, _ in Engine.softplus(v) - y * v }
    }

    /// d/dt Σ wᵢ ℓ(ηᵢ + t·etaStepᵢ) = Σ wᵢ (σ(ηᵢ + t·etaStepᵢ) − yᵢ)·etaStepᵢ; O(n).
    func dataDerivative(step t: Double) -> Double {
        sumAlongStep(t) { v, y, d in (Engine.sigmoid(v) - y) * d }
    }

    /// Σ over rows with wᵢ ≠ 0 of wᵢ · term(ηᵢ + t·etaStepᵢ, yᵢ, etaStepᵢ), in row chunks on
    /// the engine's threads and summed in chunk order (deterministic); the line search's two
    /// O(n) passes, which never touch X.
    @inline(__always)
    private func sumAlongStep(_ t: Double, _ term: @escaping @Sendable (Double, Double, Double) -> Double) -> Double {
        let n = n, chunks = chunks
        var sums = [Double](repeating: 0, count: chunks)
        problem.weights.withUnsafeBufferPointer { w in
            problem.y.withUnsafeBufferPointer { y in
                eta.withUnsafeBufferPointer { e in
                    etaStep.withUnsafeBufferPointer { d in
                        sums.withUnsafeMutableBufferPointer { s in
                            let ptr = PassPointers(x: d.baseAddress!, y: y.baseAddress!, w: w.baseAddress!,
                                                   eta: UnsafeMutablePointer(mutating: e.baseAddress!),
                                                   scratch: s.baseAddress!, groups: nil, partials: s.baseAddress!,
                                                   blocks: s.baseAddress!, vector: d.baseAddress!, groupVector: nil)
                            Engine.forEachChunk(n: n, chunks: chunks) { c, rows in
                                var total = 0.0
                                for i in rows where ptr.w[i] != 0 {
                                    total += ptr.w[i] * term(ptr.eta[i] + t * ptr.vector[i], ptr.y[i], ptr.vector[i])
                                }
                                ptr.partials[c] = total
                            }
                        }
                    }
                }
            }
        }
        return sums.reduce(0, +)
    }

    /// d/dt of the penalty at (b, a) along (dβ, da).
    func penaltyDerivative(beta b: [Double], groups a: [Double], dBeta: [Double], dGroup: [Double]) -> Double {
        var s = 0.0
        for j in 0..<p { s += problem.penalties[j] * b[j] * dBeta[j] }
        if let groups = problem.groups { for c in 0..<k { s += groups.penalty * a[c] * dGroup[c] } }
        return s
    }

    /// Gradient (and, with `hessian`, the Hessian blocks) at the current η: one pass, each chunk
    /// accumulating into its own partial sums block by block (`dgemv` for the gradient, `dsyrk`
    /// for XᵀWX on √s-scaled rows, rank-1 row updates for the group cross-products).
    mutating func accumulate(hessian wantHessian: Bool) {
        let n = n, p = p, k = k, chunks = chunks
        let blockRows = max(1, options.blockRows)
        let stride = Engine.partialStride(p: p, k: k)
        let groupIndex = problem.groups?.index ?? []
        let hasGroups = problem.groups != nil
        _ = n
        problem.x.withUnsafeBufferPointer { xb in
            problem.weights.withUnsafeBufferPointer { w in
                problem.y.withUnsafeBufferPointer { y in
                    eta.withUnsafeBufferPointer { e in
                        etaStep.withUnsafeMutableBufferPointer { r in
                            groupIndex.withUnsafeBufferPointer { g in
                                partials.withUnsafeMutableBufferPointer { pa in
                                    blocks.withUnsafeMutableBufferPointer { bl in
                                        let ptr = PassPointers(
                                            x: xb.baseAddress!, y: y.baseAddress!, w: w.baseAddress!,
                                            eta: UnsafeMutablePointer(mutating: e.baseAddress!), scratch: r.baseAddress!,
                                            groups: hasGroups ? g.baseAddress : nil, partials: pa.baseAddress!,
                                            blocks: bl.baseAddress!, vector: xb.baseAddress!, groupVector: nil)
                                        Engine.forEachChunk(n: n, chunks: chunks) { c, rows in
                                            Engine.accumulateChunk(ptr, chunk: c, rows: rows, p: p, k: k, stride: stride,
                                                                   blockRows: blockRows, wantHessian: wantHessian)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Reduce in chunk order, starting from the penalty's contribution.
        for j in 0..<p { gradBeta[j] = problem.penalties[j] * beta[j] }
        if let groups = problem.groups { for c in 0..<k { gradGroup[c] = groups.penalty * groupEffects[c] } }
        if wantHessian {
            for j in 0..<(p * p) { hessian[j] = 0 }
            for j in 0..<p { hessian[j * p + j] = problem.penalties[j] }
            if let groups = problem.groups {
                for c in 0..<(k * p) { cross[c] = 0 }
                for c in 0..<k { diag[c] = groups.penalty }
            }
        }
        for c in 0..<chunks {
            let base = c * stride
            for j in 0..<p { gradBeta[j] += partials[base + j] }
            for j in 0..<k { gradGroup[j] += partials[base + p + p * p + j] }
            if wantHessian {
                for j in 0..<(p * p) { hessian[j] += partials[base + p + j] }
                for j in 0..<k { diag[j] += partials[base + p + p * p + k + j] }
                for j in 0..<(k * p) { cross[j] += partials[base + p + p * p + 2 * k + j] }
            }
        }
        if wantHessian {
            hessian.withUnsafeMutableBufferPointer { BLAS.symmetrizeUpper(n: p, c: $0.baseAddress!) }
        }
    }

    /// One chunk of `accumulate`: partial gradient at `partials[chunk·stride …]`, then the
    /// Hessian's upper triangle (p²), the group gradient (k), D (k) and B (k·p).
    static func accumulateChunk(_ ptr: PassPointers, chunk c: Int, rows: Range<Int>, p: Int, k: Int, stride: Int,
                                blockRows: Int, wantHessian: Bool) {
        let base = ptr.partials + c * stride
        let grad = base, hess = base + p, groupGrad = base + p + p * p, diag = groupGrad + k, cross = diag + k
        for j in 0..<(wantHessian ? stride : p + p * p + k) { base[j] = 0 }
        let block = ptr.blocks + c * blockRows * p
        var start = rows.lowerBound
        while start < rows.upperBound {
            let m = min(blockRows, rows.upperBound - start)
            for i in start..<(start + m) {
                let mu = Engine.sigmoid(ptr.eta[i])
                let wi = ptr.w[i]
                let residual = wi * (mu - ptr.y[i])
                ptr.scratch[i] = residual
                if let g = ptr.groups { groupGrad[Int(g[i])] += residual }
                if wantHessian {
                    let s = wi * mu * (1 - mu)
                    let root = s.squareRoot()
                    let src = ptr.x + i * p
                    let dst = block + (i - start) * p
                    for j in 0..<p { dst[j] = root * src[j] }
                    if let g = ptr.groups {
                        let group = Int(g[i])
                        diag[group] += s
                        let row = cross + group * p
                        for j in 0..<p { row[j] += s * src[j] }
                    }
                }
            }
            BLAS.gemv(transpose: true, m: m, n: p, alpha: 1, a: ptr.x + start * p, x: ptr.scratch + start, beta: 1, y: grad)
            if wantHessian { BLAS.syrkTransposed(n: p, k: m, alpha: 1, a: block, beta: 1, c: hess) }
            start += m
        }
    }
}
