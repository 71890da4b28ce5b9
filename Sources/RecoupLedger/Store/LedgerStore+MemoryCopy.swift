import GRDB

extension LedgerStore {
    /// An in-memory store holding a copy of `source` (SQLite's online backup, which only
    /// reads the source), brought up to this build's schema. `recoup import --dry-run` imports
    /// into such a copy, so every check that looks at the stored ledger (known clients, the
    /// ledger's currency, re-imports) runs while the file itself is never written.
    public convenience init(memoryCopyOf source: LedgerStore) throws(LedgerStoreError) {
        try self.init()
        do {
            try source.queue.backup(to: queue)
            try LedgerMigrations.migrator.migrate(queue)
        } catch {
            throw .cannotOpen(path: source.path ?? ":memory:", reason: LedgerStore.reason(error))
        }
    }
}
