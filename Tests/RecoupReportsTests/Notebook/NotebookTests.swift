import Foundation
import Testing

@testable import RecoupReports

@Suite struct ShellWordsTests {
    @Test(arguments: [
        (#"report aging --as-of 2026-03-31"#, ["report", "aging", "--as-of", "2026-03-31"]),
        (#"policy show "my policy.json""#, ["policy", "show", "my policy.json"]),
        (#"x 'it''s' "a \"b\" \$c \n""#, ["x", "its", #"a "b" $c \n"#]),
        (#"a\ b  c"#, ["a b", "c"]),
        (#"--title="Q1 & Q2""#, ["--title=Q1 & Q2"]),
        ("''", [""]),
        ("   ", []),
    ])
    func splits(line: String, expected: [String]) throws {
        #expect(try ShellWords.split(line) == expected)
    }

    @Test func refusesShellSyntax() {
        #expect(throws: ShellWords.Problem.unterminatedQuote("\"")) { try ShellWords.split(#"a "b"#) }
        #expect(throws: ShellWords.Problem.unterminatedQuote("'")) { try ShellWords.split("a 'b") }
        #expect(throws: ShellWords.Problem.shellOperator("|")) { try ShellWords.split("report aging | head") }
        #expect(throws: ShellWords.Problem.shellOperator(">")) { try ShellWords.split("report aging > x") }
        #expect(throws: ShellWords.Problem.shellOperator("$(")) { try ShellWords.split("a $(date)") }
        #expect(throws: ShellWords.Problem.danglingBackslash) { try ShellWords.split("a \\") }
    }

    @Test(arguments: [["report", "aging"], ["x", "a b", "it's", "", "$HOME", "a|b", "naïve"]])
    func joinRoundTrips(words: [String]) throws {
        #expect(try ShellWords.split(ShellWords.join(words)) == words)
    }
}

@Suite struct NotebookDocumentTests {
    static let notebook = """
        # Collections review

        Some prose with `inline` code.

        ```recoup
        # a comment, skipped
        recoup report aging --as-of 2026-03-31
        ```

        ```swift
        let notACommand = 1
        ```

        ````recoup allow-failure
        import "bad folder" \\
          --preset ibm-ar
        report time-audit --chart hours.svg
        ````


        <!-- recoup:output -->
        ```text
        old output
        <!-- /recoup:output --> inside a fence does not end the region
        ```
        ![hours.svg](hours.svg)
        <!-- /recoup:output -->

        The end.
        """ + "\n"

    @Test func findsRecoupBlocksCommandsAndRegions() throws {
        let document = try NotebookDocument(text: Self.notebook, path: "review.md")
        #expect(document.blocks.count == 2)
        let first = document.blocks[0]
        #expect(first.number == 1 && first.line == 5 && !first.allowsFailure)
        #expect(first.commands.map(\.arguments) == [["report", "aging", "--as-of", "2026-03-31"]])
        #expect(first.commands[0].line == 7)
        #expect(first.existingRegion == nil)
        let second = document.blocks[1]
        #expect(second.allowsFailure && second.line == 14)
        #expect(second.commands.map(\.arguments) == [["import", "bad folder", "--preset", "ibm-ar"],
                                                      ["report", "time-audit", "--chart", "hours.svg"]])
        #expect(second.commands[0].text == "import 'bad folder' --preset ibm-ar")
        #expect(second.existingRegion?.hasPrefix(NotebookMarkers.start) == true)
        #expect(second.existingRegion?.hasSuffix(NotebookMarkers.end) == true)
        #expect(second.existingRegion?.contains("old output") == true)
        #expect(document.chartPaths == ["hours.svg"])
    }

    @Test func splicingReplacesOnlyTheRegionsAndIsIdempotent() throws {
        let document = try NotebookDocument(text: Self.notebook, path: "review.md")
        let outputs: [String: NotebookCommandResult] = [
            "report aging --as-of 2026-03-31": .init(status: 0, standardOutput: "Aging\r\nC1  10.00\r\n"),
            "import 'bad folder' --preset ibm-ar": .init(status: 1, standardOutput: "", standardError: "error: no such folder\n"),
            "report time-audit --chart hours.svg": .init(status: 0, standardOutput: "hours ```x```\n"),
        ]
        var ran: [String] = []
        let result = try NotebookRunner.run(document, execute: { command in
            ran.append(command.text)
            return try #require(outputs[command.text])
        }, fileExists: { $0 == "hours.svg" })
        #expect(ran.count == 3)  // allow-failure: the block goes on after the failing import
        #expect(result.failure == nil)
        #expect(result.charts == [NotebookChart(block: 2, path: "hours.svg")])
        let expected = """
            # Collections review

            Some prose with `inline` code.

            ```recoup
            # a comment, skipped
            recoup report aging --as-of 2026-03-31
            ```

            <!-- recoup:output -->
            ```text
            Aging
            C1  10.00
            ```
            <!-- /recoup:output -->

            ```swift
            let notACommand = 1
            ```

            ````recoup allow-failure
            import "bad folder" \\
              --preset ibm-ar
            report time-audit --chart hours.svg
            ````

            <!-- recoup:output -->
            ````text
            $ recoup import 'bad folder' --preset ibm-ar
            error: no such folder
            [exit status 1]
            $ recoup report time-audit --chart hours.svg
            hours ```x```
            ````
            ![hours.svg](hours.svg)
            <!-- /recoup:output -->

            The end.
            """ + "\n"
        #expect(result.text == expected)

        // Running again over the new text changes nothing, and --check agrees.
        let again = try NotebookDocument(text: result.text, path: "review.md")
        let second = try NotebookRunner.run(again, execute: { try #require(outputs[$0.text]) }, fileExists: { $0 == "hours.svg" })
        #expect(second.text == result.text)
        #expect(NotebookRunner.firstChange(in: again, after: second) == nil)
        // …while the original text is out of date at block 1.
        #expect(NotebookRunner.firstChange(in: document, after: result)
            == .wouldChange(path: "review.md", block: 1, line: 5, what: "its output (there is none yet)"))
    }

    @Test func checkNamesTheFirstBlockWhoseOutputChanges() throws {
        let text = """
            ```recoup
            a
            ```

            <!-- recoup:output -->
            ```text
            1
            ```
            <!-- /recoup:output -->

            ```recoup
            b
            ```

            <!-- recoup:output -->
            ```text
            2
            ```
            <!-- /recoup:output -->
            """
        let document = try NotebookDocument(text: text, path: "n.md")
        let same = NotebookRunner.run(document, execute: { .init(status: 0, standardOutput: $0.text == "a" ? "1\n" : "2\n") },
                                      fileExists: { _ in false })
        #expect(NotebookRunner.firstChange(in: document, after: same) == nil)
        #expect(same.text == text + "\n")
        let changed = NotebookRunner.run(document, execute: { .init(status: 0, standardOutput: $0.text == "a" ? "1\n" : "3\n") },
                                         fileExists: { _ in false })
        let error = try #require(NotebookRunner.firstChange(in: document, after: changed))
        #expect(error == .wouldChange(path: "n.md", block: 2, line: 11, what: "its output"))
        #expect(error.description.hasPrefix("n.md:11: block 2: a re-run would change its output"))
    }

    @Test func aFailingCommandStopsTheRunAndKeepsLaterOutputs() throws {
        let text = "```recoup\nreport kpis\nreport aging\n```\n\n```recoup\nlater\n```\n\n<!-- recoup:output -->\nold\n<!-- /recoup:output -->\n"
        let document = try NotebookDocument(text: text, path: "n.md")
        var ran: [String] = []
        let result = NotebookRunner.run(document, execute: { command in
            ran.append(command.text)
            return .init(status: 1, standardOutput: "", standardError: "error: the store has no invoices\n")
        }, fileExists: { _ in false })
        #expect(ran == ["report kpis"])
        #expect(result.failure == .commandFailed(path: "n.md", block: 1, line: 2, command: "report kpis", status: 1,
                                                  reason: "the store has no invoices"))
        #expect(result.text.contains("[exit status 1]"))
        #expect(result.text.contains("<!-- recoup:output -->\nold\n<!-- /recoup:output -->"))
        #expect(NotebookRunner.firstChange(in: document, after: result) == result.failure)
    }

    @Test func brokenInputGetsLineNumbers() {
        #expect(throws: NotebookError.unterminatedOutput(path: "n.md", line: 5)) {
            try NotebookDocument(text: "```recoup\na\n```\n\n<!-- recoup:output -->\ntext\n", path: "n.md")
        }
        #expect(throws: NotebookError.strayOutputEnd(path: "n.md", line: 2)) {
            try NotebookDocument(text: "hello\n<!-- /recoup:output -->\n", path: "n.md")
        }
        do {
            _ = try NotebookDocument(text: "x\n```recoup\nreport aging | head\n```\n", path: "n.md")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("n.md:3: cannot read the command `report aging | head`"))
        }
    }

    @Test func emptyOutputAndAnUnclosedBlock() throws {
        let document = try NotebookDocument(text: "```recoup\ngenerate --out w", path: "n.md")
        let result = NotebookRunner.run(document, execute: { _ in .init(status: 0, standardOutput: "") },
                                        fileExists: { _ in false })
        #expect(result.text == "```recoup\ngenerate --out w\n\n<!-- recoup:output -->\n<!-- /recoup:output -->\n")
    }

    @Test func imageLinksAreEscaped() {
        #expect(NotebookRunner.imageLink("charts/aging.svg") == "![aging.svg](charts/aging.svg)")
        #expect(NotebookRunner.imageLink("my charts/a[1].svg") == "![a\\[1\\].svg](<my charts/a[1].svg>)")
    }

    @Test func fences() {
        #expect(MarkdownFence.opening("```recoup allow-failure")?.flags == ["allow-failure"])
        #expect(MarkdownFence.opening("   ~~~~ Recoup")?.language == "recoup")
        #expect(MarkdownFence.opening("    ```recoup") == nil)  // indented code, not a fence
        #expect(MarkdownFence.opening("``inline``") == nil)
        let fence = MarkdownFence.opening("````text")!
        #expect(!fence.isClosed(by: "```") && fence.isClosed(by: "`````  "))
        #expect(MarkdownFence.backticks(enclosing: "a ```` b") == "`````")
    }
}
