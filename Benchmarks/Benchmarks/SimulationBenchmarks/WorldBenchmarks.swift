import Benchmark
import RecoupPolicy
import RecoupSimulation
import RecoupSynthetic

/// A sink that counts rows without keeping them, so the benchmark measures generation alone.
struct CountingSink: LedgerRecordSink {
    var rows = 0
    mutating func add(_ client: Client) { rows += 1 }
    mutating func add(_ invoice: Invoice) { rows += 1 }
    mutating func add(_ payment: Payment) { rows += 1 }
    mutating func add(_ action: CollectionAction) { rows += 1 }
    mutating func add(_ promise: PaymentPromise) { rows += 1 }
    mutating func add(_ dispute: Dispute) { rows += 1 }
    mutating func add(_ adjustment: Adjustment) { rows += 1 }
    mutating func add(_ deposit: Deposit) { rows += 1 }
    mutating func add(_ entry: TimesheetEntry) { rows += 1 }
}

/// Counter-based draws and synthetic-history generation (figures in Benchmarks/README.md).
func registerWorldBenchmarks() {
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                                maxDuration: .seconds(10), maxIterations: 20)

    // One million counter-based uniform draws (the simulator's innermost operation).
    Benchmark("CounterRandom.uniform ×1e6", configuration: configuration) { benchmark in
        let rng = CounterRandom(seed: 1, run: 0)
        var sum = 0.0
        for i in 0..<1_000_000 { sum += rng.uniform(entity: i, day: 20_000, purpose: .payment) }
        blackHole(sum)
    }

    // The synthetic history of 2,000 clients over 24 months (~54,000 invoices), rows counted.
    Benchmark("SyntheticWorld.generateHistory 2000 clients × 24 months", configuration: configuration) { benchmark in
        let world = SyntheticWorld(parameters: WorldParameters(clients: 2_000, months: 24, seed: 1))
        var sink = CountingSink()
        benchmark.startMeasurement()
        blackHole(try world.generateHistory(into: &sink))
        blackHole(sink.rows)
    }
}
