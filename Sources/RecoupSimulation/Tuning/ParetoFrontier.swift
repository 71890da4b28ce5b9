/// The Pareto frontier of points in two figures that are both to be minimised (DSO against
/// cost per invoice in `recoup tune`).
///
/// Point `q` dominates `p` when `q` is no worse in both figures and strictly better in at
/// least one. The frontier is the set of points no other point dominates; two points equal in
/// both figures are both on it (neither dominates the other). A NaN figure counts as +∞.
public enum ParetoFrontier {
    /// For each point, nil when it is on the frontier, otherwise the index of a frontier point
    /// that dominates it (the one with the smallest `y`, then smallest `x`, then index).
    ///
    /// Sorts by (x, y, index) and sweeps, keeping the smallest `y` seen so far and the first
    /// point that reached it.
    /// - Complexity: O(n log n).
    public static func dominators(x: [Double], y: [Double]) -> [Int?] {
        precondition(x.count == y.count, "ParetoFrontier.dominators: x and y differ in length")
        func key(_ v: Double) -> Double { v.isNaN ? .infinity : v }
        let order = x.indices.sorted { a, b in
            let xa = key(x[a]), xb = key(x[b])
            if xa != xb { return xa < xb }
            let ya = key(y[a]), yb = key(y[b])
            if ya != yb { return ya < yb }
            return a < b
        }
        var result = [Int?](repeating: nil, count: x.count)
        var best: Int? = nil
        for p in order {
            guard let b = best else { best = p; continue }
            let yb = key(y[b]), yp = key(y[p])
            if yb < yp || (yb == yp && key(x[b]) < key(x[p])) {
                result[p] = b
            } else if yp < yb {
                best = p
            }
        }
        return result
    }
}
