#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RecoupPolicy

/// The largest input file the importer reads, of each kind, quoted in the messages that
/// enforce it (docs/import.md, docs/security.md). Checked before the first byte is read, and
/// again while reading (a file that grows past its limit stops the import).
public struct InputFileLimit: Sendable, Equatable {
    /// The most bytes a file of this kind may hold.
    public var bytes: Int64
    /// The limit as people write it (`4 GiB`).
    public var text: String
    /// What such a file is, for messages (`one imported CSV file`).
    public var what: String

    /// A CSV file: a bundle file or one exported file (4 GiB, about 40 million invoice rows).
    public static let csv = InputFileLimit(bytes: 4 << 30, text: "4 GiB", what: "one imported CSV file")
    /// A mapping file (`--map`): a few hundred bytes in practice; 1 MiB.
    public static let mapping = InputFileLimit(bytes: 1 << 20, text: "1 MiB", what: "a mapping file")
}

/// Opening an input file safely: only a regular file (after following symbolic links) within
/// its `InputFileLimit` is read. A FIFO, a device (`/dev/zero`), a socket or a folder is
/// refused before anything is read from it, and opening never blocks (a FIFO is opened
/// non-blocking, then refused).
enum InputFile {
    /// Why a path cannot be read.
    enum Failure: Error, Equatable {
        case missing
        case loop
        case notRegular(kind: String)
        case tooLarge(bytes: Int64)
        case unreadable(reason: String)
    }

    /// Whether something is at `path` (a symbolic link counts, even one that leads nowhere or
    /// in a loop, so that opening it reports what is wrong instead of "no such file").
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// What `path` is after following links: a folder, something else, or why stat failed.
    static func kind(_ path: String) -> Result<mode_t, Failure> {
        var info = stat()
        if stat(path, &info) == 0 { return .success(info.st_mode & S_IFMT) }
        return .failure(failure(errno, path))
    }

    /// A file descriptor for the regular file at `path`, open for reading, at most `limit`
    /// bytes long; the caller closes it.
    static func open(_ path: String, limit: InputFileLimit) -> Result<Int32, Failure> {
        var fd: Int32
        repeat { fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { return .failure(failure(errno, path)) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            return .failure(.unreadable(reason: reason))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            return .failure(.notRegular(kind: describe(type)))
        }
        guard Int64(info.st_size) <= limit.bytes else {
            close(fd)
            return .failure(.tooLarge(bytes: Int64(info.st_size)))
        }
        // Reads of a regular file never block anyway; clear the flag all the same.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return .success(fd)
    }

    /// The whole regular file at `path` (at most `limit` bytes).
    static func contents(_ path: String, limit: InputFileLimit) -> Result<[UInt8], Failure> {
        let fd: Int32
        switch open(path, limit: limit) {
        case .success(let value): fd = value
        case .failure(let failure): return .failure(failure)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = block.withUnsafeMutableBytes { raw -> Int in
                var n: Int
                repeat { n = read(fd, raw.baseAddress, raw.count) } while n < 0 && errno == EINTR
                return n
            }
            if n < 0 { return .failure(.unreadable(reason: String(cString: strerror(errno)))) }
            if n == 0 { return .success(bytes) }
            bytes.append(contentsOf: block[0..<n])
            if Int64(bytes.count) > limit.bytes { return .failure(.tooLarge(bytes: Int64(bytes.count))) }
        }
    }

    private static func failure(_ code: Int32, _ path: String) -> Failure {
        switch code {
        case ELOOP: return .loop
        case ENOENT, ENOTDIR:
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                return .unreadable(reason: "it is a symbolic link to a file that does not exist")
            }
            return .missing
        default: return .unreadable(reason: String(cString: strerror(code)))
        }
    }

    /// A file type as messages name it: `a folder`, `a FIFO (named pipe)`, ….
    static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}

extension LedgerImportError {
    /// The import error for `failure` opening `path`, an input of kind `limit`.
    static func from(_ failure: InputFile.Failure, path: String, limit: InputFileLimit) -> LedgerImportError {
        switch failure {
        case .missing: return .notFound(path: path)
        case .loop: return .symbolicLinkLoop(path: path)
        case .notRegular(let kind): return .notRegularFile(path: path, kind: kind)
        case .tooLarge(let bytes): return .tooLarge(path: path, bytes: bytes, limit: limit)
        case .unreadable(let reason): return .unreadable(path: path, reason: reason)
        }
    }
}

/// A number with thousands separators, for messages about amounts (`92,233,720,368,547,758.07`).
func groupedAmount(_ minorUnits: Int64) -> String { Money(minorUnits: minorUnits).groupedDecimalString }

/// A whole number with thousands separators (`4,294,967,296`).
func groupedInteger(_ value: Int64) -> String {
    let text = groupedAmount(value * 100)
    return String(text.dropLast(3))
}

/// Control characters in identifiers: C0 (U+0000–U+001F, NUL included), DEL and C1
/// (U+0080–U+009F, in UTF-8 `C2 80`–`C2 9F`). Byte-level, no allocation: ids are checked on
/// the reading thread for every row.
enum ControlBytes {
    /// The offset in `bytes` of the first control character in `range`, or nil.
    @inline(__always) static func first(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = bytes[i]
            if b < 0x20 || b == 0x7F { return i }
            if b == 0xC2, i + 1 < end, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { return i }
            i += 1
        }
        return nil
    }

    /// The message for a control character at byte `offset` of `bytes[range]`:
    /// `contains a control character (ESC, 0x1B) at position 4` (position in characters,
    /// from 1).
    static func reason(_ bytes: [UInt8], _ range: Range<Int>, offset: Int) -> String {
        let prefix = String(decoding: bytes[range.lowerBound..<offset], as: UTF8.self)
        let position = prefix.unicodeScalars.count + 1
        let scalar: Unicode.Scalar
        if bytes[offset] == 0xC2, offset + 1 < range.upperBound {
            scalar = Unicode.Scalar(UInt32(bytes[offset + 1])) ?? "?"
        } else {
            scalar = Unicode.Scalar(bytes[offset])
        }
        return "contains a control character (\(TerminalText.controlDescription(scalar))) at position \(position); ids may not hold control characters, remove it"
    }
}
