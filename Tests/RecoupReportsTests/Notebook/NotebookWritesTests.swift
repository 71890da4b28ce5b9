import Foundation
import Testing

@testable import RecoupReports

/// Which arguments of a notebook line are written, and the folder rule.
@Suite struct NotebookWritesTests {
    @Test(arguments: [
        ("policy sign p.json --key k.key", ["p.json"]),
        ("policy sign p.json --key ../keys/k.key --out signed.json", ["signed.json"]),
        ("policy sign --out=signed.json p.json --key k.key", ["signed.json"]),
        ("keys generate --out keys/team", ["keys/team.key", "keys/team.pub"]),
        ("tune --base ../policies/p.json --vary a=1..2/1 --pick \"min cost\" --emit t.json --force --chart s.svg",
         ["t.json", "s.svg"]),
        ("compare ../policies/fixed.json none --runs 20 --html c.html", ["c.html"]),
        ("import ../bundle --db other.db", ["other.db"]),
        ("notebook run other.md", ["other.md"]),
        ("report roi --policy ../policies/p.json", []),
        ("plan --policy ../policies/p.json --pub ../keys/k.pub", []),
    ])
    func writtenPaths(line: String, expected: [String]) throws {
        let command = try NotebookCommandLine(text: line, line: 1, path: "n.md")
        #expect(NotebookWrites.writtenPaths(command.arguments) == expected)
    }

    @Test func resolvesDotDotAndLinksAsFarAsThePathExists() throws {
        let root = NSTemporaryDirectory() + "recoup-writes-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/book/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/book/link", withDestinationPath: root + "/elsewhere")
        let book = NotebookWrites.resolved(root + "/book", in: "/")
        let elsewhere = NotebookWrites.resolved(root + "/elsewhere", in: "/")
        #expect(NotebookWrites.resolved("sub/../x.json", in: book) == book + "/x.json")
        #expect(NotebookWrites.resolved("link/x.json", in: book) == elsewhere + "/x.json")
        #expect(NotebookWrites.resolved("link/../x.json", in: book) == NotebookWrites.resolved(root, in: "/") + "/x.json")
        #expect(NotebookWrites.resolved("missing/new/x.json", in: book) == book + "/missing/new/x.json")
        #expect(NotebookWrites.isInside(book + "/x", book))
        #expect(!NotebookWrites.isInside(book + "-other/x", book))
    }

    /// The notebooks shipped in notebooks-md/ write only inside their folder (they read
    /// ../policies/…), so they run without --allow-writes-outside.
    @Test func theShippedNotebooksWriteOnlyInsideTheirFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("notebooks-md")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(names.count >= 3)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let document = try NotebookDocument(text: text, path: name)
            #expect(throws: Never.self) { try NotebookWrites.check(document, folder: folder.path) }
        }
        // And one that writes above it is refused, naming the line.
        let bad = try NotebookDocument(text: "# x\n\n```recoup\ngenerate --out ../world\n```\n", path: "x.md")
        #expect {
            try NotebookWrites.check(bad, folder: folder.path)
        } throws: { error in
            (error as? NotebookError)?.description.hasPrefix("x.md:4: block 1: `recoup generate --out ../world` would write ../world (") == true
        }
    }
}
