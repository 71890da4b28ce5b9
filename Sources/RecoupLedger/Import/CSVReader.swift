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

    /// Opens `path` for reading.
    init(path: String) throws(CSVSyntaxError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
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

    @inline(__always) private func nextByte() throws(CSVSyntaxError) -> UInt8? {
        if position == filled {
            guard try refill() else { return nil }
            if position == filled { return try nextByte() }
        }
        let b = buffer[position]
        position += 1
        return b
    }

    @inline(__always) private func peekByte() throws(CSVSyntaxError) -> UInt8? {
        if position == filled {
            guard try refill() else { return nil }
            if position == filled { return try peekByte() }
        }
        return buffer[position]
    }

    /// Reads the next non-empty record into `record`; returns false at the end of the file.
    func read(into record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"),
            cr = UInt8(ascii: "\r")
        while true {
            record.removeAll()
            record.line = line
            var sawAnything = false
            var fieldStartLine = line
            // State: at field start, in unquoted, in quoted, after closing quote.
            var inQuoted = false
            var afterQuote = false
            var atFieldStart = true
            while true {
                guard let b = try nextByte() else {
                    if inQuoted { throw .unterminatedQuote(line: fieldStartLine) }
                    if !sawAnything { return false }
                    record.ends.append(record.storage.count)
                    return true
                }
                if inQuoted {
                    if b == quote {
                        if try peekByte() == quote {
                            position += 1
                            record.storage.append(quote)
                        } else {
                            inQuoted = false
                            afterQuote = true
                        }
                    } else {
                        if b == lf { line += 1 }
                        record.storage.append(b)
                    }
                    continue
                }
                if b == comma {
                    sawAnything = true
                    record.ends.append(record.storage.count)
                    atFieldStart = true
                    afterQuote = false
                    fieldStartLine = line
                    continue
                }
                if b == lf || b == cr {
                    if b == cr, try peekByte() == lf { position += 1 }
                    line += 1
                    if !sawAnything { break }  // empty line: skip it
                    record.ends.append(record.storage.count)
                    return true
                }
                sawAnything = true
                if afterQuote { throw .textAfterClosingQuote(line: line) }
                if b == quote {
                    guard atFieldStart else { throw .quoteInUnquotedField(line: line) }
                    inQuoted = true
                    fieldStartLine = line
                    atFieldStart = false
                    continue
                }
                atFieldStart = false
                record.storage.append(b)
            }
        }
    }
}
