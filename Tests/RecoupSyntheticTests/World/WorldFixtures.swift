import Foundation
@testable import RecoupSynthetic

/// Small worlds shared by the tests (made once; the history of 300 clients over 12 months
/// takes well under a second).
enum WorldFixtures {
    static let small = SyntheticWorld(parameters: WorldParameters(clients: 300, months: 12, seed: 7))
    static let smallHistory = small.makeHistoryLedger()

    static func temporaryDirectory(_ name: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("recoup-world-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    }
}
