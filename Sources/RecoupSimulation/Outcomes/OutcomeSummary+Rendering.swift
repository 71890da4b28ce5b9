import RecoupPolicy

extension OutcomeSummary {
    /// The interval fields in SPEC §6's order, with their JSON names.
    public var fields: [(name: String, interval: Interval)] {
        [("dso", dso), ("collectionRate", collectionRate), ("costPerInvoice", costPerInvoice),
         ("humanHoursPerWeek", humanHoursPerWeek), ("contactsPerInvoice", contactsPerInvoice),
         ("collectionRate90", collectionRate90), ("writeOffRate", writeOffRate)]
    }

    /// SPEC §6's JSON object, keys in the spec's order, numbers in shortest round-trip form
    /// (the same values give the same bytes).
    public var jsonText: String { jsonText(isVerified: nil) }

    /// `jsonText` with a `"verified"` member after `mode` when `isVerified` is given: whether
    /// the policy file's signature was verified (false under `--unverified`).
    public func jsonText(isVerified: Bool?) -> String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        func string(_ s: String) -> String { CanonicalJSON.quoted(s) }
        let verified = isVerified.map { "\"verified\": \($0), " } ?? ""
        var lines = ["{ \"policy\": \(string(policy)), \"mode\": \(string(mode)), \(verified)\"invoices\": \(invoices), "
            + "\"runs\": \(runs), \"horizonDays\": \(horizonDays)"]
        for (name, i) in fields {
            lines.append("  \(string(name)): { \"mean\": \(number(i.mean)), \"lo\": \(number(i.lo)), \"hi\": \(number(i.hi)) }")
        }
        return lines.joined(separator: ",\n") + " }"
    }
}
