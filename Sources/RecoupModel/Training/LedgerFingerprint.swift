import RecoupPolicy

/// A content fingerprint of a ledger, stored with every model so an artifact says which data it
/// was trained on: FNV-1a (64-bit) over a canonical text of every row, `fnv1a64:<16 hex digits>`.
///
/// Not a cryptographic hash (the signed policy's provenance uses SHA-256); it identifies data,
/// it does not authenticate it.
public enum LedgerFingerprint {
    /// The fingerprint of `ledger`.
    /// - Complexity: O(rows).
    public static func compute(_ ledger: Ledger) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ s: String) {
            for b in s.utf8 { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01B3 }
            h ^= 0x1F; h = h &* 0x0000_0100_0000_01B3
        }
        for c in ledger.clients {
            feed("c|\(c.id)|\(c.segment ?? "")|\(c.since?.iso ?? "")|\(c.termsDays)|\(c.autopay)")
        }
        for i in ledger.invoices { feed("i|\(i.id)|\(i.clientID)|\(i.issuedOn.iso)|\(i.dueOn.iso)|\(i.amount.minorUnits)") }
        for p in ledger.payments { feed("p|\(p.id)|\(p.invoiceID ?? "")|\(p.receivedOn.iso)|\(p.amount.minorUnits)") }
        for a in ledger.actions {
            feed("a|\(a.id)|\(a.invoiceID)|\(a.at.iso)|\(a.channel.rawValue)|\(a.actor.rawValue)|\(a.tone.rawValue)|\(a.outcome?.rawValue ?? "")")
        }
        for p in ledger.promises { feed("r|\(p.invoiceID)|\(p.madeOn.iso)|\(p.promisedOn.iso)") }
        for d in ledger.disputes { feed("d|\(d.invoiceID)|\(d.openedOn.iso)|\(d.resolvedOn?.iso ?? "")") }
        for a in ledger.adjustments { feed("j|\(a.invoiceID)|\(a.on.iso)|\(a.amount.minorUnits)|\(a.kind.rawValue)") }
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
