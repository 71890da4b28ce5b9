import ArgumentParser
import Foundation
import RecoupReports

/// `recoup notebook run FILE.md [--check] [--db PATH]`: runs every ```` ```recoup ```` block of a
/// Markdown file in order with this same executable and writes each block's output right under
/// it (docs/reports.md, "Notebooks").
struct NotebookRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook's recoup blocks and write their output under each.",
        discussion: """
            Each line of a ```recoup block is one recoup command (shell-style quoting, no pipes). \
            Commands run in the notebook's folder against a scratch store, .<name>.recoup.db next \
            to the notebook, emptied at the start of every run so outputs are reproducible; pass \
            --db to use another store (kept as it is). Output replaces the text between \
            <!-- recoup:output --> and <!-- /recoup:output --> under the block; SVG files a \
            command names are linked as images. With --check nothing is written and the exit \
            status is 1 when a re-run would change the notebook or one of its charts. Commands \
            may read files anywhere but write only inside the notebook's folder (--out, --emit, \
            --html, --chart, --db, a policy signed in place); a line writing elsewhere stops the \
            run before anything runs, unless --allow-writes-outside.
            """)

    @Argument(help: "The Markdown notebook.")
    var file: String

    @Flag(help: "Do not write; exit 1 naming the first block whose output (or chart) a re-run would change.")
    var check = false

    @Option(help: "The store the notebook's commands use. Default: a scratch store next to the notebook, emptied each run.")
    var db: String?

    @Flag(name: .customLong("allow-writes-outside"),
          help: "Let the notebook's commands write outside the notebook's folder (by default such a line is refused).")
    var allowsWritesOutside = false

    func run() throws {
        try UserFacingError.wrap {
            let environment = ProcessInfo.processInfo.environment
            let depth = Int(environment[NotebookProcess.depthVariable] ?? "") ?? 0
            guard depth < 3 else {
                throw UserFacingError("\(file): notebooks nest more than 3 deep (a notebook runs itself?)")
            }
            let url = URL(fileURLWithPath: file)
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw UserFacingError("\(file): cannot read the notebook (\(error.localizedDescription)); check the path")
            }
            let document = try NotebookDocument(text: text, path: file)
            let folder = url.deletingLastPathComponent()
            if !allowsWritesOutside { try NotebookWrites.check(document, folder: folder.path) }
            let store = try NotebookProcess.prepareStore(explicit: db, notebook: url)

            // --check must leave the charts as they were: keep their bytes to compare and restore.
            var chartsBefore: [String: Data?] = [:]
            if check {
                for path in document.chartPaths {
                    chartsBefore[path] = FileManager.default.contents(atPath: NotebookProcess.resolve(path, in: folder).path)
                }
            }

            let commandCount = document.blocks.reduce(0) { $0 + $1.commands.count }
            let progress = TerminalProgress.make(label: "notebook", total: commandCount)
            let executable = NotebookProcess.executablePath()
            let result = try NotebookRunner.run(document, execute: { command in
                defer { progress.advance() }
                return try NotebookProcess.run(executable: executable, arguments: command.arguments, in: folder,
                                               store: store, depth: depth + 1)
            }, fileExists: { FileManager.default.fileExists(atPath: NotebookProcess.resolve($0, in: folder).path) })
            progress.finish()

            if check {
                var chartChange: NotebookError?
                for chart in result.charts {
                    let location = NotebookProcess.resolve(chart.path, in: folder)
                    let before = chartsBefore[chart.path] ?? nil
                    if FileManager.default.contents(atPath: location.path) != before {
                        let block = document.blocks[chart.block - 1]
                        chartChange = chartChange ?? .wouldChange(path: file, block: chart.block, line: block.line,
                                                                  what: "the chart \(chart.path)")
                    }
                }
                NotebookProcess.restore(chartsBefore, in: folder)
                if let change = NotebookRunner.firstChange(in: document, after: result) ?? chartChange {
                    throw UserFacingError(change.description)
                }
                print("\(file): up to date (\(document.blocks.count) blocks, \(commandCount) commands)")
                return
            }
            if result.text != text {
                try OutputFile(file, replacement: .always, example: nil).write(result.text)
            }
            if let failure = result.failure { throw UserFacingError(failure.description) }
            let verb = result.text == text ? "unchanged" : "updated"
            print("\(file): \(verb) (\(document.blocks.count) blocks, \(commandCount) commands, \(result.charts.count) charts)")
        }
    }
}
