/// A contact of one client's day, tagged with the caller's invoice reference.
public struct ClientDayContact: Sendable, Hashable {
    /// The caller's reference to the invoice (an index into its own arrays).
    public var invoice: Int
    public var contact: PolicyContact
    public init(invoice: Int, contact: PolicyContact) { self.invoice = invoice; self.contact = contact }
}

/// One contact as made: several invoices' contacts merged into one message or call when the
/// policy consolidates (SPEC §4 step 8), else exactly one invoice's.
public struct ConsolidatedContact: Sendable, Hashable {
    /// The merged contact: the firmest tone of its members; needs approval if any member does.
    public var contact: PolicyContact
    /// The invoices it covers, in input order. Each has already counted it once for its limit.
    public var invoices: [Int]
}

extension PolicyEngine {
    /// Merges one client's contacts of one day (SPEC §4 step 8).
    ///
    /// Without `limits.consolidatePerClient` every contact stays its own. With it, contacts of
    /// the same channel and actor that are decided on the same day and made on the same day
    /// become one, in the firmest of their tones; escalation calls are never merged. Merging
    /// happens after each invoice's own decision (so approval was judged per step, and each
    /// invoice counted the contact once against its 7-day limit). Output keeps the order of
    /// first appearance, so it is deterministic for a deterministic input order.
    ///
    /// Pass all of the client's entries of the day from `decide` (made today and awaiting
    /// approval alike).
    /// - Complexity: O(n²) in the client's contacts of the day (a handful).
    public func consolidate(_ contacts: [ClientDayContact]) -> [ConsolidatedContact] {
        var out: [ConsolidatedContact] = []
        out.reserveCapacity(contacts.count)
        for item in contacts {
            let c = item.contact
            if policy.limits.consolidatePerClient && !c.isEscalation,
               let k = out.firstIndex(where: {
                   !$0.contact.isEscalation && $0.contact.channel == c.channel && $0.contact.actor == c.actor
                       && $0.contact.decidedOn == c.decidedOn && $0.contact.executesOn == c.executesOn
               }) {
                out[k].contact.tone = max(out[k].contact.tone, c.tone)
                out[k].contact.needsApproval = out[k].contact.needsApproval || c.needsApproval
                if out[k].contact.stepIndex != c.stepIndex { out[k].contact.stepIndex = nil }
                out[k].invoices.append(item.invoice)
            } else {
                out.append(ConsolidatedContact(contact: c, invoices: [item.invoice]))
            }
        }
        return out
    }
}
