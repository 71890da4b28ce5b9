// swift-tools-version: 6.1
// Recoup: an offline workbench for accounts-receivable collections policies.
//
// Layers point one way (see ../shared/STYLE.md):
//   recoup (CLI) → RecoupReports → RecoupSynthetic → RecoupSimulation → RecoupModel → RecoupLedger → RecoupPolicy
// RecoupPolicy is the live agent's runtime and imports Foundation only.
import PackageDescription

/// The simulation's hot loops compiled optimised in debug builds too, so that the test suite
/// (whose truth test replays ~24,000 invoices 600 times) runs in minutes, not hours.
/// RecoupPolicy keeps plain settings so that a live agent can depend on it by version.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Recoup",
    products: [
        .library(name: "RecoupPolicy", targets: ["RecoupPolicy"]),
        .library(name: "RecoupLedger", targets: ["RecoupLedger"]),
        .library(name: "RecoupModel", targets: ["RecoupModel"]),
        .library(name: "RecoupSynthetic", targets: ["RecoupSynthetic"]),
        .library(name: "RecoupSimulation", targets: ["RecoupSimulation"]),
        .library(name: "RecoupReports", targets: ["RecoupReports"]),
        .executable(name: "recoup", targets: ["recoup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // The live agent's runtime: money, dates, ledger values, risk features, the policy file,
        // its signature and the decision function. Foundation only.
        .target(name: "RecoupPolicy"),
        // The embedded SQLite store, bundle import and the KPIs of SPEC §3.
        .target(
            name: "RecoupLedger",
            dependencies: ["RecoupPolicy", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // OpenBLAS through pkg-config (apt: libopenblas-dev).
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Design matrices, the logistic solver over CBLAS/LAPACK, risk and payment-response models.
        .target(name: "RecoupModel", dependencies: ["RecoupPolicy", "RecoupLedger", "COpenBLAS"],
                swiftSettings: optimisedInDebug),
        // Counterfactual replay of the ledger under policies: counter-based randomness, the cost
        // model, cohort outcomes, the replay engine, uncertainty and tuning.
        .target(name: "RecoupSimulation", dependencies: ["RecoupPolicy", "RecoupLedger", "RecoupModel"],
                swiftSettings: optimisedInDebug),
        // A synthetic MSP world with known behaviour (a simulation whose truth is known): demo
        // data, tests, benchmarks and the truth test of SPEC §8.
        .target(name: "RecoupSynthetic", dependencies: ["RecoupPolicy", "RecoupSimulation"],
                swiftSettings: optimisedInDebug),
        // Tables, SVG charts, HTML and Markdown reports, executable notebooks.
        .target(
            name: "RecoupReports",
            dependencies: ["RecoupPolicy", "RecoupLedger", "RecoupModel", "RecoupSimulation", "RecoupSynthetic"]
        ),
        // The thin command-line shell.
        .executableTarget(
            name: "recoup",
            dependencies: [
                "RecoupPolicy", "RecoupLedger", "RecoupModel", "RecoupSynthetic", "RecoupSimulation",
                "RecoupReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "RecoupPolicyTests",
            dependencies: ["RecoupPolicy", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "RecoupLedgerTests", dependencies: ["RecoupLedger", "RecoupPolicy"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RecoupModelTests", dependencies: ["RecoupModel", "COpenBLAS", "RecoupLedger"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RecoupSyntheticTests", dependencies: ["RecoupSynthetic", "RecoupLedger"]),
        .testTarget(name: "RecoupSimulationTests", dependencies: ["RecoupSimulation", "RecoupSynthetic"]),
        .testTarget(name: "RecoupReportsTests", dependencies: ["RecoupReports", "RecoupLedger", "RecoupSimulation"]),
        .testTarget(name: "RecoupCLITests", dependencies: ["recoup"]),
    ],
    swiftLanguageModes: [.v6]
)
