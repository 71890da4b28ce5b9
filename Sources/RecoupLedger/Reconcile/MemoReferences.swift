import RecoupPolicy

/// What a memo names: the invoices whose number or id it contains and the clients whose name
/// or id it contains (the longest name wins: "Cedar Dental Group" over "Cedar Dental").
struct MemoReferences: Sendable, Hashable {
    /// Indices into the ledger's invoices, ascending.
    var invoices: [Int]
    /// Client ids, sorted.
    var clients: [String]

    var isEmpty: Bool { invoices.isEmpty && clients.isEmpty }
}
