import Foundation
import RecoupPolicy

/// The pieces of JSON text the simulation's reports write (`SimulationReport.json`,
/// `TuningReport.json`, their CSV figures): one number format and one string quoting for all.
enum JSONText {
    /// A number: 6 significant digits (`%.6g`), `null` when not finite, and `0` for negative
    /// zero, so the same totals always print the same bytes.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        let s = String(format: "%.6g", x)
        return s == "-0" ? "0" : s
    }

    /// `s` as a JSON string literal (`CanonicalJSON`'s escaping).
    static func string(_ s: String) -> String { CanonicalJSON.quoted(s) }
}
