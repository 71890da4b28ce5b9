import RecoupPolicy

/// A bounded subset-sum search: the combinations of 2…`maxSize` of `amounts` that add up to
/// `target` exactly, for one deposit paying several invoices (or standing for several
/// recorded payments).
///
/// The search is depth-first over the amounts in the order given and stops at the second
/// solution (the caller needs only "none", "exactly this one" or "several") or after
/// `maxSteps` partial combinations, whichever comes first; when the budget runs out the result
/// says so and no combination is trusted. Amounts must be positive.
///
/// ```swift
/// SubsetSearch.combinations(of: [100, 250, 400], target: 350, maxSize: 3, maxSteps: 1000)
/// // .unique([0, 1])
/// ```
enum SubsetSearch {
    /// What the search found.
    enum Outcome: Equatable {
        case none
        /// The positions in `amounts` of the one combination, ascending.
        case unique([Int])
        /// At least two combinations (the first two found).
        case several([Int], [Int])
        /// The step budget ran out before the search was complete.
        case incomplete
    }

    /// - Complexity: at most `maxSteps` steps, each O(1) amortised.
    static func combinations(of amounts: [Int64], target: Int64, maxSize: Int, maxSteps: Int) -> Outcome {
        guard target > 0, maxSize >= 2, amounts.count >= 2 else { return .none }
        // suffixSums[i]: the sum of amounts[i...], to prune branches that can never reach the target.
        var suffixSums = [Int64](repeating: 0, count: amounts.count + 1)
        for i in stride(from: amounts.count - 1, through: 0, by: -1) {
            suffixSums[i] = suffixSums[i + 1] &+ max(0, amounts[i])
        }
        var found: [[Int]] = []
        var chosen: [Int] = []
        var steps = 0
        var exhausted = false

        func search(from start: Int, remaining: Int64) {
            if found.count >= 2 || exhausted { return }
            if remaining == 0 {
                if chosen.count >= 2 { found.append(chosen) }
                return
            }
            guard chosen.count < maxSize, start < amounts.count, suffixSums[start] >= remaining else { return }
            for i in start..<amounts.count {
                steps += 1
                if steps > maxSteps { exhausted = true; return }
                let amount = amounts[i]
                guard amount > 0, amount <= remaining else { continue }
                chosen.append(i)
                search(from: i + 1, remaining: remaining - amount)
                chosen.removeLast()
                if found.count >= 2 || exhausted { return }
            }
        }
        search(from: 0, remaining: target)
        if found.count >= 2 { return .several(found[0], found[1]) }
        if exhausted { return .incomplete }
        return found.first.map { .unique($0) } ?? .none
    }
}
