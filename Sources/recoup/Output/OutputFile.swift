import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// write(2), named apart from `OutputFile.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}

/// A file a command writes: the one place the CLI creates or replaces files (docs/security.md,
/// "Files").
///
/// Rules, checked before anything is written:
/// - the target is never a folder, a link to a folder, a device, a FIFO or a socket, and never
///   an existing symbolic link (it would be replaced by a file, not followed);
/// - an existing regular file is replaced only as `replacement` allows (`--force` where the
///   command has one);
/// - a key file (`"kind": "recoup.ed25519.private"` or `…public`) is never replaced, except by
///   `recoup keys generate --force` (`mayReplaceKeys`);
/// - the target is not one of the command's own inputs (`inputs`: the same file by device and
///   inode, so a link or another spelling of the path is caught too).
///
/// Writing is atomic: the bytes go to a temporary file in the target's folder, which gets its
/// permissions, is flushed to disk (`fsync`) and then renamed over the target (rename(2)), so a
/// failure leaves the old file as it was. Nothing is ever removed but that temporary file.
///
/// ```swift
/// let file = OutputFile(signOut, replacement: .always, example: "policy.json", inputs: [("--key", key)])
/// try file.write(text)
/// ```
struct OutputFile {
    /// When an existing regular file at the path may be replaced.
    enum Replacement: Equatable {
        /// Only when the command's `--force` was given (`isForced`).
        case withForce(_ isForced: Bool)
        /// Always: outputs that are conventionally rewritten (`--html`, `--chart`, an export's
        /// `--out`, a notebook's own file, a policy signed in place).
        case always
    }

    /// The path as the user gave it (messages quote it so).
    let path: String
    let replacement: Replacement
    /// A file name suggested when `path` is a folder ("x is a folder; give a file name such as
    /// x/<example>"); nil when the name is fixed (a bundle's files).
    var example: String?
    /// POSIX permissions given to the temporary file before the rename (0o600 for private
    /// keys); nil: the default (0o666 less the umask).
    var permissions: Int?
    /// The command's input files, each with the option or argument that named it.
    var inputs: [(label: String, path: String)]
    /// Whether an existing key file may be replaced (only `keys generate --force`).
    var mayReplaceKeys: Bool

    init(_ path: String, replacement: Replacement, example: String?, permissions: Int? = nil,
         inputs: [(label: String, path: String)] = [], mayReplaceKeys: Bool = false) {
        self.path = path
        self.replacement = replacement
        self.example = example
        self.permissions = permissions
        self.inputs = inputs
        self.mayReplaceKeys = mayReplaceKeys
    }

    /// Writes `text` as UTF-8 (see the type's rules).
    /// - Throws: `OutputFileError`, the old file untouched.
    func write(_ text: String) throws {
        try write { append in try append(Data(text.utf8)) }
    }

    /// Writes what `produce` appends, streaming, with the same rules and atomicity as
    /// `write(_:)`: the target is replaced only once `produce` returned and every byte is on
    /// disk. An error thrown by `produce` is rethrown as is, after the temporary file is removed.
    /// - Throws: `OutputFileError`, or what `produce` threw; the old file untouched either way.
    func write(_ produce: (_ append: (Data) throws -> Void) throws -> Void) throws {
        try check()
        let folder = OutputFile.folder(of: path)
        let name = OutputFile.lastComponent(of: path)
        let mode = mode_t(permissions ?? 0o666)
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<8 {
            temporary = folder + "/." + name + "." + String(UUID().uuidString.prefix(8)) + ".tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw OutputFileError.cannotWrite(path: path, reason: OutputFile.reason(errno)) }
        var isClosed = false
        func abandon() {
            if !isClosed { close(descriptor) }
            unlink(temporary)
        }
        do {
            if let permissions, fchmod(descriptor, mode_t(permissions)) != 0 {
                throw OutputFileError.cannotWrite(path: path, reason: OutputFile.reason(errno))
            }
            try produce { data in try OutputFile.writeAll(data, to: descriptor, path: path) }
            guard fsync(descriptor) == 0 else { throw OutputFileError.cannotWrite(path: path, reason: OutputFile.reason(errno)) }
            isClosed = true
            guard close(descriptor) == 0 else { throw OutputFileError.cannotWrite(path: path, reason: OutputFile.reason(errno)) }
            // The target may have changed while writing: check it again just before the rename.
            try check()
            guard rename(temporary, path) == 0 else { throw OutputFileError.cannotWrite(path: path, reason: OutputFile.reason(errno)) }
        } catch {
            abandon()
            throw error
        }
        OutputFile.syncFolder(folder)
    }

    /// Checks the rules without writing anything.
    /// - Throws: `OutputFileError` naming the path and what to do.
    func check() throws(OutputFileError) {
        guard !path.isEmpty else { throw .emptyPath }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT || errno == ENOTDIR else { throw .cannotWrite(path: path, reason: OutputFile.reason(errno)) }
            if path.hasSuffix("/") { throw .isFolder(path: path, example: example, isLink: false) }
            try checkFolder()
            return
        }
        switch OutputFile.FileType(status.st_mode) {
        case .folder:
            throw .isFolder(path: path, example: example, isLink: false)
        case .symbolicLink:
            var target = stat()
            if stat(path, &target) == 0, OutputFile.FileType(target.st_mode) == .folder {
                throw .isFolder(path: path, example: example, isLink: true)
            }
            throw .isSymbolicLink(path: path)
        case .other(let kind):
            throw .notRegularFile(path: path, kind: kind)
        case .regular:
            break
        }
        if !mayReplaceKeys, let kind = OutputFile.keyKind(atPath: path) {
            throw .isKey(path: path, isPrivate: kind == .privateKey)
        }
        for input in inputs {
            var other = stat()
            if stat(input.path, &other) == 0, other.st_dev == status.st_dev, other.st_ino == status.st_ino {
                throw .isInput(path: path, label: input.label, inputPath: input.path)
            }
        }
        if replacement == .withForce(false) { throw .exists(path: path) }
    }

