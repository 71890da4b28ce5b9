import Foundation
import Testing

/// The test runner itself: both output pipes are drained at once.
@Suite struct CLIRunnerTests {
    /// An error message of about 100 KB (the store path is quoted in it) fills the stderr pipe
    /// (64 KB) while stdout is still open. Read one pipe after the other, the child blocks on
    /// stderr and the runner on stdout for ever; read together, the run completes.
    @Test(.timeLimit(.minutes(1))) func aCommandFillingStandardErrorDoesNotBlock() throws {
        let path = String(repeating: "no-such-folder/", count: 7_000) + "recoup.db"
        let run = try CLIRunner.run(["report", "kpis", "--db", path])
        #expect(run.status != 0)
        #expect(run.stderr.utf8.count > 100_000)
    }
}
