import Foundation
import Testing

/// Issue 22, "Messages": a negative or zero count is bad usage (exit 2) naming the option and
/// the accepted range, never ArgumentParser's "Missing value" (which `-1` gave, as it looks like
/// a flag).
@Suite struct CountOptionsCLITests {
    static let cases: [([String], String)] = [
        (["simulate", "--policy", "p.json", "--runs", "-1"], "--runs must be between 1 and 10000, got -1"),
        (["simulate", "--policy", "p.json", "--runs", "0"], "--runs must be between 1 and 10000, got 0"),
        (["compare", "none", "--runs", "-5"], "--runs must be between 1 and 10000, got -5"),
        (["report", "roi", "--policy", "p.json", "--runs", "-1"], "--runs must be between 1 and 10000, got -1"),
        (["report", "time-audit", "--runs", "-1"], "--runs must be between 1 and 10000, got -1"),
        (["report", "time-audit", "--runs", "0"], "--runs must be between 1 and 10000, got 0"),
        (["tune", "--base", "p.json", "--vary", "a=1..2/1", "--runs", "-1"], "--runs must be between 1 and 10000, got -1"),
        (["demo", "--runs", "-1"], "--runs must be between 2 and 10000, got -1"),
        (["demo", "--clients", "-1"], "--clients must be between 10 and 100000, got -1"),
        (["demo", "--months", "0"], "--months must be between 6 and 120, got 0"),
        (["generate", "--out", "g", "--clients", "-1"], "--clients must be between 1 and 10000000, got -1"),
        (["generate", "--out", "g", "--months", "-1"], "--months must be between 1 and 600, got -1"),
        (["generate", "--truth", "--policy", "p.json", "--runs", "-1"], "--runs must be between 1 and 10000, got -1"),
        (["train", "--late-threshold-days", "-1"], "--late-threshold-days must be 0 or more days, got -1"),
        (["train", "--test-fraction", "-0.5"], "--test-fraction must be between 0 and 1 (exclusive), got -0.5"),
        (["features", "export", "--test-fraction", "-1"], "--test-fraction must be between 0 and 1 (exclusive), got -1.0"),
        (["tune", "--base", "p.json", "--vary", "a=1..2/1", "--max-human-hours-per-week", "-1"],
         "--max-human-hours-per-week must be a number ≥ 0, got -1.0"),
        (["report", "roi", "--policy", "p.json", "--tool-cost-per-month", "-5"], "--tool-cost-per-month -5: a price cannot be negative"),
        (["simulate", "--policy", "p.json", "--seed", "-1"],
         "The value '-1' is invalid for '--seed <seed>': a seed is a whole number from 0 to 18446744073709551615"),
        (["demo", "--seed", "-1"], "a seed is a whole number from 0 to 18446744073709551615"),
        (["generate", "--out", "g", "--seed", "-3"], "a seed is a whole number from 0 to 18446744073709551615"),
        (["report", "time-audit", "--seed", "-1"], "a seed is a whole number from 0 to 18446744073709551615"),
    ]

    @Test(arguments: cases) func negativeAndZeroCountsNameTheRange(arguments: [String], message: String) throws {
        let run = try CLIRunner.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        #expect(!run.stderr.contains("Missing value"), "\(arguments)")
    }
}
