import RecoupPolicy

/// One difference between two policies, in policy terms, for `recoup policy diff`.
public struct PolicyDifference: Sendable, Equatable, CustomStringConvertible {
    /// Where: a field path such as `limits.maxContactsPer7Days` or `cadences.high`.
    public var path: String
    /// What changed, in words: `3 → 2`, `added +30 letter, final`.
    public var change: String

    public var description: String { "\(path): \(change)" }
}

extension Policy {
    /// What changed from `old` to this policy, in policy terms: settings with their old and new
    /// values; tiers added, removed or re-bounded; cadence steps added, removed or changed
    /// (matched by day and channel); risk-model coefficients. Defaults count as written, so
    /// omitting a field and writing its default are the same. Ordered as the file is.
    /// - Complexity: O(fields + steps²).
    public func differences(from old: Policy) -> [PolicyDifference] {
        var out: [PolicyDifference] = []
        func note(_ path: String, _ change: String) { out.append(PolicyDifference(path: path, change: change)) }
        func text(_ v: JSONValue?) -> String {
            guard let v else { return "absent" }
            if case .null = v { return "off" }
            return CanonicalJSON.string(of: v)
        }
        let a = old.jsonValue, b = jsonValue
        for key in ["name", "mode"] where text(a[member: key]) != text(b[member: key]) {
            note(key, "\(text(a[member: key])) → \(text(b[member: key]))")
        }
        // Risk model.
        switch (old.riskModel, riskModel) {
        case (nil, nil): break
        case (nil, .some): note("riskModel", "added")
        case (.some, nil): note("riskModel", "removed")
        case (.some(let m0), .some(let m1)):
            if m0.intercept != m1.intercept { note("riskModel.intercept", "\(CanonicalJSON.numberText(m0.intercept)) → \(CanonicalJSON.numberText(m1.intercept))") }
            for f in m0.features where !m1.features.contains(f) { note("riskModel.features", "removed \(f)") }
            for f in m1.features where !m0.features.contains(f) { note("riskModel.features", "added \(f)") }
            for (i, f) in m1.features.enumerated() {
                guard let j = m0.features.firstIndex(of: f) else { continue }
                for (label, x0, x1) in [("coefficient", m0.coefficients[safe: j], m1.coefficients[safe: i]),
                                        ("mean", m0.means[safe: j], m1.means[safe: i]),
                                        ("scale", m0.scales[safe: j], m1.scales[safe: i])] where x0 != x1 {
                    note("riskModel.\(f)", "\(label) \(x0.map(CanonicalJSON.numberText) ?? "?") → \(x1.map(CanonicalJSON.numberText) ?? "?")")
                }
            }
            if m0.lateThresholdDays != m1.lateThresholdDays { note("riskModel.lateThresholdDays", "\(m0.lateThresholdDays) → \(m1.lateThresholdDays)") }
        }
        // Tiers.
        for t in old.tiers where !tiers.contains(where: { $0.name == t.name }) { note("tiers", "removed tier \(t.name)") }
        for t in tiers {
            guard let t0 = old.tiers.first(where: { $0.name == t.name }) else { note("tiers", "added tier \(t.name)"); continue }
            if t0.below != t.below {
                note("tiers.\(t.name)", "risk below \(t0.below.map(CanonicalJSON.numberText) ?? "(none)") → \(t.below.map(CanonicalJSON.numberText) ?? "(none)")")
            }
        }
        if old.tiers.map(\.name) != tiers.map(\.name) && Set(old.tiers.map(\.name)) == Set(tiers.map(\.name)) {
            note("tiers", "order \(old.tiers.map(\.name).joined(separator: ", ")) → \(tiers.map(\.name).joined(separator: ", "))")
        }
        // Cadences, step by step (matched by day and channel).
        for name in tiers.map(\.name) + old.tiers.map(\.name).filter({ n in !tiers.contains { $0.name == n } }) {
            let s0 = old.cadences[name] ?? [], s1 = cadences[name] ?? []
            for step in s0 where !s1.contains(where: { $0.day == step.day && $0.channel == step.channel }) {
                note("cadences.\(name)", "removed \(old.describe(step))")
            }
            for step in s1 {
                if let prior = s0.first(where: { $0.day == step.day && $0.channel == step.channel }) {
                    if old.describe(prior) != describe(step) { note("cadences.\(name)", "\(old.describe(prior)) → \(describe(step))") }
                } else {
                    note("cadences.\(name)", "added \(describe(step))")
                }
            }
        }
        // Plain settings.
        for section in ["escalation", "holds", "limits", "copilot"] {
            guard case .object(let m1)? = b[member: section] else { continue }
            for member in m1 {
                let v0 = a[member: section]?[member: member.name]
                if text(v0) != text(member.value) { note("\(section).\(member.name)", "\(text(v0)) → \(text(member.value))") }
            }
        }
        if old.writeOffAfterDays != writeOffAfterDays { note("writeOffAfterDays", "\(old.writeOffAfterDays) → \(writeOffAfterDays)") }
        for key in ["provenance", "projections"] where text(a[member: key]) != text(b[member: key]) {
            note(key, "\(text(a[member: key])) → \(text(b[member: key]))")
        }
        if old.signature?.keyId != signature?.keyId {
            note("signature", "\(old.signature.map { "key \($0.keyId)" } ?? "unsigned") → \(signature.map { "key \($0.keyId)" } ?? "unsigned")")
        }
        return out
    }
}
