import Benchmark
import Foundation
import RecoupLedger
import RecoupPolicy

// Ledger benchmarks: bundle import and the KPI report over a seeded 50,000-invoice bundle
// written in setup (the 1,000,000-invoice run against the sqlite3 shell is
// Benchmarks/ledger-import.sh; figures in Benchmarks/README.md, section "Ledger").

/// Writes a seeded bundle of `invoices` invoices (one payment, two actions each) to a temporary
/// folder and returns its path.
func makeBundle(invoices: Int) throws -> String {
    let folder = NSTemporaryDirectory() + "recoup-ledger-bench-\(invoices)"
    if FileManager.default.fileExists(atPath: folder + "/invoices.csv") { return folder }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var state: UInt64 = 42
    func next() -> UInt64 {  // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    let clients = max(10, invoices / 50)
    let start = try Day(iso: "2024-01-01")
    var clientText = "client_id,terms_days\n"
    for c in 0..<clients { clientText += "C\(c),30\n" }
    var invoiceText = "invoice_id,client_id,issued_on,due_on,amount\n"
    var paymentText = "payment_id,client_id,received_on,amount,invoice_id,method\n"
    var actionText = "action_id,invoice_id,at,channel,tone,propensity\n"
    for i in 0..<invoices {
        let c = Int(next() % UInt64(clients))
        let issued = start + Int(next() % 700)
        let cents = Money(minorUnits: Int64(5_000 + next() % 2_000_000))
        invoiceText += "I\(i),C\(c),\(issued.iso),\((issued + 30).iso),\(cents.decimalString)\n"
        paymentText += "P\(i),C\(c),\((issued + 20 + Int(next() % 40)).iso),\(cents.decimalString),I\(i),ach\n"
        actionText += "A\(2 * i),I\(i),\((issued + 27).iso),email,soft,0.5\n"
        actionText += "A\(2 * i + 1),I\(i),\((issued + 37).iso),sms,standard,\n"
    }
    for (name, text) in [("clients", clientText), ("invoices", invoiceText), ("payments", paymentText), ("actions", actionText)] {
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name).csv"))
    }
    return folder
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.metrics = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident]
    Benchmark.defaultConfiguration.maxDuration = .seconds(20)
    Benchmark.defaultConfiguration.maxIterations = 5

    Benchmark("Import 50k-invoice bundle (200k rows)") { benchmark in
        let folder = try makeBundle(invoices: 50_000)
        let store = try LedgerStore()
        benchmark.startMeasurement()
        let report = try LedgerImporter(store: store).importBundle(at: folder)
        benchmark.stopMeasurement()
        blackHole(report)
    }

    Benchmark("KPI report over 50k invoices") { benchmark in
        let folder = try makeBundle(invoices: 50_000)
        let store = try LedgerStore()
        _ = try LedgerImporter(store: store).importBundle(at: folder)
        benchmark.startMeasurement()
        let report = try store.kpiCalculator().report()
        benchmark.stopMeasurement()
        blackHole(report)
    }
}
