import Foundation
import Testing

/// Issue 22: a notebook's commands write only inside the notebook's folder unless
/// `notebook run --allow-writes-outside`; they may read anything.
@Suite struct NotebookWritesCLITests {
    /// Every option of every command that takes a value, classified. `written` must match
    /// NotebookWrites.outputOptions (Sources/RecoupReports/Notebook/NotebookWrites.swift); a new
    /// option fails `everyOptionIsClassified` until it is added to one list or the other.
    static let written: Set<String> = ["--out", "--emit", "--html", "--chart", "--csv", "--db"]
    static let notWritten: Set<String> = [
        "--as-of", "--base", "--baseline", "--clients", "--costs", "--date", "--end", "--format", "--from", "--history", "--key",
        "--kind", "--late-threshold-days", "--map", "--max-human-hours-per-week", "--min-collection-rate", "--months",
        "--name", "--pick", "--policy", "--preset", "--pub", "--runs", "--seed", "--template", "--test-fraction", "--to",
        "--tasks", "--tool-cost-per-month", "--until", "--vary",
    ]
    /// Positional arguments that are written (`policy sign FILE` in place; `notebook run FILE`).
    static let writtenPositionals: Set<String> = ["policy sign <file>", "notebook run <file>"]

    /// The commands' options from `recoup --experimental-dump-help`: leaf command path → the long
    /// names of its value options, and its positional arguments.
    static func commandOptions() throws -> [String: (options: [String], positionals: [String])] {
        let dump = try CLIRunner.run(["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: [String: (options: [String], positionals: [String])] = [:]
        func walk(_ command: [String: Any], _ path: [String]) {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            if subcommands.isEmpty && !path.isEmpty {
                var options: [String] = [], positionals: [String] = []
                for argument in command["arguments"] as? [[String: Any]] ?? [] {
                    let names = (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }
                    switch argument["kind"] as? String {
                    case "option": options += names.compactMap { ($0["name"] as? String).map { "--" + $0 } }
                    case "positional": positionals.append("<\(argument["valueName"] as? String ?? "?")>")
                    default: break
                    }
                }
                found[path.joined(separator: " ")] = (options, positionals)
            }
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? "?"]) }
        }
        walk(try #require(json["command"] as? [String: Any]), [])
        return found
    }

