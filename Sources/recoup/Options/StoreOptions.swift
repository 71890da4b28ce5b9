import ArgumentParser
import Foundation

/// `--db PATH`, shared by every command (SPEC §7): default `./recoup.db`, or `$RECOUP_DB`.
///
/// Only `import` (and `demo`, through it) creates a store; every other command opens it
/// read-only (`train` read-write, to store its models) and reports a missing one
/// (`LedgerStore.Access`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger store (SQLite file). Default: $RECOUP_DB or ./recoup.db.")
    var db: String?

    /// `--db ''` is bad usage (exit 2), not a store SQLite would open as a temporary database.
    func validate() throws {
        if let db, db.isEmpty {
            throw ValidationError("--db is empty; pass the path of a ledger store, or leave --db out to use $RECOUP_DB or ./recoup.db")
        }
    }

    /// The store path to use.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["RECOUP_DB"], !env.isEmpty { return env }
        return "recoup.db"
    }
}
