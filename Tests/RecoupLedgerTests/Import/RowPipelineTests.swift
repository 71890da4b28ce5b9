import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// The import checks a large file's rows on a second thread, in batches of
/// `RowPipeline.Batch.capacity`, ahead of the inserts (`RowPipeline`). These files span several
/// batches, so rows, problems and counts cross batch boundaries: the result must be what one
/// thread gives, problems in line order and the store untouched on failure.
@Suite struct RowPipelineTests {
    static let rows = 3 * RowPipeline.Batch.capacity + 100

    /// `rows` actions on the valid bundle's invoices; `edit` may change the line for row `i`.
    func actions(_ edit: (Int, String) -> String = { $1 }) -> String {
        var lines = ["action_id,invoice_id,at,channel,actor,tone,outcome"]
        for i in 0..<RowPipelineTests.rows {
            let line = "X\(i),I\(1 + i % 3),2026-02-\(String(format: "%02d", 1 + i % 28)),email,agent,soft,none"
            lines.append(edit(i, line))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aFileOfSeveralBatchesImportsEveryRow() throws {
        let store = try LedgerStore()
        let fixture = try BundleFixture(BundleFixture.valid(replacing: "actions.csv", with: actions()))
        let report = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        let counts = try #require(report.files.first { $0.file == "actions.csv" })
        #expect(counts.rows == RowPipelineTests.rows && counts.inserted == RowPipelineTests.rows)
        let ledger = try store.loadLedger()
        #expect(ledger.actions.count == RowPipelineTests.rows)
        // Spot checks on both sides of each batch boundary.
        let byID = Dictionary(uniqueKeysWithValues: ledger.actions.map { ($0.id, $0) })
        for i in [0, RowPipeline.Batch.capacity - 1, RowPipeline.Batch.capacity, 2 * RowPipeline.Batch.capacity,
                  RowPipelineTests.rows - 1] {
            let action = try #require(byID["X\(i)"])
            #expect(action.invoiceID == "I\(1 + i % 3)")
            #expect(action.at == (try Day(iso: "2026-02-\(String(format: "%02d", 1 + i % 28))")))
        }
    }

    /// Bad rows in the first, second and fourth batch, and a key repeated from the first batch
    /// in the third (row X6, inserted, not X5, which was refused): every problem, in line order, and nothing stored.
    @Test func problemsAcrossBatchesComeInLineOrder() throws {
        let store = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: store) == nil)
        let before = try store.dumpTables()
        let capacity = RowPipeline.Batch.capacity
        let bad = actions { i, line in
            switch i {
            case 5: return line.replacingOccurrences(of: ",email,", with: ",fax,")
            case capacity + 7: return line.replacingOccurrences(of: ",I\(1 + i % 3),", with: ",I9,")
            case 2 * capacity + 1: return line.replacingOccurrences(of: "X\(i),", with: "X6,")
            case 3 * capacity + 50: return line.replacingOccurrences(of: "2026-02-", with: "2026-13-")
            default: return line
            }
        }
        // Import into the store that already holds the valid bundle: actions A1, A2 stay, X… new.
        let error = try #require(try importError(BundleFixture.valid(replacing: "actions.csv", with: bad), into: store))
        let day = String(format: "%02d", 1 + (3 * capacity + 50) % 28)
        #expect(error.issues.map(\.description) == [
            "actions.csv:7: channel: \"fax\" is not one of email, sms, voice_agent, call, letter",
            "actions.csv:\(capacity + 9): invoice_id: unknown invoice \"I9\": it is neither in invoices.csv nor in the store",
            "actions.csv:\(2 * capacity + 3): action_id: duplicate action_id \"X6\" within the file (first on line 8); each key may appear once",
            "actions.csv:\(3 * capacity + 52): at: \"2026-13-\(day)\" is not a day of the calendar",
        ])
        #expect(try store.dumpTables() == before)
    }

    /// More than 50 problems spread over the batches: the first 50 in order, then a count.
    @Test func theProblemLimitHoldsAcrossBatches() throws {
        let store = try LedgerStore()
        let bad = actions { i, line in i % 97 == 0 ? line.replacingOccurrences(of: ",soft,", with: ",rude,") : line }
        let error = try #require(try importError(BundleFixture.valid(replacing: "actions.csv", with: bad), into: store))
        let badRows = (0..<RowPipelineTests.rows).filter { $0 % 97 == 0 }
        #expect(error.issues.count == 50)
        #expect(error.issues.map(\.line) == badRows.prefix(50).map { $0 + 2 })
        guard case .invalidRows(_, let more) = error else { Issue.record("expected invalidRows, got \(error)"); return }
        #expect(more == badRows.count - 50)
        #expect(try store.dumpTables() == LedgerStore().dumpTables())
    }

    /// An unterminated quote in the third batch stops reading there; the rows before it are
    /// checked (one bad one in the first batch is reported first) and nothing is stored.
    @Test func aSyntaxErrorInALaterBatchStopsThere() throws {
        let store = try LedgerStore()
        let capacity = RowPipeline.Batch.capacity
        let bad = actions { i, line in
            switch i {
            case 10: return line.replacingOccurrences(of: ",none", with: ",maybe")
            case 2 * capacity + 3: return line.replacingOccurrences(of: ",none", with: ",\"none")
            default: return line
            }
        }
        let error = try #require(try importError(BundleFixture.valid(replacing: "actions.csv", with: bad), into: store))
        let lines = error.issues.map(\.line)
        #expect(lines.first == 12)
        #expect(lines.count == 2 && lines[1] == 2 * capacity + 5)
        #expect(error.issues.first?.column == "outcome")
        #expect(try store.dumpTables() == LedgerStore().dumpTables())
    }

    /// When the writing side throws (a store error), the reader thread is stopped, `run`
    /// returns the error instead of waiting, and no batch after the failing one is written.
    @Test func aWriterErrorStopsTheReader() throws {
        var lines = ["date,person,task,minutes"]
        for i in 0..<(5 * RowPipeline.Batch.capacity) { lines.append("2026-02-0\(1 + i % 9),ann,calls,\(1 + i % 50)") }
        let fixture = try BundleFixture(["timesheet.csv": lines.joined(separator: "\n")])
        let spec = try #require(BundleFileSpec.named("timesheet"))
        let source = try #require(try BundleFileSource(path: fixture.folder + "/timesheet.csv", fileName: "timesheet.csv"))
        let checker = RowChecker(spec: spec, source: source, sourceIndex: Array(0..<spec.columns.count),
                                 labels: spec.columns.map(\.name), clients: KeyMap(), invoices: KeyMap(), clientNames: [:])
        var written = 0, rows = 0
        var caught: LedgerImportError?
        do {
            try RowPipeline(source: source, checker: checker).run { (batch: RowPipeline.Batch) throws(LedgerImportError) in
                written += 1
                rows += batch.count
                #expect((0..<batch.count).allSatisfy { batch.passed[$0] })
                if written == 2 { throw .store("disk full") }
            } failure: { (_: CSVSyntaxError) throws(LedgerImportError) in }
        } catch {
            caught = error
        }
        #expect(caught == .store("disk full"))
        #expect(written == 2 && rows == 2 * RowPipeline.Batch.capacity)
    }
}