    @Test func everyOptionIsClassified() throws {
        let commands = try Self.commandOptions()
        #expect(commands.count > 20)
        #expect(Self.written.isDisjoint(with: Self.notWritten))
        for (command, arguments) in commands {
            for option in arguments.options {
                #expect(Self.written.contains(option) || Self.notWritten.contains(option),
                        "\(command) \(option): add it to written (and NotebookWrites.outputOptions) or notWritten")
            }
        }
        let used = Set(commands.values.flatMap(\.options))
        #expect(Self.written.union(Self.notWritten).subtracting(used).isEmpty, "stale names")
    }

    /// One notebook line per written option of every command (and per written positional),
    /// each naming a path outside the folder: every one is refused before anything runs, naming
    /// the line, and nothing appears outside.
    @Test func everyOutputOutsideTheFolderIsRefused() throws {
        let outside = try TemporaryFolder([:])
        var lines: [String] = []
        for (command, arguments) in try Self.commandOptions().sorted(by: { $0.key < $1.key }) {
            for option in arguments.options where Self.written.contains(option) {
                lines.append("\(command) \(option) \(outside.path)/x")
            }
            for positional in arguments.positionals where Self.writtenPositionals.contains("\(command) \(positional)") {
                lines.append("\(command) \(outside.path)/x.json")
            }
        }
        #expect(lines.count >= 20)
        #expect(lines.contains("policy sign \(outside.path)/x.json"))
        for line in lines {
            let folder = try TemporaryFolder(["n.md": "# n\n\n```recoup\nreport aging\n\(line)\n```\n"])
            let run = try CLIRunner.run(["notebook", "run", folder.path + "/n.md"])
            #expect(run.status == 1, "\(line)")
            #expect(run.stderr.contains("n.md:5: block 1: `recoup "), "\(line): \(run.stderr)")
            #expect(run.stderr.contains("would write \(outside.path)/x"), "\(line): \(run.stderr)")
            #expect(run.stderr.contains("outside the notebook's folder"), "\(line): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.path + "/.n.recoup.db"), "nothing ran: \(line)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test func signingOutsideKeepsTheFolderThere() throws {
        let outside = try TemporaryFolder(["dir/kept.txt": "kept"])
        let folder = try TemporaryFolder(["n.md": """
            # n

            ```recoup
            keys generate --out k
            policy init --template fixed --out p.json
            policy sign p.json --key k.key --out \(outside.path)/dir
            ```

            """])
        let run = try CLIRunner.run(["notebook", "run", folder.path + "/n.md"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("n.md:6: block 1: `recoup policy sign p.json --key k.key --out \(outside.path)/dir` would write"),
                "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: outside.path + "/dir/kept.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/k.key"), "refused before the first line ran")
    }

    @Test func dotDotAndLinksAreResolvedAndInputsOutsideAreFine() throws {
        let outside = try TemporaryFolder([:])
        let root = try TemporaryFolder(["book/n.md": "", "book/sub/kept.txt": "", "policies/p.json": ""])
        try FileManager.default.createSymbolicLink(atPath: root.path + "/book/link", withDestinationPath: outside.path)
        for target in ["../escape.json", "link/p.json", "sub/../../escape.json", "./link"] {
            try Data("# n\n\n```recoup\npolicy init --template fixed --out \(target)\n```\n".utf8)
                .write(to: URL(fileURLWithPath: root.path + "/book/n.md"))
            let run = try CLIRunner.run(["notebook", "run", root.path + "/book/n.md"])
            #expect(run.status == 1, "\(target)")
            #expect(run.stderr.contains("would write \(target) ("), "\(target): \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.path + "/escape.json"))
        // Inside (also through `..` that comes back) and reading from outside run.
        try Data("""
            # n

            ```recoup
            policy init --template fixed --out ../policies/made.json --force
            ```

            """.utf8).write(to: URL(fileURLWithPath: root.path + "/book/n.md"))
        #expect(try CLIRunner.run(["notebook", "run", root.path + "/book/n.md"]).status == 1)
        try Data("""
            # n

            ```recoup
            policy init --template fixed --out sub/../made.json
            policy validate ../policies/../book/made.json
            ```

            """.utf8).write(to: URL(fileURLWithPath: root.path + "/book/n.md"))
        let inside = try CLIRunner.run(["notebook", "run", root.path + "/book/n.md"])
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.path + "/book/made.json"))
    }

    @Test func allowWritesOutsideLetsTheLineRun() throws {
        let outside = try TemporaryFolder([:])
        let folder = try TemporaryFolder(["n.md": "# n\n\n```recoup\npolicy init --template fixed --out \(outside.path)/p.json\n```\n"])
        let run = try CLIRunner.run(["notebook", "run", "--allow-writes-outside", folder.path + "/n.md"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: outside.path + "/p.json"))
    }

    /// The scratch store is emptied by removing files of its name: never a folder or a link.
    @Test func aFolderOrLinkNamedLikeTheScratchStoreIsKept() throws {
        let folder = try TemporaryFolder(["n.md": "# n\n\n```recoup\nreport aging\n```\n", ".n.recoup.db-wal/kept.txt": "kept",
                                          "target.txt": "target"])
        let run = try CLIRunner.run(["notebook", "run", folder.path + "/n.md"])
        #expect(run.status == 1)
        #expect(run.stderr.contains(".n.recoup.db-wal is not a regular file"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.n.recoup.db-wal/kept.txt"))
        try FileManager.default.removeItem(atPath: folder.path + "/.n.recoup.db-wal")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/.n.recoup.db", withDestinationPath: folder.path + "/target.txt")
        let linked = try CLIRunner.run(["notebook", "run", folder.path + "/n.md"])
        #expect(linked.status == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/.n.recoup.db") == folder.path + "/target.txt")
        #expect(FileManager.default.contents(atPath: folder.path + "/target.txt") == Data("target".utf8))
    }
}
