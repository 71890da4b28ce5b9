/// Escaping of text for XML and HTML, shared by the SVG charts and the HTML page.
///
/// Every piece of user text (policy names, client names, titles) goes through one of these
/// before it reaches a document, so a name like `A&B <"firm">` can never break the markup.
public enum XMLEscaping {
    /// `text` safe inside an element: `&`, `<` and `>` become entities, and characters that
    /// XML 1.0 forbids (C0 controls other than tab, line feed and carriage return; U+FFFE,
    /// U+FFFF) are dropped.
    /// - Complexity: O(n) in the length of `text`.
    public static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// `text` safe inside a double- or single-quoted attribute value: as `text(_:)`, plus `"`
    /// and `'` as entities, and tab, line feed and carriage return as character references so
    /// attribute normalisation cannot turn them into spaces.
    /// - Complexity: O(n) in the length of `text`.
    public static func attribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\t" where quotes: out += "&#9;"
            case "\n" where quotes: out += "&#10;"
            case "\r" where quotes: out += "&#13;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
