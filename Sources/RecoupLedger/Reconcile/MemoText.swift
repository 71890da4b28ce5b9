import RecoupPolicy

/// A bank memo (or an invoice number or client name) reduced to what matching compares:
/// upper-case letters and digits, every other character a token break.
///
/// `"ACH CREDIT Cedar Dental P.C. inv #100234"` → tokens `ACH CREDIT CEDAR DENTAL P C INV 100234`,
/// so "P.C." in a name matches "P C" or "P.C" in a memo, and "INV-100234" matches "INV 100234"
/// or "INV100234" (`compactKey`).
struct MemoText: Sendable, Hashable {
    /// The tokens, in order.
    let tokens: [String]

    init(_ text: String) {
        var tokens: [String] = []
        var current = ""
        for character in text.uppercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        self.tokens = tokens
    }

    /// The tokens joined by one space: how a name is looked up.
    var spacedKey: String { tokens.joined(separator: " ") }
    /// The tokens joined with nothing between: how an invoice number or id is looked up.
    var compactKey: String { tokens.joined() }

    /// Every run of 1…`maxLength` consecutive tokens, as (spaced key, compact key, token count).
    ///
    /// - Complexity: O(tokens × maxLength).
    func runs(maxLength: Int) -> [(spaced: String, compact: String, length: Int)] {
        var out: [(String, String, Int)] = []
        for start in tokens.indices {
            var spaced = "", compact = ""
            for length in 1...maxLength where start + length <= tokens.count {
                let token = tokens[start + length - 1]
                spaced += (length == 1 ? "" : " ") + token
                compact += token
                out.append((spaced, compact, length))
            }
        }
        return out
    }
}
