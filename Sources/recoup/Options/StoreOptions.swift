import ArgumentParser
import Foundation

/// `--db PATH`, shared by every command (SPEC §7): default `./recoup.db`, or `$RECOUP_DB`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger store (SQLite file). Default: $RECOUP_DB or ./recoup.db.")
    var db: String?

    /// The store path to use.
    var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["RECOUP_DB"], !env.isEmpty { return env }
        return "recoup.db"
    }
}
