import Foundation
import RecoupReports

/// Spawning `recoup` for a notebook command: the only part of `notebook run` that is not in the
/// RecoupReports notebook library.
enum NotebookProcess {
    /// How deep notebooks run notebooks (a guard against a notebook running itself).
    static let depthVariable = "RECOUP_NOTEBOOK_DEPTH"

    /// This executable: /proc/self/exe resolved, else the path we were started with.
    static func executablePath() -> String {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        let argument0 = CommandLine.arguments.first ?? "recoup"
        if argument0.contains("/") { return URL(fileURLWithPath: argument0).standardizedFileURL.path }
        return argument0
    }

    /// `path` as a file URL, relative paths taken from `folder`.
    static func resolve(_ path: String, in folder: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
    }

    /// The store the commands use, as the value for `$RECOUP_DB`: the explicit one made absolute,
    /// or the notebook's scratch store `.<name>.recoup.db` (relative to the notebook's folder,
    /// so messages that print it are the same on every machine), emptied first.
    static func prepareStore(explicit: String?, notebook: URL) throws -> String {
        if let explicit {
            return explicit.hasPrefix("/") ? explicit
                : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(explicit).path
        }
        let stem = notebook.deletingPathExtension().lastPathComponent
        let name = ".\(stem).recoup.db"
        let folder = notebook.deletingLastPathComponent()
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let url = folder.appendingPathComponent(name + suffix)
            if let type = try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType {
                // Only a file is emptied away, never a folder or a link that happens to have the name.
                guard type == .typeRegular else {
                    throw UserFacingError("\(url.path) is not a regular file, so it cannot be the notebook's scratch store; move it away or pass --db")
                }
                do {
                    try FileManager.default.removeItem(at: url)
                } catch {
                    throw UserFacingError("cannot empty the notebook's scratch store \(url.path) (\(error.localizedDescription))")
                }
            }
        }
        return name
    }

    /// Runs `executable` with `arguments` in `folder`, with `$RECOUP_DB` set to `store`, and
    /// returns its exit status and output. Output goes through temporary files, so a command
    /// writing a lot to both streams cannot block on a full pipe.
    static func run(executable: String, arguments: [String], in folder: URL, store: String, depth: Int) throws -> NotebookCommandResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("recoup-notebook-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["RECOUP_DB"] = store
        environment[depthVariable] = String(depth)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw UserFacingError("cannot start \(executable) (\(error.localizedDescription))")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = String(decoding: FileManager.default.contents(atPath: outURL.path) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: FileManager.default.contents(atPath: errURL.path) ?? Data(), as: UTF8.self)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return NotebookCommandResult(status: status, standardOutput: stdout, standardError: stderr)
    }

    /// Puts charts back as they were before a `--check` run (deleting those that did not exist
    /// and that the run made as regular files; never a folder or a link).
    static func restore(_ charts: [String: Data?], in folder: URL) {
        for (path, data) in charts.sorted(by: { $0.key < $1.key }) {
            let url = resolve(path, in: folder)
            if let data {
                if FileManager.default.contents(atPath: url.path) != data {
                    try? OutputFile(url.path, replacement: .always, example: nil).write { try $0(data) }
                }
            } else if (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeRegular {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }
}
