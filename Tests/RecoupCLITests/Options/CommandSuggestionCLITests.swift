import Testing

/// A mistyped subcommand gets a "did you mean" with the full command, and exit status 2.
@Suite struct CommandSuggestionCLITests {
    @Test(arguments: [(["simulat"], "Did you mean 'recoup simulate'?"),
                      (["report", "agin"], "Did you mean 'recoup report aging'?"),
                      (["reprot", "kpis"], "Did you mean 'recoup report'?"),
                      (["polciy", "sign"], "Did you mean 'recoup policy'?")])
    func aNearMissIsSuggested(arguments: [String], suggestion: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(suggestion), "\(result.stderr)")
    }

    @Test func nothingCloseSuggestsNothing() throws {
        let result = try CLIRunner.run(["xyzzy"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("Did you mean"))
    }
}
