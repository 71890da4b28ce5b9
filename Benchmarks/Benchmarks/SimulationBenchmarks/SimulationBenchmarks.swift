import Benchmark
import Foundation
import RecoupPolicy
import RecoupSimulation

// The replay target of issue 9: 100,000 invoices × 200 runs × one policy (the fixed-reminder
// template) on this 2-core machine, both cores. The cohort and coefficients are the ones
// peers/numpy_replay.py builds (see BenchmarkCohort), so the two replay the same thing.

let benchmarks: @Sendable () -> Void = {
    registerWorldBenchmarks()  // WorldBenchmarks.swift
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(120), maxIterations: 3)

    Benchmark("replay 100k invoices × 200 runs, fixed reminders") { benchmark in
        let cohort = BenchmarkCohort.make(clients: 2_000, invoicesPerClient: 50)
        let options = SimulationOptions(runs: 200, seed: 1, threads: 2)
        let policy = BenchmarkCohort.fixedPolicy()
        benchmark.startMeasurement()
        let start = DispatchTime.now().uptimeNanoseconds
        let totals = try ReplayRunner.run(cohort: cohort.cohort, behaviour: cohort.behaviour, policies: [policy], options: options)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        benchmark.stopMeasurement()
        var invoiceDays = 0.0
        for r in 0..<totals.runs { invoiceDays += totals.tally(policy: 0, run: r)[ReplayTally.Field.invoiceDays.rawValue] }
        FileHandle.standardError.write(Data(String(format: "replay: %.2f s, %.0f weighted invoice-days, %.3g invoice-days/s\n",
                                                   seconds, invoiceDays, invoiceDays / seconds).utf8))
        blackHole(totals)
    }

    registerTuneBenchmarks()
}

/// A cohort of `clients × invoicesPerClient` monthly invoices and a behaviour with the synthetic
/// world's coefficients; every value is a closed-form function of the indices (no RNG), so
/// peers/numpy_replay.py rebuilds it exactly.
struct BenchmarkCohort {
    var cohort: ReplayCohort
    var behaviour: ReplayBehaviour

    static let start = Day(year: 2024, month: 1, day: 1) ?? Day(ordinal: 19_723)

    static func make(clients: Int, invoicesPerClient: Int) -> BenchmarkCohort {
        var ledger = Ledger()
        for c in 0..<clients {
            let id = "C\(100_000 + c)"
            ledger.clients.append(Client(id: id, segment: "smb"))
            for k in 0..<invoicesPerClient {
                let issued = start + (c % 28) + 30 * k
                let amount = Int64(50_000 + (c * 7_919 + k * 104_729) % 400_000)
                ledger.invoices.append(Invoice(id: "I\(100_000 + c)-\(1_000 + k)", clientID: id, issuedOn: issued,
                                               dueOn: issued + 30, amount: Money(minorUnits: amount)))
            }
        }
        var b = ReplayBehaviour(dpdCoefficients: [-4.6, -3.2, -2.0, -2.75, -2.6, -2.6, -2.7, -2.85, -3.0])
        b.channelCoefficients = [0.5, 0.6, 0.8, 1.0, 0.4]
        b.firmCoefficient = 0.3
        b.fatigueCoefficient = -0.3
        var effects: [String: ReplayBehaviour.ClientEffect] = [:]
        for c in 0..<clients { effects["C\(100_000 + c)"] = .init(effect: 0.7 * sin(Double(c)), standardError: 0.2) }
        b.clientEffects = effects
        // Reach is certain and there are no promises or disputes, as in the peer.
        // The cohort cannot be empty: clients × invoices > 0.
        let cohort = try! ReplayCohort(ledger: ledger)
        return BenchmarkCohort(cohort: cohort, behaviour: b)
    }

    /// Emails at dpd −3 and 7, an SMS at 14, a firm voice-agent call at 30 (autonomous).
    static func fixedPolicy() -> ReplayPolicy {
        let policy = Policy(name: "fixed", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": [
            CadenceStep(day: -3, channel: .email), CadenceStep(day: 7, channel: .email),
            CadenceStep(day: 14, channel: .sms), CadenceStep(day: 30, channel: .voiceAgent, tone: .firm),
        ]])
        return try! ReplayPolicy(policy: policy)
    }
}
