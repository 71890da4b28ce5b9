import ArgumentParser

/// "Did you mean …?" for a mistyped subcommand (`recoup simulat`, `recoup report agin`).
///
/// Walks the words before the first option down the command tree; the first word that is not
/// a subcommand where one is expected is compared with that command's subcommands by edit
/// distance (insertions, deletions, substitutions and swaps of neighbours each count 1), and
/// the closest within `maxDistance` is suggested with the full command path.
enum CommandSuggestion {
    /// The suggestion line for `arguments` (without the program name), nil when every word
    /// names a command or nothing is close.
    static func line(for arguments: [String], root: any ParsableCommand.Type = RecoupCommand.self) -> String? {
        var command = root
        var path = [root.configuration.commandName ?? "recoup"]
        for word in arguments {
            if word.hasPrefix("-") { return nil }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if word == "help" { return nil }
            if let next = subcommands.first(where: { $0.configuration.commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.compactMap { $0.configuration.commandName }
            let scored = names.map { (name: $0, distance: distance(word.lowercased(), $0)) }
            guard let best = scored.min(by: { ($0.distance, $0.name) < ($1.distance, $1.name) }),
                  best.distance <= maxDistance(word) || (word.count >= 2 && best.name.hasPrefix(word.lowercased()))
            else { return nil }
            return "Did you mean '\((path + [best.name]).joined(separator: " "))'?"
        }
        return nil
    }

    /// The largest edit distance still suggested: 1 for short words, about a third of longer ones.
    static func maxDistance(_ word: String) -> Int { max(1, min(3, word.count / 3)) }

    /// The optimal-string-alignment distance between `a` and `b`.
    static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty || t.isEmpty { return max(s.count, t.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[s.count][t.count]
    }
}
