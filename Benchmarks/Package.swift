// swift-tools-version: 6.1
// Recoup's benchmarks (ordo-one/package-benchmark), kept out of the main package so the product
// does not depend on the benchmark harness. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark --target PolicyBenchmarks
// Peer scripts (Python) sit in peers/; figures and the commands that produced them are in
// README.md.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, which differs between clones (main, a CI
// checkout, …), so the Recoup package's identity is read from this file's location.
let recoup = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent

let benchmarkDependencies: [Target.Dependency] = [
    .product(name: "Benchmark", package: "benchmark"),
]

func benchmark(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: benchmarkDependencies + deps,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "RecoupBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        benchmark("LedgerBenchmarks", [
            .product(name: "RecoupLedger", package: recoup),
            .product(name: "RecoupPolicy", package: recoup),
            .product(name: "RecoupSynthetic", package: recoup),
        ]),
        benchmark("PolicyBenchmarks", [
            .product(name: "RecoupPolicy", package: recoup),
            .product(name: "RecoupPolicyAuthoring", package: recoup),  // the templates as fixtures
        ]),
        benchmark("ModelBenchmarks", [
            .product(name: "RecoupModel", package: recoup),
            .product(name: "RecoupPolicy", package: recoup),
            .product(name: "RecoupSynthetic", package: recoup),
        ]),
        benchmark("SimulationBenchmarks", [
            .product(name: "RecoupSimulation", package: recoup),
            .product(name: "RecoupPolicy", package: recoup),
            .product(name: "RecoupSynthetic", package: recoup),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
