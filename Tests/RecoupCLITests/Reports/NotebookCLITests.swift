import Foundation
import Testing

/// `recoup notebook run` and `recoup report time-audit` through the built binary.
@Suite struct NotebookCLITests {
    static let notebook = """
        # Audit

        ```recoup
        generate --out world --clients 12 --months 3 --seed 3
        import world
        ```

        ```recoup
        report time-audit --chart hours.svg
        ```

        """

    @Test func runWritesOutputsAndLinksChartsThenCheckPasses() throws {
        let folder = try TemporaryFolder(["audit.md": Self.notebook])
        let file = folder.path + "/audit.md"
        let run = try CLIRunner.run(["notebook", "run", file])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("$ recoup import world\n"))
        // The scratch store is named relative to the notebook, so the output is the same anywhere.
        #expect(text.contains("into .audit.recoup.db\n"))
        #expect(text.contains("Collections time audit "))
        #expect(text.contains("![hours.svg](hours.svg)\n<!-- /recoup:output -->"))
        let chart = try String(contentsOfFile: folder.path + "/hours.svg", encoding: .utf8)
        #expect(chart.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))

        // A second run changes nothing: the store is emptied first, outputs are deterministic.
        let check = try CLIRunner.run(["notebook", "run", "--check", file])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("up to date (2 blocks, 3 commands)"))

        // Edit block 2's output: --check fails naming it, and writes nothing.
        let stale = text.replacingOccurrences(of: "Collections time audit ", with: "Collections time audit (old) ")
        try Data(stale.utf8).write(to: URL(fileURLWithPath: file))
        let failed = try CLIRunner.run(["notebook", "run", "--check", file])
        #expect(failed.status == 1)
        // Block 2's fence is now lower down, below block 1's output.
        let fenceLine = try #require(stale.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().filter { $0.element == "```recoup" }.dropFirst().first).offset + 1
        #expect(failed.stderr.contains("audit.md:\(fenceLine): block 2: a re-run would change its output"), "\(failed.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == stale)
        #expect(try String(contentsOfFile: folder.path + "/hours.svg", encoding: .utf8) == chart)
    }

    @Test func failingCommandExitsOneNamingTheBlock() throws {
        let folder = try TemporaryFolder(["n.md": "```recoup\nreport time-audit --costs missing.json\n```\n"])
        let run = try CLIRunner.run(["notebook", "run", folder.path + "/n.md"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("n.md:2: block 1: `recoup report time-audit --costs missing.json` exited with status 1"),
                "\(run.stderr)")
        let text = try String(contentsOfFile: folder.path + "/n.md", encoding: .utf8)
        #expect(text.contains("[exit status 1]"))
    }

    @Test func timeAuditOnAnEmptyStoreSaysWhatToDo() throws {
        let folder = try TemporaryFolder([:])
        let run = try CLIRunner.run(["report", "time-audit", "--db", folder.path + "/empty.db"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains("no ledger store here; import a ledger first"), "\(run.stderr)")
        let usage = try CLIRunner.run(["report", "time-audit", "--chart", "x.png", "--db", folder.path + "/empty.db"])
        #expect(usage.status == 2)
    }
}
