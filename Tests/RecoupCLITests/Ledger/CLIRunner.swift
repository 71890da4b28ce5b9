import Foundation

/// Runs the built `recoup` binary (found next to the test bundle in the build products folder).
enum CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: String? {
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
            let path = folder.appendingPathComponent("recoup").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs `recoup arguments` with the test process's environment less `RECOUP_DB` and
    /// `RECOUP_TRUSTED_KEYS`, plus `environment`.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        guard let binary else { throw CLIError.binaryNotFound }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["RECOUP_DB"] = nil
        environment["RECOUP_TRUSTED_KEYS"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    enum CLIError: Error { case binaryNotFound }
}

/// A temporary folder with files; removed on deinit.
final class TemporaryFolder {
    let path: String
    init(_ files: [String: String]) throws {
        path = NSTemporaryDirectory() + "recoup-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, content) in files {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
