import Foundation

/// Runs the built `recoup` binary (found next to the test bundle in the build products folder),
/// or any other program, with both output pipes drained at once.
enum CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `recoup` binary of this build, or nil when it has not been built.
    static var binary: String? { product(named: "recoup") }

    /// The built executable product `name` (`recoup`, `agent-example`) of this build: next to
    /// the test bundle, else in the package's `.build/debug`.
    static func product(named name: String) -> String? {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for folder in candidates {
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs `recoup arguments` (in `directory`, default the tests' own) with the test process's
    /// environment less `RECOUP_DB` and `RECOUP_TRUSTED_KEYS`, plus `environment`, and returns
    /// its status and both outputs.
    static func run(_ arguments: [String], in directory: String? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        guard let binary else { throw CLIError.binaryNotFound }
        return try run(executable: binary, arguments, in: directory, environment: extra)
    }

    /// Runs the program at `executable` as `run(_:in:environment:)` runs `recoup`. The two
    /// pipes are drained at the same time (each on a thread of its own), so a program that
    /// fills one while the other is still open cannot block the run.
    static func run(executable: String, _ arguments: [String], in directory: String? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["RECOUP_DB"] = nil
        environment["RECOUP_TRUSTED_KEYS"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outReader = PipeReader(out.fileHandleForReading), errReader = PipeReader(err.fileHandleForReading)
        let outData = outReader.wait(), errData = errReader.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    enum CLIError: Error { case binaryNotFound }

    /// Reads a pipe to its end on a thread of its own.
    private final class PipeReader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()  // written by the thread before `done` is signalled, read after

        init(_ handle: FileHandle) {
            let thread = Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
            thread.start()
        }

        /// Waits for the end of the pipe and returns everything read.
        func wait() -> Data {
            done.wait()
            return data
        }
    }
}

/// A temporary folder with files (a name with `/` gets its folders); removed on deinit.
final class TemporaryFolder {
    let path: String
    init(_ files: [String: String]) throws {
        path = NSTemporaryDirectory() + "recoup-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, content) in files {
            let url = URL(fileURLWithPath: path + "/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
