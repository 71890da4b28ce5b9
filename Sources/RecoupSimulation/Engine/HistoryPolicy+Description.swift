import Foundation
import RecoupPolicy

extension HistoryPolicy {
    /// How the firm used one (channel, actor): its share of the logged contacts and the days
    /// past due it clustered on.
    public struct Habit: Sendable, Equatable {
        public var channel: Channel
        public var actor: ActorKind
        /// Its share of all logged contacts (0…1).
        public var share: Double
        /// Days past due where its contacts cluster (each peak holds at least 15% of them within
        /// ±3 days), earliest first; empty when they are spread out.
        public var peaks: [Int]
        /// The 10th and 90th percentiles of its days past due.
        public var low: Int
        public var high: Int
    }

    /// The habits of every (channel, actor) with contacts, most used first, from `timing`
    /// (contacts per (channel × 2 + actor) × day past due).
    static func habits(timing: [Double], contacts: Double) -> [Habit] {
        var out: [Habit] = []
        let total = timing.reduce(0, +)
        guard total > 0 else { return [] }
        for channel in Channel.allCases {
            for actor in [ActorKind.agent, .human] {
                let kind = channel.index * 2 + (actor == .human ? 1 : 0)
                var counts = Array(timing[(kind * dpdCount)..<((kind + 1) * dpdCount)])
                let sum = counts.reduce(0, +)
                guard sum > 0 else { continue }
                // Percentiles.
                var running = 0.0, low = dpdLow, high = dpdHigh
                var lowSet = false, highSet = false
                for i in 0..<dpdCount {
                    running += counts[i]
                    if !lowSet && running >= 0.1 * sum { low = i + dpdLow; lowSet = true }
                    if !highSet && running >= 0.9 * sum { high = i + dpdLow; highSet = true }
                }
                // Peaks: the heaviest ±3-day window, removed, while it holds ≥ 15%, at most 4.
                var peaks: [Int] = []
                while peaks.count < 4 {
                    var best = -1, bestMass = 0.0
                    for i in 0..<dpdCount {
                        let mass = counts[max(0, i - 3)...min(dpdCount - 1, i + 3)].reduce(0, +)
                        if mass > bestMass { bestMass = mass; best = i }
                    }
                    guard best >= 0, bestMass >= 0.15 * sum else { break }
                    // The busiest day of the window (the first window of the maximum mass may
                    // start before it).
                    var mode = best
                    for j in max(0, best - 3)...min(dpdCount - 1, best + 3) where counts[j] > counts[mode] { mode = j }
                    best = mode
                    peaks.append(best + dpdLow)
                    for j in max(0, best - 3)...min(dpdCount - 1, best + 3) { counts[j] = 0 }
                }
                out.append(Habit(channel: channel, actor: actor, share: sum / total, peaks: peaks.sorted(), low: low, high: high))
            }
        }
        return out.sorted { $0.share > $1.share }
    }

    /// The policy in an operator's words, one line per habit after a summary line:
    ///
    /// ```
    /// history policy (estimated from 2,400 invoices' actions): 58% of invoices contacted
    ///   email by an agent: 71% of contacts, at about 5 and 20 days past due
    ///   call by a person: 29% of contacts, at about 35 days past due
    /// ```
    public var summaryLines: [String] {
        var lines = ["history row: the firm's policy estimated from its actions and replayed as a policy",
                     "history policy (estimated from \(invoices) invoices' actions): "
            + "\(Int((contactedShare * 100).rounded()))% of invoices contacted"
            + (secondContact > 0.005 ? String(format: ", %.0f%% of contact days with two contacts", secondContact * 100) : "")]
        if habits.isEmpty { lines.append("  no contacts logged: the history row makes none") }
        for h in habits {
            let who = h.actor == .human || h.channel == .call ? "by a person" : "by an agent"
            let when: String
            if !h.peaks.isEmpty {
                let days = h.peaks.map(HistoryPolicy.dayText)
                let list = days.count == 1 ? days[0] : days.dropLast().joined(separator: ", ") + " and " + days[days.count - 1]
                when = "at about \(list) days past due"
            } else {
                when = "spread from \(HistoryPolicy.dayText(h.low)) to \(HistoryPolicy.dayText(h.high)) days past due"
            }
            let share = Int((h.share * 100).rounded())
            lines.append("  \(h.channel.rawValue) \(who): \(share < 1 ? "under 1" : "\(share)")% of contacts, \(when)")
        }
        return lines
    }

    /// A day past due as text (a negative one reads as `−3`).
    static func dayText(_ day: Int) -> String { day < 0 ? "−\(-day)" : "\(day)" }
}
