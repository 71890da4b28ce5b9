import Benchmark
import Foundation
import RecoupModel

// The model benchmarks of issue 8. Side by side with scikit-learn: Benchmarks/peers/model_side_by_side.sh
// runs this target and then peers/sklearn_fit.py on the same design (exported by the fit
// benchmarks' setup to $RECOUP_MODEL_BENCH_DIR, default /tmp/recoup-model-bench), and
// Benchmarks/README.md records the figures.
let benchmarks: @Sendable () -> Void = {
    let directory = ProcessInfo.processInfo.environment["RECOUP_MODEL_BENCH_DIR"] ?? "/tmp/recoup-model-bench"
    let slow = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                       warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)

    Benchmark("Hazard features: 2M+ invoice-day rows", configuration: slow) { benchmark, world in
        benchmark.startMeasurement()
        let design = HazardDesignBuilder.build(ledger: world.ledger, options: .init(until: world.until))
        benchmark.stopMeasurement()
        blackHole(design.rows)
    } setup: {
        ModelBenchmarkWorld.shared
    }

    Benchmark("Memory pass: sum of the design (bandwidth bound)", configuration: slow) { benchmark, world in
        benchmark.startMeasurement()
        var total = 0.0
        world.design.x.withUnsafeBufferPointer { x in
            var a = 0.0, b = 0.0, c = 0.0, d = 0.0
            var i = 0
            while i + 4 <= x.count { a += x[i]; b += x[i + 1]; c += x[i + 2]; d += x[i + 3]; i += 4 }
            total = a + b + c + d
        }
        benchmark.stopMeasurement()
        blackHole(total)
    } setup: {
        ModelBenchmarkWorld.shared
    }

    for withClients in [false, true] {
        let name = withClients ? "Logistic fit: 2M x 30 + 2,000 client intercepts (Newton, Schur)"
            : "Logistic fit: 2M x 30 (Newton)"
        Benchmark(name, configuration: slow) { benchmark, problem in
            benchmark.startMeasurement()
            let fit = try? LogisticSolver.fit(problem)
            benchmark.stopMeasurement()
            blackHole(fit?.objective)
        } setup: {
            let world = ModelBenchmarkWorld.shared
            let problem = world.problem(withClients: withClients)
            // One untimed fit whose result the peer compares with scikit-learn's.
            let started = Date()
            if let fit = try? LogisticSolver.fit(problem) {
                let seconds = Date().timeIntervalSince(started)
                try? world.exportForPeer(to: directory)
                let result: [String: Any] = [
                    "objective": fit.objective, "logLoss": fit.logLoss, "iterations": fit.iterations,
                    "converged": fit.converged, "gradientNorm": fit.gradientNorm, "coefficients": fit.coefficients,
                    "groupEffects": fit.groupEffects, "seconds": seconds, "rows": problem.rows, "columns": problem.columns,
                ]
                if let data = try? JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]) {
                    try? data.write(to: URL(fileURLWithPath: directory + (withClients ? "/recoup_clients.json" : "/recoup_dense.json")))
                }
            }
            return problem
        }
    }
}
