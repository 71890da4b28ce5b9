import RecoupPolicy

extension OutcomeSummary {
    /// The interval fields in SPEC §6's order, with their JSON names.
    public var fields: [(name: String, interval: OutcomeInterval)] {
        [("dso", dso), ("collectionRate", collectionRate), ("costPerInvoice", costPerInvoice),
         ("humanHoursPerWeek", humanHoursPerWeek), ("contactsPerInvoice", contactsPerInvoice),
         ("collectionRate90", collectionRate90), ("writeOffRate", writeOffRate)]
    }

    /// SPEC §6's JSON object, keys in the spec's order, numbers in shortest round-trip form
    /// (the same values give the same bytes).
    public var jsonText: String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        func string(_ s: String) -> String { CanonicalJSON.quoted(s) }
        var lines = ["{ \"policy\": \(string(policy)), \"mode\": \(string(mode)), \"invoices\": \(invoices), "
            + "\"runs\": \(runs), \"horizonDays\": \(horizonDays)"]
        for (name, i) in fields {
            lines.append("  \(string(name)): { \"mean\": \(number(i.mean)), \"lo\": \(number(i.lo)), \"hi\": \(number(i.hi)) }")
        }
        return lines.joined(separator: ",\n") + " }"
    }
}
