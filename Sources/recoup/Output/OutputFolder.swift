import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder a command writes several files into (`generate --out DIR`, `demo --out DIR`): the
/// folder rule of docs/security.md, "Files".
///
/// The folder is created when missing. An existing folder is written into only when it is empty
/// or holds nothing but what an earlier run of the same command writes (`knownNames`, and the
/// temporary files such a run may have left); otherwise the command refuses, unless `isForced`
/// (then its own files are written and everything else is left alone). Nothing in the folder is
/// ever removed by this type; each file is then written with `OutputFile`'s rules.
struct OutputFolder {
    /// The folder as the user gave it.
    let path: String
    /// The file and folder names an earlier run writes.
    let knownNames: Set<String>
    /// Whether other entries may be there (`--force`); nil when the command has no `--force`.
    let isForced: Bool?
    /// What the folder holds, for messages: "bundle", "demo".
    let what: String

    /// Creates the folder if needed, or checks an existing one.
    /// - Throws: `OutputFolderError` naming the folder (and the first entries that are not the
    ///   command's own).
    func prepare() throws(OutputFolderError) {
        guard !path.isEmpty else { throw .emptyPath }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .notAFolder(path: path) }
            let entries: [String]
            do { entries = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                throw .cannotRead(path: path, reason: error.localizedDescription)
            }
            let foreign = entries.filter { !isOwn($0) }.sorted()
            if !foreign.isEmpty && isForced != true {
                throw .holdsOtherFiles(path: path, names: Array(foreign.prefix(3)), count: foreign.count, what: what,
                                       hasForce: isForced != nil)
            }
            return
        }
        var status = stat()
        if lstat(path, &status) == 0 {
            throw .notAFolder(path: path)  // a dangling symbolic link
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw .cannotCreate(path: path, reason: error.localizedDescription)
        }
    }

    /// Whether an entry is one an earlier run writes, or a temporary file of one (`.NAME.*.tmp`).
    private func isOwn(_ name: String) -> Bool {
        if knownNames.contains(name) { return true }
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        return knownNames.contains { name.hasPrefix("." + $0 + ".") }
    }
}

/// Why a command did not write into a folder.
enum OutputFolderError: Error, Equatable, CustomStringConvertible {
    case emptyPath
    /// The path exists and is not a folder.
    case notAFolder(path: String)
    /// The folder holds entries that are not the command's own (`names`: the first few).
    case holdsOtherFiles(path: String, names: [String], count: Int, what: String, hasForce: Bool)
    case cannotRead(path: String, reason: String)
    case cannotCreate(path: String, reason: String)

    var description: String {
        switch self {
        case .emptyPath:
            return "the output folder is empty; give a folder name"
        case .notAFolder(let path):
            return "\(path) exists and is not a folder; give a new folder name"
        case .holdsOtherFiles(let path, let names, let count, let what, let hasForce):
            let listed = names.joined(separator: ", ") + (count > names.count ? " and \(count - names.count) more" : "")
            let remedy = hasForce
                ? "give a new or empty folder, or pass --force to write the \(what) into it (nothing else is touched)"
                : "give a new or empty folder"
            return "\(path) holds files that are not a \(what)'s (\(listed)); \(remedy)"
        case .cannotRead(let path, let reason):
            return "cannot read the folder \(path): \(reason)"
        case .cannotCreate(let path, let reason):
            return "cannot create the folder \(path): \(reason)"
        }
    }
}
