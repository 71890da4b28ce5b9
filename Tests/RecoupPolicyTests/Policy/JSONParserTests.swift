import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// The strict parser's refusals (each a clear error, never a crash) and the canonical form.
@Suite struct JSONParserTests {
    static func syntaxError(_ text: String) -> String? {
        do { _ = try JSONParser.parse(Data(text.utf8)); return nil } catch { return error.description }
    }

    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "duplicate member \"a\""),
        (#"{"a": NaN}"#, "NaN and Infinity"),
        (#"{"a": -Infinity}"#, "NaN and Infinity"),
        (#"{"a": 1e400}"#, "out of range"),
        (#"{"a": 01}"#, "leading zero"),
        (#"{"a": 1,}"#, "expected a member name"),
        (#"{"a": [1, 2}"#, "expected ',' or ']'"),
        (#"{"a": "x\u0000"}"#, nil),
        ("{\"a\": \"tab\there\"}", "control character"),
        (#"{"a": "\ud800"}"#, "lone high surrogate"),
        (#"{"a": 1} x"#, "unexpected content"),
        (#""#, "expected a value"),
        (#"{"a": tru}"#, "expected true"),
        (#"{"a": "unterminated}"#, "unterminated string"),
    ] as [(String, String?)])
    func refuses(_ row: (String, String?)) {
        let error = Self.syntaxError(row.0)
        if let expected = row.1 {
            #expect(error?.contains(expected) == true, "\(row.0): \(error ?? "accepted")")
        } else {
            #expect(error == nil)
        }
    }

    @Test func errorsNameLineColumnAndPath() {
        let text = "{\n  \"cadences\": {\n    \"high\": [1, 2, {\"day\": NaN}]\n  }\n}"
        let error = Self.syntaxError(text) ?? ""
        #expect(error.hasPrefix("line 3, column 28 (at cadences.high[2].day)"), "\(error)")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.syntaxError(deep)?.contains("nesting deeper than 64") == true)
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(Self.syntaxError(ok) == nil)
    }

    @Test func hugeNumbersAndLongNumbers() {
        #expect(Self.syntaxError(#"{"a": 1.7e308}"#) == nil)
        #expect(Self.syntaxError("{\"a\": " + String(repeating: "9", count: 400) + "}")?.contains("at most 64") == true)
        // A whole number too large for a count is a field error, not a crash.
        let p = PolicyTemplate.fixed.fileContents.replacingOccurrences(of: "\"writeOffAfterDays\": 120", with: "\"writeOffAfterDays\": 1e300")
        #expect(throws: PolicyError.self) { try PolicyDocument.load(data: Data(p.utf8), signature: .unverifiedForAnalysis(trustedKeys: [])) }
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array(#"{"a": "x"}"#.utf8)
        bytes[7] = 0xC0
        #expect(throws: PolicyError.self) { try JSONParser.parse(Data(bytes)) }
    }

    @Test func aHundredMegabyteFileIsRefusedWithoutReadingIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recoup-huge-\(UInt32.random(in: 0...UInt32.max)).json").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)  // sparse: nothing written
        try handle.close()
        #expect(throws: PolicyError.tooLarge(bytes: 100 * 1024 * 1024, limit: JSONParser.maxBytes)) {
            try PolicyDocument.load(path: path, signature: .unverifiedForAnalysis(trustedKeys: []))
        }
        #expect(throws: PolicyError.self) { try PolicyDocument.load(path: path + ".missing", signature: .unverifiedForAnalysis(trustedKeys: [])) }
    }

    @Test(arguments: [
        (1.0, "1"), (-0.0, "0"), (120.0, "120"), (0.1, "0.1"), (1.5, "1.5"), (-3.25, "-3.25"), (1e-7, "1e-7"),
        (1e16, "1e16"), (1.5e300, "1.5e300"), (123456.789, "123456.789"), (0.0001, "0.0001"),
    ])
    func canonicalNumbers(_ row: (Double, String)) {
        #expect(CanonicalJSON.numberText(row.0) == row.1)
        #expect(Double(CanonicalJSON.numberText(row.0)) == row.0)
    }

    @Test func canonicalFormIgnoresFormattingButNotValues() throws {
        let a = try JSONParser.parse(Data(#"{ "b": [1.50, 2e0, "\u0041\/"], "a": {"y": true, "x": null} }"#.utf8))
        let b = try JSONParser.parse(Data("{\"a\":{\"x\":null,\"y\":true},\n\"b\":[1.5,2,\"A/\"]}".utf8))
        #expect(CanonicalJSON.string(of: a) == #"{"a":{"x":null,"y":true},"b":[1.5,2,"A/"]}"#)
        #expect(CanonicalJSON.bytes(of: a) == CanonicalJSON.bytes(of: b))
        let c = try JSONParser.parse(Data(#"{"a":{"x":null,"y":true},"b":[1.5,2.0000001,"A/"]}"#.utf8))
        #expect(CanonicalJSON.bytes(of: a) != CanonicalJSON.bytes(of: c))
        // Escapes: control characters and quotes.
        #expect(CanonicalJSON.string(of: .string("a\"b\\c\n\u{1}é")) == "\"a\\\"b\\\\c\\n\\u0001é\"")
        // Pretty output parses back to the same value.
        #expect(try JSONParser.parse(Data(PrettyJSON.string(of: a).utf8)) == a)
    }
}
