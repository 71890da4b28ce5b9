/// Splits a command line into arguments the way a POSIX shell would for plain words and quotes,
/// without running a shell: no variables, globs, pipes or redirections.
///
/// - Whitespace separates words.
/// - `'…'` keeps everything literally.
/// - `"…"` keeps everything except that a backslash escapes `"`, `\`, `$` and `` ` ``.
/// - Outside quotes a backslash keeps the next character literally.
/// - An unquoted `|`, `>`, `<`, `;`, `&` or `$(` is refused: a notebook line is one `recoup`
///   command, not a shell pipeline.
///
/// ```swift
/// try ShellWords.split(#"report aging --as-of 2026-03-31 --title "Q1 aging""#)
/// // ["report", "aging", "--as-of", "2026-03-31", "--title", "Q1 aging"]
/// ```
public enum ShellWords {
    /// Why a line cannot be split.
    public enum Problem: Error, Equatable, Sendable {
        case unterminatedQuote(Character)
        case danglingBackslash
        case shellOperator(String)
    }

    /// The words of `line`.
    /// - Complexity: O(n) in the length of `line`.
    public static func split(_ line: String) throws(Problem) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            switch c {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                guard let end = characters.firstIndex(of: "'") else { throw .unterminatedQuote("'") }
                word += String(characters[..<end])
                characters = characters[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = characters.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "\\", let next = characters.first, "\"\\$`".contains(next) {
                        word.append(next)
                        characters = characters.dropFirst()
                    } else {
                        word.append(d)
                    }
                }
                if !closed { throw .unterminatedQuote("\"") }
            case "\\":
                guard let next = characters.popFirst() else { throw .danglingBackslash }
                inWord = true
                word.append(next)
            case "|", ">", "<", ";", "&", "`":
                throw .shellOperator(String(c))
            case "$" where characters.first == "(":
                throw .shellOperator("$(")
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// `words` quoted so that `split` gives them back: plain words as they are, others in single
    /// quotes (a `'` inside written `'\''`).
    public static func join(_ words: [String]) -> String {
        words.map { word in
            let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
            if plain { return word }
            return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
