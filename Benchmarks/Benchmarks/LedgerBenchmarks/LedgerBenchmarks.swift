import Benchmark

// Benchmarks for this layer arrive with its implementation.
let benchmarks: @Sendable () -> Void = {
}
