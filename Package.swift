// swift-tools-version: 6.1
// Recoup: an offline workbench for accounts-receivable collections policies.
//
// Layers point one way (see ../shared/STYLE.md). Each target and what its files import:
//
//   recoup                 → RecoupReports, RecoupSynthetic, RecoupSimulation, RecoupModel,
//                            RecoupLedger, RecoupPolicyAuthoring, RecoupPolicy; ArgumentParser, Crypto
//   RecoupReports          → RecoupSimulation, RecoupLedger, RecoupPolicy
//   RecoupSynthetic        → RecoupSimulation, RecoupPolicy
//   RecoupSimulation       → RecoupModel, RecoupPolicy
//   RecoupModel            → RecoupLedger (stored artifacts), COpenBLAS, RecoupPolicy
//   RecoupLedger           → RecoupPolicy; GRDB
//   RecoupPolicyAuthoring  → RecoupPolicy
//   agent-example          → RecoupPolicy (what a live agent links; docs/agent-api.md)
//   RecoupPolicy           → Foundation only: the live agent's runtime
//
// So data flows ledger → features → model → policy → simulation → reports, with the CLI as a
// thin shell on top (docs/architecture.md). No module re-exports another: a file imports what
// it uses.
import PackageDescription

/// The simulation's hot loops compiled optimised in debug builds too, so that the test suite
/// (whose truth test replays ~24,000 invoices 600 times) runs in minutes, not hours.
/// RecoupPolicy keeps plain settings so that a live agent can depend on it by version.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Recoup",
    products: [
        .library(name: "RecoupPolicy", targets: ["RecoupPolicy"]),
        .library(name: "RecoupPolicyAuthoring", targets: ["RecoupPolicyAuthoring"]),
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
        // its signature check and the decision function. Foundation only.
        .target(name: "RecoupPolicy"),
        // What people and tools use to write policies and the agent does not: the templates and
        // their README, policy diff and summary, the worklist's text and JSON, signing and key
        // files.
        .target(name: "RecoupPolicyAuthoring", dependencies: ["RecoupPolicy"]),
        // The embedded SQLite store, bundle import, reconciliation and the KPIs (SPEC §3).
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
        // Design matrices, the logistic solver over CBLAS/LAPACK, risk and payment-response
        // models, training, and the stored model artifacts (saved in a LedgerStore).
        .target(name: "RecoupModel", dependencies: ["RecoupPolicy", "RecoupLedger", "COpenBLAS"],
                swiftSettings: optimisedInDebug),
        // Counterfactual replay of the ledger under policies: counter-based randomness, the cost
        // model, cohort outcomes, the replay engine, uncertainty and tuning.
        .target(name: "RecoupSimulation", dependencies: ["RecoupPolicy", "RecoupModel"],
                swiftSettings: optimisedInDebug),
        // A synthetic MSP world with known behaviour (a simulation whose truth is known): demo
        // data, tests, benchmarks and the truth test (docs/synthetic-world.md).
        .target(name: "RecoupSynthetic", dependencies: ["RecoupPolicy", "RecoupModel", "RecoupSimulation"],
                swiftSettings: optimisedInDebug),
        // Tables, SVG charts, HTML and Markdown reports, executable notebooks.
        .target(name: "RecoupReports", dependencies: ["RecoupPolicy", "RecoupLedger", "RecoupSimulation"]),
        // The thin command-line shell.
        .executableTarget(
            name: "recoup",
            dependencies: [
                "RecoupPolicy", "RecoupPolicyAuthoring", "RecoupLedger", "RecoupModel", "RecoupSynthetic",
                "RecoupSimulation", "RecoupReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The runnable example of docs/agent-api.md: a live agent that links RecoupPolicy only.
        .executableTarget(name: "agent-example", dependencies: ["RecoupPolicy"]),
        // Signature tests sign with swift-crypto and take their fixtures from the templates.
        .testTarget(
            name: "RecoupPolicyTests",
            dependencies: ["RecoupPolicy", "RecoupPolicyAuthoring", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "RecoupPolicyAuthoringTests", dependencies: ["RecoupPolicyAuthoring", "RecoupPolicy"]),
        .testTarget(
            name: "RecoupLedgerTests",
            dependencies: ["RecoupLedger", "RecoupPolicy", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RecoupModelTests", dependencies: ["RecoupModel", "RecoupLedger", "RecoupPolicy", "COpenBLAS"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RecoupSyntheticTests",
                    dependencies: ["RecoupSynthetic", "RecoupSimulation", "RecoupLedger", "RecoupPolicy"]),
        .testTarget(name: "RecoupSimulationTests",
                    dependencies: ["RecoupSimulation", "RecoupSynthetic", "RecoupModel", "RecoupPolicyAuthoring", "RecoupPolicy"]),
        .testTarget(name: "RecoupReportsTests",
                    dependencies: ["RecoupReports", "RecoupSimulation", "RecoupLedger", "RecoupPolicyAuthoring", "RecoupPolicy"]),
        // Runs the built executables as a user would.
        .testTarget(name: "RecoupCLITests", dependencies: ["recoup", "agent-example"]),
    ],
    swiftLanguageModes: [.v6]
)
