#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read as CSV.
enum CSVSyntaxError: Error, Equatable {
    /// A quoted field still open at the end of the file; `line` is where the field began.
    case unterminatedQuote(line: Int)
    /// Something other than a comma or a line end right after a closing quote.
    case textAfterClosingQuote(line: Int)
    /// A quote in the middle of an unquoted field.
    case quoteInUnquotedField(line: Int)
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is not a regular file, is too large, or its links loop (nothing was read).
    case input(path: String, InputFile.Failure)
}

/// A streaming RFC 4180 reader over a file, read in 1 MiB blocks so a file of any size takes
/// constant memory.
///
/// Handles a leading UTF-8 byte-order mark, CRLF or LF line ends, quoted fields containing
/// commas, doubled quotes and line breaks, and reports the physical line each record starts on.
/// Completely empty lines are skipped.
///
/// - Complexity: O(n) in the file's size, one pass, no per-field allocation.
final class CSVReader {
    private let descriptor: Int32
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0
    private var isAtEnd = false
    private var line = 1
    private var isFirstBlock = true
    let path: String

    /// The total bytes read so far, held to `InputFileLimit.csv` (a file that grows while it
    /// is read stops there).
    private var bytesRead: Int64 = 0

    /// Opens `path` for reading: a regular file of at most `InputFileLimit.csv`, refused
    /// before reading otherwise (a FIFO, `/dev/zero`, a folder, a socket).
    init(path: String) throws(CSVSyntaxError) {
        switch InputFile.open(path, limit: .csv) {
        case .success(let fd): descriptor = fd
        case .failure(let failure): throw .input(path: path, failure)
        }
        buffer = [UInt8](repeating: 0, count: 1 << 20)
        self.path = path
    }

    deinit { close(descriptor) }

    /// Refills the buffer; returns false at the end of the file.
    private func refill() throws(CSVSyntaxError) -> Bool {
        if isAtEnd { return false }
        let count = buffer.withUnsafeMutableBytes { raw -> Int in
            var n: Int
            repeat { n = Glibc.read(descriptor, raw.baseAddress, raw.count) } while n < 0 && errno == EINTR
            return n
        }
        if count < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        bytesRead += Int64(count)
        if bytesRead > InputFileLimit.csv.bytes { throw .input(path: path, .tooLarge(bytes: bytesRead)) }
        if count == 0 {
            isAtEnd = true
            return false
        }
        position = 0
        filled = count
        if isFirstBlock {
            isFirstBlock = false
            if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
        return true
    }

    private enum Mode { case fieldStart, unquoted, quoted, quoteInQuoted, afterClosingQuote }
    private enum Outcome { case needMore, record, failure(CSVSyntaxError) }
    /// A record ended with CR: a line feed right after it belongs to the same line end.
    private var skipLineFeed = false

    /// Reads the next non-empty record into `record`; returns false at the end of the file.
    ///
    /// Scans each block in place: runs of ordinary bytes are copied in bulk, and the state
    /// (inside quotes, after a quote, a pending CR) carries over block boundaries.
    func read(into record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"),
            cr = UInt8(ascii: "\r")
        record.removeAll()
        record.line = line
        var mode = Mode.fieldStart
        var sawAnything = false
        var fieldStartLine = line
        while true {
            if position == filled {
                guard try refill() else {
                    if mode == .quoted { throw .unterminatedQuote(line: fieldStartLine) }
                    if !sawAnything { return false }
                    record.ends.append(record.storage.count)
                    return true
                }
                continue
            }
            var outcome = Outcome.needMore
            var line = self.line
            var skipLineFeed = self.skipLineFeed
            var i = position
            let end = filled
            buffer.withUnsafeBufferPointer { buf in
                scan: while i < end {
                    let b = buf[i]
                    if skipLineFeed {
                        skipLineFeed = false
                        if b == lf { i += 1; continue }
                    }
                    switch mode {
                    case .quoted:
                        var j = i
                        while j < end {
                            let c = buf[j]
                            if c == quote { break }
                            if c == lf { line += 1 }
                            j += 1
                        }
                        record.storage.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                        i = j
                        if j < end {
                            mode = .quoteInQuoted
                            i += 1
                        }
                    case .quoteInQuoted:
                        if b == quote {
                            record.storage.append(quote)
                            mode = .quoted
                            i += 1
                        } else {
                            mode = .afterClosingQuote
                        }
                    case .fieldStart, .unquoted, .afterClosingQuote:
                        if b == comma {
                            sawAnything = true
                            record.ends.append(record.storage.count)
                            mode = .fieldStart
                            fieldStartLine = line
                            i += 1
                            continue
                        }
                        if b == lf || b == cr {
                            i += 1
                            line += 1
                            if b == cr { skipLineFeed = true }
                            if !sawAnything {  // an empty line: skip it
                                record.line = line
                                fieldStartLine = line
                                continue
                            }
                            record.ends.append(record.storage.count)
                            outcome = .record
                            break scan
                        }
                        sawAnything = true
                        if mode == .afterClosingQuote {
                            outcome = .failure(.textAfterClosingQuote(line: line))
                            break scan
                        }
                        if b == quote {
                            if mode == .fieldStart {
                                mode = .quoted
                                fieldStartLine = line
                                i += 1
                                continue
                            }
                            outcome = .failure(.quoteInUnquotedField(line: line))
                            break scan
                        }
                        var j = i + 1
                        while j < end {
                            let c = buf[j]
                            if c == comma || c == lf || c == cr || c == quote { break }
                            j += 1
                        }
                        record.storage.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                        mode = .unquoted
                        i = j
                    }
                }
            }
            position = i
            self.line = line
            self.skipLineFeed = skipLineFeed
            switch outcome {
            case .needMore: continue
            case .record: return true
            case .failure(let error): throw error
            }
        }
    }
}
