import Benchmark
import Foundation
import RecoupPolicy
import RecoupSimulation

// The tune target of issue 6: 100 grid points on a 20,000-invoice cohort, 50 runs each, in
// under 60 s on this 2-core machine. The cohort and behaviour are BenchmarkCohort's (400
// clients × 50 invoices); the base is its fixed-reminder policy and the grid moves the second
// email (days 5…14) and the voice-agent call (days 21…30): 10 × 10 points, all valid.

/// Registers the tune benchmark (called from `benchmarks` in SimulationBenchmarks.swift).
func registerTuneBenchmarks() {
    Benchmark("tune 100 points × 20k invoices × 50 runs") { benchmark in
        let cohort = BenchmarkCohort.make(clients: 400, invoicesPerClient: 50)
        let evaluator = ReplayEvaluator(cohort: cohort.cohort, behaviour: cohort.behaviour,
                                        options: SimulationOptions(runs: 50, seed: 1, threads: 2))
        let base = TuneBenchmark.basePolicy()
        let axes = [try TuningAxis(parsing: "cadences.all[1].day=5..14/1"), try TuningAxis(parsing: "cadences.all[3].day=21..30/1")]
        let pick = try PickExpression(parsing: "min cost where dso <= 60")
        benchmark.startMeasurement()
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try Tuner.run(base: base, axes: axes, evaluator: evaluator, pick: pick)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        benchmark.stopMeasurement()
        FileHandle.standardError.write(Data(String(format: "tune: %.2f s for %d points (%d invoices, %d runs), %d on the frontier\n",
                                                   seconds, report.results.count, evaluator.invoices, evaluator.runs,
                                                   report.results.filter(\.isOnFrontier).count).utf8))
        blackHole(report)
    }
}

enum TuneBenchmark {
    /// BenchmarkCohort's fixed reminders as a policy: emails at dpd −3 and 7, an SMS at 14, a
    /// firm voice-agent call at 30 (autonomous).
    static func basePolicy() -> Policy {
        Policy(name: "fixed", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": [
            CadenceStep(day: -3, channel: .email), CadenceStep(day: 7, channel: .email),
            CadenceStep(day: 14, channel: .sms), CadenceStep(day: 30, channel: .voiceAgent, tone: .firm),
        ]])
    }
}
