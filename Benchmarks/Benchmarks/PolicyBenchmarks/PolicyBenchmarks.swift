import Benchmark
import RecoupPolicy
import RecoupPolicyAuthoring

/// A day-major sweep like the simulator's: every open invoice of a portfolio decided on every
/// day, with the engine's state per invoice in one contiguous array and one reused
/// `DayDecision`. One iteration = `invoices × days` invoice-days (1 million).
struct PolicySweep {
    let engine: PolicyEngine
    var states: [InvoicePolicyState]
    let dueOn: [Day]
    let balance: [Money]
    let autopay: [Bool]
    let promisedOn: [Day?]
    let start: Day
    let days: Int

    init(_ template: PolicyTemplate, invoices: Int = 10_000, days: Int = 100) throws {
        engine = try PolicyEngine(template.policy)
        start = Day(year: 2026, month: 1, day: 5)!
        self.days = days
        var g = SplitMix64(seed: 1)
        var states: [InvoicePolicyState] = [], due: [Day] = [], bal: [Money] = [], auto: [Bool] = [], promise: [Day?] = []
        for _ in 0..<invoices {
            let risk = Double(g.next() % 1000) / 1000
            states.append(engine.makeState(risk: risk))
            due.append(start + Int(g.next() % 60) - 20)
            bal.append(Money(minorUnits: Int64(g.next() % 5_000_000)))
            auto.append(g.next() % 5 == 0)
            promise.append(g.next() % 10 == 0 ? start + Int(g.next() % 90) : nil)
        }
        self.states = states; dueOn = due; balance = bal; autopay = auto; promisedOn = promise
    }

    /// Decides every invoice on every day; returns the number of contacts (to keep the work).
    mutating func run() -> Int {
        var decision = DayDecision()
        var contacts = 0
        for offset in 0..<days {
            let day = start + offset
            for i in states.indices {
                let facts = InvoiceDayFacts(day: day, dueOn: dueOn[i], openBalance: balance[i], isAutopay: autopay[i],
                                            promisedOn: promisedOn[i])
                engine.decide(&states[i], facts, into: &decision)
                contacts &+= decision.count
            }
        }
        return contacts
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        maxDuration: .seconds(5), maxIterations: 20)
    for template in [PolicyTemplate.copilot, .fixed] {
        Benchmark("decide, 1M invoice-days, \(template.fileName)", configuration: configuration) { benchmark in
            guard var sweep = try? PolicySweep(template) else { return }
            benchmark.startMeasurement()
            blackHole(sweep.run())
            benchmark.stopMeasurement()
        }
    }
}
