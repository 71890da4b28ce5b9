import Foundation
import Testing

/// Issue 22, "Files": no command deletes a folder or a key, through the built binary. Each case
/// asserts exit status 1, a message naming the path, and that what was there is still there.
@Suite struct OutputFileCLITests {
    /// A folder with a policy, a key pair and `some/dir/sub/kept.txt`, relative paths from it.
    private func workspace() throws -> TemporaryFolder {
        let folder = try TemporaryFolder(["some/dir/sub/kept.txt": "kept"])
        #expect(try CLIRunner.run(["keys", "generate", "--out", "k"], in: folder.path).status == 0)
        #expect(try CLIRunner.run(["policy", "init", "--template", "copilot", "--out", "p.json"], in: folder.path).status == 0)
        return folder
    }

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func expectFolderKept(_ folder: TemporaryFolder, _ result: CLIRunner.Result, names path: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("\(path) is a folder; give a file name such as \(path)/"), "\(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(contents(folder.path + "/some/dir/sub/kept.txt") == "kept", sourceLocation: sourceLocation)
    }

    @Test func signOutFolderKeepsTheFolder() throws {
        let folder = try workspace()
        let run = try CLIRunner.run(["policy", "sign", "p.json", "--key", "k.key", "--out", "some/dir"], in: folder.path)
        expectFolderKept(folder, run, names: "some/dir")
        #expect(run.stderr.contains("some/dir is a folder; give a file name such as some/dir/policy.json"))
    }

