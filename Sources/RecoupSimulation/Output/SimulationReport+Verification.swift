import Foundation

/// How outputs mark policies whose signatures were not verified (`--unverified`): the data
/// is `Projection.isVerified`; every renderer (tables, Markdown, HTML, JSON) goes through these
/// so the marking reads the same everywhere.
public enum UnverifiedMarking {
    /// What a row or a name carries: `tiered-copilot [UNVERIFIED]`.
    public static let tag = "[UNVERIFIED]"

    /// `name`, tagged when not verified.
    public static func label(_ name: String, isVerified: Bool) -> String {
        isVerified ? name : name + " " + tag
    }

    /// The sentence a title ends with when `names` (the unverified policies) is not empty.
    public static func note(_ names: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        return "UNVERIFIED policy \(names.joined(separator: ", ")): not signed by a trusted key (run with --unverified), not what a live agent would load"
    }

    /// `title` followed by the note for `names`, if any.
    public static func title(_ title: String, unverified names: [String]) -> String {
        guard let note = note(names) else { return title }
        return title + " — " + note
    }
}

extension SimulationReport.Projection {
    /// The policy's name as tables print it, tagged `[UNVERIFIED]` when not verified.
    public var label: String { UnverifiedMarking.label(policy, isVerified: isVerified) }
}

extension SimulationReport {
    /// The names of the unverified policies, in report order.
    public var unverifiedPolicies: [String] { projections.filter { !$0.isVerified }.map(\.policy) }

    /// `title` marked when any policy is unverified.
    public func marked(_ title: String) -> String { UnverifiedMarking.title(title, unverified: unverifiedPolicies) }
}
