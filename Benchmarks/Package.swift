// swift-tools-version: 6.1
// Recoup's benchmarks (ordo-one/package-benchmark), kept out of the main package so the product
// does not depend on the benchmark harness. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark --target PolicyBenchmarks
// Peer scripts (Python) sit in peers/; figures and the commands that produced them are in
// README.md.
import PackageDescription

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
            .product(name: "RecoupLedger", package: "Recoup"),
            .product(name: "RecoupSynthetic", package: "Recoup"),
        ]),
        benchmark("PolicyBenchmarks", [.product(name: "RecoupPolicy", package: "Recoup")]),
        benchmark("ModelBenchmarks", [
            .product(name: "RecoupModel", package: "Recoup"),
            .product(name: "RecoupSynthetic", package: "Recoup"),
        ]),
        benchmark("SimulationBenchmarks", [
            .product(name: "RecoupSimulation", package: "Recoup"),
            .product(name: "RecoupSynthetic", package: "Recoup"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