    @Test func signOutKeyKeepsTheKey() throws {
        let folder = try workspace()
        let key = contents(folder.path + "/k.key")
        let run = try CLIRunner.run(["policy", "sign", "p.json", "--key", "k.key", "--out", "k.key"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("k.key is a private key; refusing to overwrite it"), "\(run.stderr)")
        #expect(contents(folder.path + "/k.key") == key)
        // Any other output onto a key is refused the same way, --force or not.
        let initRun = try CLIRunner.run(["policy", "init", "--template", "fixed", "--out", "k.key", "--force"], in: folder.path)
        #expect(initRun.status == 1)
        #expect(initRun.stderr.contains("k.key is a private key; refusing to overwrite it"), "\(initRun.stderr)")
        let pub = try CLIRunner.run(["policy", "sign", "p.json", "--key", "k.key", "--out", "k.pub"], in: folder.path)
        #expect(pub.status == 1)
        #expect(pub.stderr.contains("k.pub is a public key; refusing to overwrite it"), "\(pub.stderr)")
        #expect(contents(folder.path + "/k.key") == key)
    }

    @Test func signInPlaceAndOntoAnEarlierOutStillWork() throws {
        let folder = try workspace()
        #expect(try CLIRunner.run(["policy", "sign", "p.json", "--key", "k.key", "--out", "signed.json"], in: folder.path).status == 0)
        let again = try CLIRunner.run(["policy", "sign", "p.json", "--key", "k.key", "--out", "signed.json"], in: folder.path)
        #expect(again.status == 0, "\(again.stderr)")
        let inPlace = try CLIRunner.run(["policy", "sign", "p.json", "--key", "k.key"], in: folder.path)
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        #expect(contents(folder.path + "/p.json")?.contains("\"signature\"") == true)
    }

    @Test func initOutFolderWithForceKeepsTheFolder() throws {
        let folder = try workspace()
        let run = try CLIRunner.run(["policy", "init", "--template", "fixed", "--out", "some/dir", "--force"], in: folder.path)
        expectFolderKept(folder, run, names: "some/dir")
        // A link to the folder is refused the same way.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: folder.path + "/some/dir")
        let link = try CLIRunner.run(["policy", "init", "--template", "fixed", "--out", "link", "--force"], in: folder.path)
        #expect(link.status == 1)
        #expect(link.stderr.contains("link is a link to a folder; give a file name such as link/fixed.json"), "\(link.stderr)")
        #expect(contents(folder.path + "/some/dir/sub/kept.txt") == "kept")
    }

    @Test func initWithoutForceKeepsAnExistingPolicyAndNamesAMissingFolder() throws {
        let folder = try workspace()
        let before = contents(folder.path + "/p.json")
        let run = try CLIRunner.run(["policy", "init", "--template", "fixed", "--out", "p.json"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("p.json exists; pass --force to replace it"))
        #expect(contents(folder.path + "/p.json") == before)
        let missing = try CLIRunner.run(["policy", "init", "--template", "fixed", "--out", "nowhere/p.json"], in: folder.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot write nowhere/p.json: folder nowhere does not exist"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/nowhere"))
    }

    @Test func tuneEmitFolderWithForceKeepsTheFolder() throws {
        let folder = try workspace()
        // Refused before the sweep (so before it needs a store).
        let run = try CLIRunner.run(["tune", "--base", "p.json", "--vary", "escalation.daysPastDue=30..40/10",
                                     "--pick", "min cost", "--emit", "some/dir", "--force"], in: folder.path)
        expectFolderKept(folder, run, names: "some/dir")
        let onBase = try CLIRunner.run(["tune", "--base", "p.json", "--vary", "escalation.daysPastDue=30..40/10",
                                        "--pick", "min cost", "--emit", "p.json", "--force"], in: folder.path)
        #expect(onBase.status == 1)
        #expect(onBase.stderr.contains("p.json is also this command's --base"), "\(onBase.stderr)")
    }

    @Test func keysGenerateForceOntoAFolderKeepsTheFolder() throws {
        let folder = try workspace()
        try FileManager.default.createDirectory(atPath: folder.path + "/some/dir.key", withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: folder.path + "/some/dir.key/kept.txt"))
        let run = try CLIRunner.run(["keys", "generate", "--out", "some/dir", "--force"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("some/dir.key is a folder"), "\(run.stderr)")
        #expect(contents(folder.path + "/some/dir.key/kept.txt") == "kept")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/some/dir.pub"))  // both files or neither
        // Without --force an existing key is kept; with it, the pair is replaced, the key 0600.
        let key = contents(folder.path + "/k.key")
        let again = try CLIRunner.run(["keys", "generate", "--out", "k"], in: folder.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("k.key exists; pass --force to replace it"), "\(again.stderr)")
        #expect(contents(folder.path + "/k.key") == key)
        #expect(try CLIRunner.run(["keys", "generate", "--out", "k", "--force"], in: folder.path).status == 0)
        #expect(contents(folder.path + "/k.key") != key)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: folder.path + "/k.key")[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    /// The other outputs refuse a folder before doing their work (no store is needed to see it).
    @Test(arguments: [
        (["compare", "none", "--html", "some/dir"], "compare.html"),
        (["report", "roi", "--policy", "p.json", "--html", "some/dir"], "roi.html"),
        (["features", "export", "--out", "some/dir"], "features.csv"),
    ])
    func otherOutputsRefuseAFolder(arguments: [String], example: String) throws {
        let folder = try workspace()
        let run = try CLIRunner.run(arguments, in: folder.path)
        expectFolderKept(folder, run, names: "some/dir")
        #expect(run.stderr.contains("some/dir/\(example)"), "\(run.stderr)")
    }

    @Test func chartsRefuseAFolderNamedLikeAChart() throws {
        let folder = try workspace()
        try FileManager.default.createDirectory(atPath: folder.path + "/some/dir.svg", withIntermediateDirectories: true)
        for arguments in [["report", "time-audit", "--chart", "some/dir.svg"],
                          ["tune", "--base", "p.json", "--vary", "escalation.daysPastDue=30..40/10", "--chart", "some/dir.svg"]] {
            let run = try CLIRunner.run(arguments, in: folder.path)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains("some/dir.svg is a folder"), "\(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.path + "/some/dir.svg"))
        }
    }

    @Test func generateWritesOnlyIntoANewEmptyOrEarlierBundleFolder() throws {
        let folder = try TemporaryFolder(["notes/notes.txt": "mine", "empty/.keep": ""])
        try FileManager.default.removeItem(atPath: folder.path + "/empty/.keep")
        let small = ["--clients", "3", "--months", "2"]
        // New and empty folders are written; re-running over the earlier bundle is too.
        for out in ["new/world", "empty", "empty"] {
            let run = try CLIRunner.run(["generate", "--out", out] + small, in: folder.path)
            #expect(run.status == 0, "\(out): \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/empty").count == 9)
        // A folder holding something else is refused without --force, and kept.
        let refused = try CLIRunner.run(["generate", "--out", "notes"] + small, in: folder.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("notes holds files that are not a bundle's (notes.txt)"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/notes") == ["notes.txt"])
        // With --force the nine files are added and the rest left alone.
        #expect(try CLIRunner.run(["generate", "--out", "notes", "--force"] + small, in: folder.path).status == 0)
        #expect(contents(folder.path + "/notes/notes.txt") == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/notes").count == 10)
        // A folder where a bundle file goes is never replaced, --force or not.
        try FileManager.default.removeItem(atPath: folder.path + "/notes/payments.csv")
        try FileManager.default.createDirectory(atPath: folder.path + "/notes/payments.csv/inner", withIntermediateDirectories: true)
        let blocked = try CLIRunner.run(["generate", "--out", "notes", "--force"] + small, in: folder.path)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("notes/payments.csv is a folder, not a file; refusing to replace it"), "\(blocked.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/notes/payments.csv/inner"))
        // A file is not a folder.
        let onFile = try CLIRunner.run(["generate", "--out", "notes/notes.txt"] + small, in: folder.path)
        #expect(onFile.status == 1)
        #expect(onFile.stderr.contains("notes/notes.txt exists and is not a folder"), "\(onFile.stderr)")
        #expect(contents(folder.path + "/notes/notes.txt") == "mine")
    }

    @Test func demoRefusesAFolderThatIsNotAnEarlierDemo() throws {
        let folder = try TemporaryFolder(["mine/recoup.db": "my real store", "mine/notes.txt": "mine"])
        let run = try CLIRunner.run(["demo", "--out", "mine"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("mine holds files that are not a demo's (notes.txt); give a new or empty folder"),
                "\(run.stderr)")
        #expect(contents(folder.path + "/mine/recoup.db") == "my real store")
    }
}
