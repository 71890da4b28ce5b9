/// Prose broken into lines for a terminal (100 columns) or a chart label.
enum TextWrap {
    /// `text` broken at spaces into lines of at most `perLine` characters; a word longer than a
    /// line, or text needing more than `maxLines`, is cut with an ellipsis.
    static func lines(_ text: String, perLine: Int, maxLines: Int = .max) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if candidate.count <= perLine {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = word.count <= perLine ? String(word) : String(word.prefix(max(1, perLine - 1))) + "…"
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].prefix(max(1, perLine - 1))) + "…"
        }
        return lines.isEmpty ? [""] : lines
    }

    /// `text` wrapped to `width` columns, lines joined with line breaks.
    static func wrapped(_ text: String, width: Int = 100) -> String { lines(text, perLine: width).joined(separator: "\n") }
}
