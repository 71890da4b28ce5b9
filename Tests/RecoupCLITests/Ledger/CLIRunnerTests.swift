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

    /// A program that writes 256 KiB to standard error before a word to standard output: the
    /// stderr pipe (64 KiB) fills while stdout has not been written at all, so a runner that
    /// reads stdout to its end first would wait for ever; draining both at once, it completes
    /// with every byte of both.
    @Test(.timeLimit(.minutes(1))) func aProgramFillingStandardErrorBeforeStandardOutputCompletes() throws {
        let script = "head -c 262144 /dev/zero | tr '\\0' e >&2; printf done"
        let run = try CLIRunner.run(executable: "/bin/sh", ["-c", script])
        #expect(run.status == 0)
        #expect(run.stderr.utf8.count == 262_144)
        #expect(run.stderr.utf8.allSatisfy { $0 == UInt8(ascii: "e") })
        #expect(run.stdout == "done")
    }
}
