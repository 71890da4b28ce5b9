import Dispatch
import Foundation
import RecoupPolicy

/// Runs the replay of a cohort under several policies for R runs with common random numbers,
/// in parallel over fixed chunks of clients, and returns each policy's per-run totals.
///
/// Clients are independent given their effects, so each worker takes whole chunks of clients
/// and simulates every run and policy of each client in turn; a chunk's totals are merged into
/// the result in chunk order, so the output is the same whatever the scheduling or the number
/// of threads.
public enum ReplayRunner {
    /// Per-policy, per-run totals of a simulation.
    public struct Totals: Sendable {
        /// `policies × runs × ReplayTally.width`, row-major.
        public var values: [Double]
        public var policies: Int
        public var runs: Int
        /// The last day any replay reached.
        public var lastDay: Day
        /// With `perInvoice`: per policy, each cohort invoice's mean over the runs it was
        /// simulated in of its cohort-DSO days and its collected share (model-based
        /// predictions for the doubly robust estimator).
        public var invoiceDSODays: [[Double]]?
        public var invoiceCollectedShare: [[Double]]?

        /// The tally of one policy in one run.
        public func tally(policy p: Int, run r: Int) -> [Double] {
            let start = (p * runs + r) * ReplayTally.width
            return Array(values[start..<(start + ReplayTally.width)])
        }
    }

    /// The number of clients per chunk for a cohort (fixed by the cohort, never by the threads).
    static func chunkSize(clients: Int) -> Int { max(1, (clients + 255) / 256) }

    /// Replays `cohort` under each policy for `options.runs` runs.
    ///
    /// - Parameters:
    ///   - progress: called with the fraction of chunks done (from worker threads, serialised).
    /// - Throws: `SimulationError` for an unusable behaviour, bad runs or no policies.
    /// - Complexity: O(runs × policies × invoice-days); memory O(invoices + chunks × runs × policies).
    public static func run(cohort: ReplayCohort, behaviour: ReplayBehaviour, policies: [ReplayPolicy],
                           options: SimulationOptions, perInvoice: Bool = false,
                           progress: (@Sendable (Double) -> Void)? = nil)
        throws(SimulationError) -> Totals
    {
        guard !policies.isEmpty else { throw .noPolicies }
        guard (1...10_000).contains(options.runs) else { throw .badRuns(options.runs) }
        let problems = behaviour.problems()
        guard problems.isEmpty else { throw .badBehaviour(problems) }
        // Client effects drawn with their uncertainty come with the baseline calibrated for
        // those draws (docs/simulation.md, "Uncertainty").
        var calibrated = behaviour
        if options.estimationUncertainty {
            calibrated.dpdCoefficients = zip(behaviour.dpdCoefficients, behaviour.drawShifts).map { $0 + $1 }
        }
        let behaviour = calibrated
        let base = behaviour.bases(for: cohort)
        let effects = cohort.clients.map { behaviour.clientEffects[$0.id] }
        let clientCount = cohort.clients.count
        let size = chunkSize(clients: clientCount)
        let chunks = (clientCount + size - 1) / size
        let runs = options.runs
        let width = ReplayTally.width
        let slots = ChunkSlots(count: chunks, width: policies.count * runs * width)
        let draws = CoefficientDraws(behaviour: behaviour, runs: runs, seed: options.seed, enabled: options.estimationUncertainty && options.coefficientUncertainty)
        let invoiceSums = perInvoice ? InvoiceSums(count: 3 * policies.count * cohort.count) : nil
        let n = cohort.count
        let threads = max(1, min(options.threads, chunks))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var replay = ClientReplay(cohort: cohort, behaviour: behaviour, base: base, costs: options.costs)
            replay.skipsQuietDays = options.skipsQuietDays
            // This thread's own engines (see `ReplayPolicy.threadCopy`), unwrapped once.
            let policies = policies.map { $0.threadCopy() }
            let engines = policies.map { $0.engine ?? ClientReplay.placeholderEngine }
            var tally = [Double](repeating: 0, count: width)
            let groups = options.sharesWork && !perInvoice && options.skipsQuietDays
                ? ReplayGroup.groups(policies: policies, engines: engines, costs: options.costs) : nil
            var memberTallies: [[Double]] = []
            while let chunk = slots.claim() {
                var sums = [Double](repeating: 0, count: policies.count * runs * width)
                let lo = chunk * size, hi = min(clientCount, lo + size)
                for c in lo..<hi {
                    for r in 0..<runs {
                        let rng = ReplayRandom(seed: options.seed, run: r)
                        var weight = 1.0
                        var u = effects[c]?.effect ?? 0
                        if options.estimationUncertainty {
                            weight = Double(rng.poissonOne(entity: c, day: 0, purpose: .bootstrap))
                            if weight == 0 { continue }
                            let se = effects[c]?.standardError ?? behaviour.unknownClientSD
                            if se > 0 { u += se * rng.normal(entity: c, day: 0, purpose: .clientPropensity) }
                        }
                        if let values = draws.values { replay.behaviour.setDynamicCoefficients(values, offset: r * CoefficientDraws.count) }
                        // One policy replayed on its own (with its per-invoice predictions if asked).
                        func alone(_ p: Int) {
                            for f in 0..<width { tally[f] = 0 }
                            replay.replay(client: c, policy: policies[p], engine: engines[p], rng: rng, clientEffect: u, tally: &tally)
                            let start = (p * runs + r) * width
                            for f in 0..<width { sums[start + f] += weight * tally[f] }
                            if let invoiceSums {
                                // Each client is one worker's: its invoices' slots are written by no other.
                                let range = cohort.clients[c].invoices
                                for g in range {
                                    let k = g - range.lowerBound
                                    let amount = Double(cohort.amount[g])
                                    invoiceSums.add(3 * (p * n + g), replay.invoiceWeightedDays[k] / amount)
                                    invoiceSums.add(3 * (p * n + g) + 1, replay.invoiceCollected[k] / amount)
                                    invoiceSums.add(3 * (p * n + g) + 2, 1)
                                }
                            }
                        }
                        guard let groups else {
                            for p in policies.indices { alone(p) }
                            continue
                        }
                        for group in groups {
                            guard group.members.count > 1 else {
                                alone(group.members[0])
                                continue
                            }
                            if memberTallies.count < group.members.count {
                                memberTallies = Array(repeating: [Double](repeating: 0, count: width), count: group.members.count)
                            }
                            for i in 0..<group.members.count { for f in 0..<width { memberTallies[i][f] = 0 } }
                            replay.replayShared(client: c, group: group, rng: rng, clientEffect: u, tallies: &memberTallies)
                            for (i, p) in group.members.enumerated() {
                                let start = (p * runs + r) * width
                                for f in 0..<width { sums[start + f] += weight * memberTallies[i][f] }
                            }
                        }
                    }
                }
                slots.store(sums, at: chunk, lastDay: replay.lastDay)
                if let progress { progress(slots.fractionDone) }
            }
        }
        let (totals, lastDay) = slots.result()
        var result = Totals(values: totals, policies: policies.count, runs: runs,
                            lastDay: Day(ordinal: lastDay == Int.min ? cohort.to.ordinal : lastDay))
        if let invoiceSums {
            var days: [[Double]] = [], shares: [[Double]] = []
            for p in 0..<policies.count {
                var d = [Double](repeating: .nan, count: n), s = [Double](repeating: .nan, count: n)
                for g in 0..<n {
                    let count = invoiceSums.value(3 * (p * n + g) + 2)
                    if count > 0 {
                        d[g] = invoiceSums.value(3 * (p * n + g)) / count
                        s[g] = invoiceSums.value(3 * (p * n + g) + 1) / count
                    }
                }
                days.append(d); shares.append(s)
            }
            result.invoiceDSODays = days
            result.invoiceCollectedShare = shares
        }
        return result
    }
}

