import RecoupPolicy

/// Looks invoice numbers, invoice ids and client names up in memos.
///
/// Invoice numbers and ids are compared by their compact key (letters and digits, no breaks);
/// client names by their spaced key, client ids by their compact key. Keys shorter than
/// `ReconcileOptions.minimumKeyLength` are not indexed.
struct MemoIndex: Sendable {
    /// The longest name or number, in tokens, that is looked for.
    static let maxTokens = 8

    private var invoicesByKey: [String: [Int]] = [:]
    private var clientsByName: [String: [String]] = [:]
    private var clientsByID: [String: [String]] = [:]

    /// - Complexity: O(invoices + clients).
    init(ledger: Ledger, minimumKeyLength: Int) {
        func add(_ text: String?, _ index: Int) {
            guard let text else { return }
            let key = MemoText(text).compactKey
            guard key.count >= minimumKeyLength else { return }
            if invoicesByKey[key]?.last != index { invoicesByKey[key, default: []].append(index) }
        }
        for (index, invoice) in ledger.invoices.enumerated() {
            add(invoice.number, index)
            add(invoice.id, index)
        }
        for client in ledger.clients {
            if let name = client.name {
                let text = MemoText(name)
                if text.compactKey.count >= minimumKeyLength, text.tokens.count <= MemoIndex.maxTokens {
                    clientsByName[text.spacedKey, default: []].append(client.id)
                }
            }
            let id = MemoText(client.id).compactKey
            if id.count >= minimumKeyLength { clientsByID[id, default: []].append(client.id) }
        }
    }

    /// What `memo` names.
    /// - Complexity: O(memo tokens × `maxTokens`).
    func references(in memo: String) -> MemoReferences {
        let text = MemoText(memo)
        var invoices = Set<Int>()
        var clients: [String] = []
        var longestName = 0
        for run in text.runs(maxLength: MemoIndex.maxTokens) {
            if let found = invoicesByKey[run.compact] { invoices.formUnion(found) }
            if let found = clientsByName[run.spaced], run.length >= longestName {
                if run.length > longestName { clients = [] }
                longestName = run.length
                clients += found
            }
        }
        if clients.isEmpty {
            for run in text.runs(maxLength: 3) { clients += clientsByID[run.compact] ?? [] }
        }
        return MemoReferences(invoices: invoices.sorted(), clients: Array(Set(clients)).sorted())
    }
}
