/// Fenced code blocks in Markdown (CommonMark's rules, as far as a notebook needs them).
///
/// A fence opens with three or more backticks or tildes, indented by at most three spaces,
/// followed by an info string (for backticks, one without backticks). It closes with a line of
/// the same character, at least as many, and nothing else but spaces. A block never closed
/// runs to the end of the document.
public struct MarkdownFence: Sendable, Equatable {
    /// `` ` `` or `~`.
    public var character: Character
    /// The number of fence characters (≥ 3).
    public var length: Int
    /// The info string, trimmed (`recoup`, `text`, `swift`); empty when none.
    public var info: String

    public init(character: Character, length: Int, info: String) {
        self.character = character
        self.length = length
        self.info = info
    }

    /// The first word of the info string (the language tag), lower-cased.
    public var language: String {
        info.split(separator: " ", maxSplits: 1).first.map { $0.lowercased() } ?? ""
    }

    /// The words after the language tag.
    public var flags: [String] {
        info.split(separator: " ").dropFirst().map(String.init)
    }

    /// The opening fence on `line`, or nil when the line opens no fence.
    public static func opening(_ line: Substring) -> MarkdownFence? {
        var rest = line[...]
        var indent = 0
        while indent < 4, rest.first == " " {
            rest = rest.dropFirst()
            indent += 1
        }
        guard indent <= 3, let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }.count
        guard run >= 3 else { return nil }
        let info = rest.dropFirst(run).trimmingSpaces()
        if first == "`" && info.contains("`") { return nil }
        return MarkdownFence(character: first, length: run, info: String(info))
    }

    /// Whether `line` closes this fence.
    public func isClosed(by line: Substring) -> Bool {
        var rest = line[...]
        var indent = 0
        while indent < 4, rest.first == " " {
            rest = rest.dropFirst()
            indent += 1
        }
        guard indent <= 3 else { return false }
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// A backtick fence long enough to enclose `content` (one more than its longest backtick
    /// run, at least three).
    public static func backticks(enclosing content: String) -> String {
        var longest = 0
        var current = 0
        for character in content {
            if character == "`" {
                current += 1
                longest = max(longest, current)
            } else {
                current = 0
            }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
