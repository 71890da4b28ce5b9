import Foundation
import Testing

@testable import RecoupReports

@Suite struct ProgressLineTests {
    // 4,600 of 10,000 in 4 s: 1,150/s; 5,400 left / 1,150 per s = 4.696 s → rounded up, 0:05.
    // The bar has 24 cells; 46% fills floor(0.46 × 24) = 11.
    @Test func midwayShowsRateAndTimeLeft() {
        let line = ProgressLine.format(label: "simulate", completed: 4600, total: 10_000, elapsed: 4)
        #expect(line == "simulate [###########.............]  46%  4,600/10,000  1,150/s  ETA 0:05")
    }

    // 3 of 200 in 2 s: 1.5/s; 197 left / 1.5 = 131.33 s → 2:12.
    @Test func slowRateHasDecimalsAndMinutes() {
        let line = ProgressLine.format(label: "runs", completed: 3, total: 200, elapsed: 2, barWidth: 10)
        #expect(line == "runs [..........]   1%  3/200  1.50/s  ETA 2:12")
    }

    @Test func startAndEnd() {
        #expect(ProgressLine.format(label: "x", completed: 0, total: 50, elapsed: 0, barWidth: 4)
            == "x [....]   0%  0/50  0/s  ETA --:--")
        // 50 in 12.5 s: 4/s.
        #expect(ProgressLine.format(label: "x", completed: 50, total: 50, elapsed: 12.5, barWidth: 4)
            == "x [####] 100%  50/50  4.00/s  done in 0:13")
        // Overshoot is clamped.
        #expect(ProgressLine.format(label: "x", completed: 70, total: 50, elapsed: 1, barWidth: 4).contains("50/50"))
    }

    @Test func unknownTotalShowsCountRateAndElapsed() {
        // 12,345 rows in 2.5 s: 4,938/s.
        #expect(ProgressLine.format(label: "import", completed: 12_345, total: nil, elapsed: 2.5, unit: "rows")
            == "import  12,345  4,938 rows/s  0:03")
    }

    @Test(arguments: [(0.0, "0:00"), (0.2, "0:01"), (59.0, "0:59"), (60.0, "1:00"), (3599.5, "1:00:00"),
                      (3723.0, "1:02:03"), (Double.nan, "0:00")])
    func durations(seconds: Double, expected: String) {
        #expect(ProgressLine.duration(seconds) == expected)
    }

    @Test(arguments: [(20.0, 4.0, "5.00"), (99.0, 1.0, "99.0"), (99.6, 1.0, "100"), (10.0, 0.0, "0"), (123_456.0, 2.0, "61,728")])
    func rates(completed: Double, elapsed: Double, expected: String) {
        #expect(ProgressLine.rate(completed, elapsed: elapsed) == expected)
    }

    @Test func timeLeftAtTheAverageRate() {
        // 25 of 100 in 10 s: 2.5/s, 75 left → 30 s.
        #expect(ProgressLine.timeLeft(completed: 25, total: 100, elapsed: 10) == 30)
        #expect(ProgressLine.timeLeft(completed: 0, total: 100, elapsed: 10) == nil)
    }
}

/// A clock and a sink the tests drive by hand.
final class FakeTerminal: @unchecked Sendable {
    private let lock = NSLock()
    private var _time = 100.0
    private var _writes: [String] = []
    var time: Double {
        get { lock.withLock { _time } }
        set { lock.withLock { _time = newValue } }
    }
    var writes: [String] { lock.withLock { _writes } }
    func write(_ text: String) { lock.withLock { _writes.append(text) } }
}

@Suite struct ProgressReporterTests {
    @Test func throttlesRedrawsAndFinishesWithALineBreak() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(label: "runs", total: 4, isEnabled: true, now: { terminal.time },
                                        write: { terminal.write($0) }, minimumInterval: 0.5)
        progress.advance()                 // t = 100.0: first draw
        terminal.time = 100.2
        progress.advance()                 // 0.2 s later: skipped
        terminal.time = 100.6
        progress.advance()                 // due: draws 3/4
        terminal.time = 100.7
        progress.advance()                 // last unit always draws
        terminal.time = 101.0
        progress.finish()
        progress.finish()                  // no second final line
        let writes = terminal.writes
        #expect(writes.count == 4)
        #expect(writes[0].hasPrefix("\r") && writes[0].contains("1/4") && writes[0].hasSuffix("\u{1B}[K"))
        // 3 units in 0.6 s = 5/s; 1 left → 0.2 s → ETA 0:01.
        #expect(writes[1].contains("3/4") && writes[1].contains("5.00/s") && writes[1].contains("ETA 0:01"))
        #expect(writes[2].contains("4/4") && writes[2].contains("done in 0:01"))
        #expect(writes[3].hasSuffix("\n") && writes[3].contains("done in 0:01"))
    }

    @Test func disabledWritesNothing() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(label: "runs", total: 4, isEnabled: false, now: { terminal.time },
                                        write: { terminal.write($0) })
        progress.advance()
        progress.update(completed: 4)
        progress.finish()
        #expect(terminal.writes.isEmpty)
        ProgressReporter.disabled.advance()
    }

    @Test func concurrentAdvancesAreAllCounted() async {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(label: "w", total: 1000, isEnabled: true, now: { terminal.time },
                                        write: { terminal.write($0) }, minimumInterval: 1e9)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { for _ in 0..<100 { progress.advance() } } }
        }
        // Only the first and the completing advance draw; the last says 1000/1000.
        #expect(terminal.writes.count == 2)
        #expect(terminal.writes.last?.contains("1,000/1,000") == true)
    }

    @Test func fractionsStagesAndUnits() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(label: "train", total: 8, isEnabled: true, now: { terminal.time },
                                        write: { terminal.write($0) }, minimumInterval: 0.5, unit: "steps")
        progress.setStage("risk model")    // a stage draws at once, even inside the interval
        terminal.time = 100.1
        progress.setStage("final fit")
        terminal.time = 102.0
        progress.update(fraction: 0.5)     // 4 of 8, 2 s: 2 steps/s, 4 left → ETA 0:02
        progress.update(fraction: 7)       // clamped to 1: the last unit always draws
        progress.finish()
        let writes = terminal.writes
        #expect(writes.count == 5)
        #expect(writes[0].hasPrefix("\rtrain: risk model [") && writes[0].contains("0/8"))
        #expect(writes[1].hasPrefix("\rtrain: final fit ["))
        #expect(writes[2].contains("4/8  2.00 steps/s  ETA 0:02"), "\(writes[2])")
        #expect(writes[3].contains("8/8"))
        // The finished line drops the stage.
        #expect(writes[4].hasPrefix("\rtrain [") && writes[4].hasSuffix("\n"))

        // Without a total, a fraction means nothing and draws nothing.
        let open = ProgressReporter(label: "import", total: nil, isEnabled: true, now: { terminal.time },
                                    write: { terminal.write($0) })
        open.update(fraction: 0.5)
        #expect(terminal.writes.count == 5)
    }
}
