import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The paths a notebook's commands write, and the rule that they stay inside the notebook's
/// folder unless the user allows more (`recoup notebook run --allow-writes-outside`).
///
/// A command may read anything (`--policy ../policies/x.json`); only what it writes is
/// checked. What a `recoup` command writes is named by an option in `outputOptions` (the one
/// list of output options; Tests/RecoupCLITests checks it against every command's options), or
/// is a positional argument of a command in `outputArguments`. A path is inside when, with
/// `..` and symbolic links resolved as far as the path exists, it is the folder or below it.
public enum NotebookWrites {
    /// Options whose value is a path the command writes, in every `recoup` command: files
    /// (`--emit`, `--html`, `--chart`, `--csv`, `--out`: a file, a folder of files, or `keys
    /// generate`'s base name) and the store (`--db`, which `import`, `train` and `demo` change).
    public static let outputOptions: Set<String> = ["--out", "--emit", "--html", "--chart", "--csv", "--db"]

    /// Commands whose positional arguments are written: `policy sign FILE` signs FILE in place
    /// unless `--out` is given; `notebook run FILE` rewrites FILE.
    public static let outputArguments: [(command: [String], unlessOption: String?)] = [
        (["policy", "sign"], "--out"),
        (["notebook", "run"], nil),
    ]

    /// Options of the commands in `outputArguments` that take a value, so the word after them is
    /// not a positional argument. A word after any other option counts as positional: a guess
    /// that errs towards checking more.
    static let valueOptions: Set<String> = ["--key", "--out", "--db", "--pub", "--format"]

    /// `keys generate --out NAME` writes NAME.key and NAME.pub.
    static let suffixedOutputs: [(command: [String], option: String, suffixes: [String])] = [
        (["keys", "generate"], "--out", [".key", ".pub"]),
    ]

    /// The paths `arguments` (a command line without `recoup`) write, as written.
    public static func writtenPaths(_ arguments: [String]) -> [String] {
        var paths: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { break }
            // Only an output option's value is skipped: the word after any other option is looked
            // at again (it may be a flag followed by an output option).
            if let (name, value) = optionValue(arguments, at: index), outputOptions.contains(name) {
                let suffixes = suffixedOutputs.first { arguments.starts(with: $0.command) && $0.option == name }?.suffixes
                paths += suffixes.map { $0.map { value + $0 } } ?? [value]
                index += word.contains("=") ? 1 : 2
                continue
            }
            index += 1
        }
        for rule in outputArguments where arguments.starts(with: rule.command) {
            if let option = rule.unlessOption, arguments.contains(where: { $0 == option || $0.hasPrefix(option + "=") }) { continue }
            paths += positionalArguments(Array(arguments.dropFirst(rule.command.count)))
        }
        return paths
    }

    /// Checks every command of `document` before any runs.
    /// - Parameter folder: the notebook's folder (the commands' working folder).
    /// - Throws: `NotebookError.writesOutside` for the first command line writing outside it.
    public static func check(_ document: NotebookDocument, folder: String) throws(NotebookError) {
        let root = resolved(folder, in: "/")
        for block in document.blocks {
            for command in block.commands {
                for path in writtenPaths(command.arguments) {
                    let target = resolved(path, in: root)
                    guard !isInside(target, root) else { continue }
                    throw .writesOutside(path: document.path, block: block.number, line: command.line, command: command.text,
                                         argument: path, resolved: target, folder: root)
                }
            }
        }
    }

    /// `path` made absolute against `folder`, with `.`, `..` and symbolic links resolved as far
    /// as the path exists (the rest taken as written).
    public static func resolved(_ path: String, in folder: String) -> String {
        var current = path.hasPrefix("/") ? "/" : (realPath(folder) ?? folder)
        for component in path.split(separator: "/") {
            switch component {
            case ".":
                continue
            case "..":
                if let slash = current.lastIndex(of: "/") {
                    current = slash == current.startIndex ? "/" : String(current[..<slash])
                }
            default:
                let next = (current == "/" ? "" : current) + "/" + component
                current = realPath(next) ?? next
            }
        }
        return current
    }

    /// Whether `path` is `folder` or below it (both resolved).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }

    /// The option at `index` and its value (`--name value` or `--name=value`), nil for a
    /// positional argument, a flag at the end, or an option written as `--name=`.
    private static func optionValue(_ arguments: [String], at index: Int) -> (String, String)? {
        let word = arguments[index]
        guard word.hasPrefix("--"), word.count > 2 else { return nil }
        if let equals = word.firstIndex(of: "=") {
            return (String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
        guard index + 1 < arguments.count else { return nil }
        return (word, arguments[index + 1])
    }

    /// The positional arguments among `words` (a command's words after its name).
    private static func positionalArguments(_ words: [String]) -> [String] {
        var positional: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "--" {
                positional += words[(index + 1)...]
                break
            }
            if word.hasPrefix("-") && word.count > 1 {
                index += valueOptions.contains(word) ? 2 : 1
                continue
            }
            positional.append(word)
            index += 1
        }
        return positional
    }

    /// realpath(3), nil when the path does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
