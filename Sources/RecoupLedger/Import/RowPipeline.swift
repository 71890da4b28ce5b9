import Foundation

/// Reads and checks a source's rows on a thread of its own, a batch at a time, while the
/// calling thread (the one holding the write transaction) inserts the batches already checked.
///
/// Two batches take turns: the reader fills one while the writer empties the other, handed over
/// through two semaphores (which also order the memory accesses), so each batch belongs to one
/// thread at a time and the records' buffers are reused rather than reallocated. The writer
/// sees the rows in file order, so the store, the counts and the problems come out as a
/// single-threaded import gives them.
final class RowPipeline: @unchecked Sendable {
    /// Checked rows in file order.
    final class Batch {
        static let capacity = 2_048
        var records = [CSVRecord](repeating: CSVRecord(), count: capacity)
        var cells: [[Cell]]
        var passed = [Bool](repeating: false, count: capacity)
        var issues = [[ImportIssue]](repeating: [], count: capacity)
        /// Rows filled.
        var count = 0
        /// The source stopped here with this error (after the rows before it).
        var failure: CSVSyntaxError?
        /// The source ends with this batch (at its end or at a syntax error).
        var isLast = false

        init(columns: Int) {
            cells = [[Cell]](repeating: [Cell](repeating: .null, count: columns), count: Batch.capacity)
        }
    }

    private let source: any RowSource
    private var checker: RowChecker
    private let batches: [Batch]
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var cancelled = false

    init(source: any RowSource, checker: RowChecker) {
        self.source = source
        self.checker = checker
        batches = [Batch(columns: checker.spec.columns.count), Batch(columns: checker.spec.columns.count)]
        // Created at 0 and raised by hand: libdispatch traps when a semaphore is released
        // holding less than its initial value, as `free` may after the writer stops early.
        free = DispatchSemaphore(value: 0)
        for _ in batches { free.signal() }
    }

    /// Runs the reader thread and hands each checked batch to `write` on this thread, then a
    /// syntax error that stopped the source, if any, to `failure`. Returns when both are done;
    /// when `write` throws, the reader is stopped first.
    func run(_ write: (Batch) throws(LedgerImportError) -> Void,
             failure: (CSVSyntaxError) throws(LedgerImportError) -> Void) throws(LedgerImportError) {
        let thread = Thread { [self] in read() }
        thread.name = "recoup-import-reader"
        thread.start()
        var index = 0
        do throws(LedgerImportError) {
            while true {
                filled.wait()
                let batch = batches[index % batches.count]
                index += 1
                try write(batch)
                if let error = batch.failure { try failure(error) }
                let last = batch.isLast
                free.signal()
                if last { break }
            }
        } catch {
            lock.lock(); cancelled = true; lock.unlock()
            free.signal()
            finished.wait()
            throw error
        }
        finished.wait()
    }

    private var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// The reader thread: fills batches until the source ends, fails or the writer stops.
    private func read() {
        var index = 0
        while true {
            free.wait()
            if isCancelled { break }
            let batch = batches[index % batches.count]
            index += 1
            fill(batch)
            let last = batch.isLast
            filled.signal()
            if last { break }
        }
        finished.signal()
    }

    private func fill(_ batch: Batch) {
        batch.count = 0
        batch.failure = nil
        batch.isLast = false
        while batch.count < Batch.capacity {
            let i = batch.count
            do {
                guard try source.next(&batch.records[i]) else { batch.isLast = true; return }
            } catch {
                batch.failure = error
                batch.isLast = true
                return
            }
            batch.issues[i].removeAll(keepingCapacity: true)
            batch.passed[i] = checker.check(batch.records[i], cells: &batch.cells[i], issues: &batch.issues[i])
            batch.count += 1
        }
    }
}
