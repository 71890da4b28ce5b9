/// Text from a ledger or a policy (names, ids, memos, reasons) made safe to print to a
/// terminal: every control character (C0 controls U+0000–U+001F, DEL U+007F and the C1
/// controls U+0080–U+009F) is shown as `\x1B`-style escape text, so a value cannot move the
/// cursor, change colours, ring the bell, set the window title or break a table's lines.
///
/// Lives here, in the lowest module, so the ledger's import messages, the policy worklist, the
/// simulation tables and the report tables all use the same function.
///
/// ```swift
/// TerminalText.escaped("C1\u{1B}[31m")   // "C1\\x1B[31m"
/// ```
public enum TerminalText {
    /// `text` with each control character replaced by `\xHH` (C0 and DEL) or `\u{HH}` (C1);
    /// `text` itself when it has none (the usual case costs one scan of its UTF-8 bytes).
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F {
                out += "\\x" + hex(v)
            } else if v >= 0x80 && v <= 0x9F {
                out += "\\u{" + hex(v) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` is one of the control characters `escaped` replaces.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F)
    }

    /// The conventional name of a control character (`ESC`, `NUL`, `CSI`, …); nil otherwise.
    public static func controlName(_ scalar: Unicode.Scalar) -> String? {
        let v = Int(scalar.value)
        if v < 0x20 { return c0Names[v] }
        if v == 0x7F { return "DEL" }
        if v >= 0x80 && v <= 0x9F { return c1Names[v - 0x80] }
        return nil
    }

    /// `ESC, 0x1B` or `CSI, U+009B`: a control character as messages name it.
    public static func controlDescription(_ scalar: Unicode.Scalar) -> String {
        let name = controlName(scalar) ?? "control"
        return scalar.value < 0x80 ? "\(name), 0x\(hex(scalar.value))" : "\(name), U+00\(hex(scalar.value))"
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(v >> 4) & 0xF], digits[Int(v) & 0xF]])
    }

    private static let c0Names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT",
                                  "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                  "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
    private static let c1Names = ["PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD",
                                  "PLU", "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA",
                                  "SOS", "SGC", "SCI", "CSI", "ST", "OSC", "PM", "APC"]
}