/// The chunks' results, summed in chunk order as they arrive (a chunk finished early waits
/// for the ones before it), so the totals do not depend on scheduling and memory holds only the
/// chunks finished out of order, not one result per chunk.
final class ChunkSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var merged = 0
    private var waiting: [Int: [Double]] = [:]
    private var totals: [Double]
    private var lastDay = Int.min
    let count: Int

    /// `count` chunks, each summing to `width` values.
    init(count: Int, width: Int) {
        self.count = count
        totals = [Double](repeating: 0, count: width)
    }

    /// The next chunk to work on, or nil when all are taken.
    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ values: [Double], at chunk: Int, lastDay day: Int) {
        lock.lock(); defer { lock.unlock() }
        waiting[chunk] = values
        lastDay = max(lastDay, day)
        done += 1
        while let sums = waiting.removeValue(forKey: merged) {
            for i in totals.indices { totals[i] += sums[i] }
            merged += 1
        }
    }

    var fractionDone: Double {
        lock.lock(); defer { lock.unlock() }
        return Double(done) / Double(max(1, count))
    }

    /// The totals of all chunks (every chunk stored), and the last day any reached.
    func result() -> ([Double], Int) {
        lock.lock(); defer { lock.unlock() }
        precondition(merged == count, "ChunkSlots: \(count - merged) chunks not merged")
        return (totals, lastDay)
    }
}

/// Per-invoice sums written by workers at disjoint indices (one client's invoices belong to one
/// worker), in raw storage so that no exclusivity check or copy-on-write is involved.
final class InvoiceSums: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(1, count))
        storage.initialize(repeating: 0, count: max(1, count))
    }

    deinit { storage.deallocate() }

    @inline(__always) func add(_ index: Int, _ value: Double) { storage[index] += value }
    func value(_ index: Int) -> Double { storage[index] }
}