    /// The folder the file goes in must exist and be a folder.
    private func checkFolder() throws(OutputFileError) {
        let folder = OutputFile.folder(of: path)
        var status = stat()
        guard stat(folder, &status) == 0 else {
            if errno == ENOENT { throw .missingFolder(path: path, folder: folder) }
            if errno == ENOTDIR { throw .parentNotFolder(path: path, folder: folder) }
            throw .cannotWrite(path: path, reason: OutputFile.reason(errno))
        }
        guard OutputFile.FileType(status.st_mode) == .folder else { throw .parentNotFolder(path: path, folder: folder) }
    }
}

extension OutputFile {
    /// What `lstat`'s mode says a path is.
    enum FileType: Equatable {
        case regular, folder, symbolicLink
        /// A FIFO, a character or block device, or a socket, in words.
        case other(String)

        init(_ mode: mode_t) {
            switch mode & 0o170000 {
            case 0o100000: self = .regular
            case 0o040000: self = .folder
            case 0o120000: self = .symbolicLink
            case 0o010000: self = .other("a FIFO")
            case 0o020000: self = .other("a character device")
            case 0o060000: self = .other("a block device")
            case 0o140000: self = .other("a socket")
            default: self = .other("not a regular file")
            }
        }
    }

    /// Which kind of key a file is.
    enum KeyKind { case privateKey, publicKey }

    /// The kind of key file at `path`: a small file whose top-level `kind` is one of the key
    /// kinds, or (when it is not JSON) that names the private kind at all; nil for any other file.
    static func keyKind(atPath path: String) -> KeyKind? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 4097), data.count <= 4096 else { return nil }
        let privateKind = "recoup.ed25519.private", publicKind = "recoup.ed25519.public"
        if let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            switch object["kind"] as? String {
            case privateKind?: return .privateKey
            case publicKind?: return .publicKey
            default: return nil
            }
        }
        return String(decoding: data, as: UTF8.self).contains(privateKind) ? .privateKey : nil
    }

    /// The folder a path's file goes in ("." for a bare name).
    static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The last component of a path.
    static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    /// Writes every byte of `data`, retrying short writes and interrupted calls.
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(OutputFileError) {
        let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            guard var base = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let written = systemWrite(descriptor, base, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                left -= written
                base += written
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: path, reason: reason(failure)) }
    }

    /// Flushes the folder's entry for the renamed file; a failure here is not an error (the
    /// file is complete either way).
    static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// Why a command did not write a file; each message names the path and says what to do.
enum OutputFileError: Error, Equatable, CustomStringConvertible {
    case emptyPath
    /// The path is a folder (or a link to one).
    case isFolder(path: String, example: String?, isLink: Bool)
    /// The path is a symbolic link (to something that is not a folder).
    case isSymbolicLink(path: String)
    /// A FIFO, a device or a socket.
    case notRegularFile(path: String, kind: String)
    /// The path is one of the command's inputs.
    case isInput(path: String, label: String, inputPath: String)
    /// The path is a key file.
    case isKey(path: String, isPrivate: Bool)
    /// The file exists and the command's `--force` was not given.
    case exists(path: String)
    /// The folder the file would go in does not exist.
    case missingFolder(path: String, folder: String)
    /// What the file would go in is not a folder.
    case parentNotFolder(path: String, folder: String)
    /// The system refused: permissions, space, …
    case cannotWrite(path: String, reason: String)

    var description: String {
        switch self {
        case .emptyPath:
            return "the output path is empty; give a file name"
        case .isFolder(let path, let example, let isLink):
            var folder = path
            while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
            let what = isLink ? "a link to a folder" : "a folder"
            guard let example else { return "\(path) is \(what), not a file; refusing to replace it" }
            return "\(path) is \(what); give a file name such as \(folder == "/" ? "" : folder)/\(example)"
        case .isSymbolicLink(let path):
            return "\(path) is a symbolic link; refusing to replace it (give the path of the file itself, or another name)"
        case .notRegularFile(let path, let kind):
            return "\(path) is \(kind), not a regular file; refusing to write to it"
        case .isInput(let path, let label, let inputPath):
            let same = inputPath == path ? "" : " (\(inputPath))"
            return "\(path) is also this command's \(label)\(same); refusing to overwrite it; give another output file"
        case .isKey(let path, let isPrivate):
            if isPrivate { return "\(path) is a private key; refusing to overwrite it" }
            return "\(path) is a public key; refusing to overwrite it (recoup keys generate --force replaces key files)"
        case .exists(let path):
            return "\(path) exists; pass --force to replace it"
        case .missingFolder(let path, let folder):
            return "cannot write \(path): folder \(folder) does not exist"
        case .parentNotFolder(let path, let folder):
            return "cannot write \(path): \(folder) is not a folder"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
