import Foundation
import Testing
@testable import recoup

/// `OutputFile`, the one writer of the CLI's files, called directly: what it refuses, that a
/// failed write leaves the old file, and the permissions it gives.
@Suite struct OutputFileTests {
    struct Interrupted: Error {}

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let folder = try TemporaryFolder(["report.html": "old"])
        let path = folder.path + "/report.html"
        #expect(throws: Interrupted.self) {
            try OutputFile(path, replacement: .always, example: "report.html").write { append in
                try append(Data("half of the new".utf8))
                throw Interrupted()
            }
        }
        #expect(contents(path) == "old")
        #expect(try entries(folder.path) == ["report.html"])
    }

    @Test func replacesARegularFileWhole() throws {
        let folder = try TemporaryFolder(["p.json": String(repeating: "x", count: 10_000)])
        let path = folder.path + "/p.json"
        try OutputFile(path, replacement: .withForce(true), example: "p.json").write("new")
        #expect(contents(path) == "new")
        #expect(try entries(folder.path) == ["p.json"])
    }

    @Test func givesThePermissionsBeforeTheRename() throws {
        let folder = try TemporaryFolder(["k.key": "not a key yet"])
        let path = folder.path + "/k.key"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try OutputFile(path, replacement: .withForce(true), example: "k.key", permissions: 0o600, mayReplaceKeys: true)
            .write("secret")
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(contents(path) == "secret")
    }

    @Test func refusesAFolderAndALinkToOne() throws {
        let folder = try TemporaryFolder(["dir/kept.txt": "kept"])
        let dir = folder.path + "/dir"
        let link = folder.path + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir)
        for force in [false, true] {
            #expect(throws: OutputFileError.isFolder(path: dir, example: "policy.json", isLink: false)) {
                try OutputFile(dir, replacement: .withForce(force), example: "policy.json").write("x")
            }
            #expect(throws: OutputFileError.isFolder(path: link, example: "policy.json", isLink: true)) {
                try OutputFile(link, replacement: .always, example: "policy.json").write("x")
            }
        }
        #expect(contents(dir + "/kept.txt") == "kept")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == dir)
        #expect(OutputFileError.isFolder(path: dir, example: "policy.json", isLink: false).description
            == "\(dir) is a folder; give a file name such as \(dir)/policy.json")
    }

    @Test func refusesALinkToAFileAndLeavesBothAlone() throws {
        let folder = try TemporaryFolder(["target.txt": "target"])
        let link = folder.path + "/link.html"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path + "/target.txt")
        #expect(throws: OutputFileError.isSymbolicLink(path: link)) {
            try OutputFile(link, replacement: .always, example: "x.html").write("x")
        }
        #expect(contents(folder.path + "/target.txt") == "target")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == folder.path + "/target.txt")
    }

    @Test func refusesAFIFOWithoutOpeningIt() throws {
        let folder = try TemporaryFolder([:])
        let fifo = folder.path + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: OutputFileError.notRegularFile(path: fifo, kind: "a FIFO")) {
            try OutputFile(fifo, replacement: .always, example: "x").write("x")
        }
        #expect(throws: OutputFileError.notRegularFile(path: "/dev/null", kind: "a character device")) {
            try OutputFile("/dev/null", replacement: .always, example: "x").write("x")
        }
    }

    @Test func neverReplacesAKeyUnlessKeysGenerateAsks() throws {
        let privateKey = #"{"kind": "recoup.ed25519.private", "keyId": "00", "publicKey": "AA==", "privateKey": "AA=="}"#
        let publicKey = #"{"kind": "recoup.ed25519.public", "keyId": "00", "publicKey": "AA=="}"#
        let folder = try TemporaryFolder(["k.key": privateKey, "k.pub": publicKey, "broken.key": "{\"kind\": \"recoup.ed25519.private\""])
        for name in ["k.key", "broken.key"] {
            let path = folder.path + "/" + name
            for replacement in [OutputFile.Replacement.always, .withForce(true)] {
                #expect(throws: OutputFileError.isKey(path: path, isPrivate: true)) {
                    try OutputFile(path, replacement: replacement, example: "p.json").write("{}")
                }
            }
        }
        #expect(throws: OutputFileError.isKey(path: folder.path + "/k.pub", isPrivate: false)) {
            try OutputFile(folder.path + "/k.pub", replacement: .always, example: "p.json").write("{}")
        }
        #expect(contents(folder.path + "/k.key") == privateKey)
        #expect(OutputFileError.isKey(path: "k.key", isPrivate: true).description == "k.key is a private key; refusing to overwrite it")
        // keys generate --force may replace its own key files; without --force it may not.
        #expect(throws: OutputFileError.exists(path: folder.path + "/k.key")) {
            try OutputFile(folder.path + "/k.key", replacement: .withForce(false), example: nil, mayReplaceKeys: true).write("new")
        }
        try OutputFile(folder.path + "/k.key", replacement: .withForce(true), example: nil, mayReplaceKeys: true).write("new")
        #expect(contents(folder.path + "/k.key") == "new")
    }

    @Test func refusesTheCommandsOwnInputUnderAnyName() throws {
        let folder = try TemporaryFolder(["base.json": "{}"])
        let input = folder.path + "/base.json"
        let hardLink = folder.path + "/same.json"
        try FileManager.default.linkItem(atPath: input, toPath: hardLink)
        #expect(throws: OutputFileError.isInput(path: hardLink, label: "--base", inputPath: input)) {
            try OutputFile(hardLink, replacement: .withForce(true), example: "x.json", inputs: [("--base", input)]).write("x")
        }
        #expect(contents(input) == "{}")
    }

    @Test func anExistingFileNeedsForceAndAMissingFolderIsNamed() throws {
        let folder = try TemporaryFolder(["p.json": "old"])
        let path = folder.path + "/p.json"
        #expect(throws: OutputFileError.exists(path: path)) {
            try OutputFile(path, replacement: .withForce(false), example: "p.json").write("new")
        }
        #expect(contents(path) == "old")
        let missing = folder.path + "/nowhere/p.json"
        #expect(throws: OutputFileError.missingFolder(path: missing, folder: folder.path + "/nowhere")) {
            try OutputFile(missing, replacement: .always, example: "p.json").write("new")
        }
        #expect(OutputFileError.missingFolder(path: "x/y.json", folder: "x").description
            == "cannot write x/y.json: folder x does not exist")
        let underFile = path + "/q.json"
        #expect(throws: OutputFileError.parentNotFolder(path: underFile, folder: path)) {
            try OutputFile(underFile, replacement: .always, example: "q.json").write("new")
        }
    }
}
