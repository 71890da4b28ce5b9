import GRDB

/// The store's schema as named, append-only migrations.
///
/// Conventions (documented in docs/import.md):
/// - every table has an `id INTEGER PRIMARY KEY` (insertion order) and a UNIQUE natural key
///   (`invoice_id`, `payment_id`, …; promises `(invoice, made_on)`, disputes `(invoice, opened_on)`,
///   adjustments `(invoice, on_day, kind)`, timesheet `(date, person, task)`);
/// - references are foreign keys to those integer ids (`client`, `invoice`), so joins and KPI
///   scans are over integers; the natural keys stay unique text;
/// - money is INTEGER minor units, dates are INTEGER day ordinals (`Day.ordinal`, days since
///   1970-01-01), vocabularies are TEXT checked against the spec's words.
///
/// Indexes serve the queries the code makes, and no others: loading the ledger for features,
/// training and the simulator reads each table in natural-key order (the UNIQUE keys' own
/// indexes), joins by integer id (the primary keys), and the KPIs scan whole tables. v1 also
/// had secondary indexes (invoices by client and issue day, payments by invoice, actions by
/// invoice and day) for per-invoice walks that are done in memory instead; no query used them,
/// and building them was a large share of a big import (2.3–3.7 s of it for 1, 1 and 2 million
/// rows; Benchmarks/README.md, "Ledger"), so v2 drops them.
///
/// The migrations use raw SQL only, never app types, so old migrations keep meaning what they
/// meant. Never edit a shipped migration: append a new one.
enum LedgerMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE clients (
                  id INTEGER PRIMARY KEY,
                  client_id TEXT NOT NULL UNIQUE CHECK (client_id <> ''),
                  name TEXT, segment TEXT, since INTEGER,
                  terms_days INTEGER NOT NULL DEFAULT 30 CHECK (terms_days >= 0),
                  autopay INTEGER NOT NULL DEFAULT 0 CHECK (autopay IN (0, 1)),
                  preferred_channel TEXT CHECK (preferred_channel IN ('email','sms','voice_agent','call','letter'))
                );
                CREATE TABLE invoices (
                  id INTEGER PRIMARY KEY,
                  invoice_id TEXT NOT NULL UNIQUE CHECK (invoice_id <> ''),
                  client INTEGER NOT NULL REFERENCES clients(id),
                  issued_on INTEGER NOT NULL,
                  due_on INTEGER NOT NULL CHECK (due_on >= issued_on),
                  amount INTEGER NOT NULL CHECK (amount > 0),
                  currency TEXT NOT NULL DEFAULT 'USD',
                  number TEXT
                );
                CREATE INDEX invoices_by_client_issue ON invoices(client, issued_on);
                CREATE TABLE payments (
                  id INTEGER PRIMARY KEY,
                  payment_id TEXT NOT NULL UNIQUE CHECK (payment_id <> ''),
                  client INTEGER NOT NULL REFERENCES clients(id),
                  received_on INTEGER NOT NULL,
                  amount INTEGER NOT NULL CHECK (amount > 0),
                  invoice INTEGER REFERENCES invoices(id),
                  method TEXT CHECK (method IN ('ach','card','check','wire','other'))
                );
                CREATE INDEX payments_by_invoice ON payments(invoice, received_on);
                CREATE TABLE actions (
                  id INTEGER PRIMARY KEY,
                  action_id TEXT NOT NULL UNIQUE CHECK (action_id <> ''),
                  invoice INTEGER NOT NULL REFERENCES invoices(id),
                  at INTEGER NOT NULL,
                  channel TEXT NOT NULL CHECK (channel IN ('email','sms','voice_agent','call','letter')),
                  actor TEXT NOT NULL DEFAULT 'agent' CHECK (actor IN ('agent','human')),
                  tone TEXT NOT NULL DEFAULT 'standard' CHECK (tone IN ('soft','standard','firm','final')),
                  outcome TEXT CHECK (outcome IN ('none','no_answer','promise','dispute','paid','bounced')),
                  minutes REAL CHECK (minutes >= 0),
                  propensity REAL CHECK (propensity > 0 AND propensity <= 1)
                );
                CREATE INDEX actions_by_invoice_day ON actions(invoice, at);
                CREATE TABLE promises (
                  id INTEGER PRIMARY KEY,
                  invoice INTEGER NOT NULL REFERENCES invoices(id),
                  made_on INTEGER NOT NULL,
                  promised_on INTEGER NOT NULL CHECK (promised_on >= made_on),
                  amount INTEGER CHECK (amount > 0),
                  UNIQUE (invoice, made_on)
                );
                CREATE TABLE disputes (
                  id INTEGER PRIMARY KEY,
                  invoice INTEGER NOT NULL REFERENCES invoices(id),
                  opened_on INTEGER NOT NULL,
                  resolved_on INTEGER CHECK (resolved_on >= opened_on),
                  reason TEXT,
                  UNIQUE (invoice, opened_on)
                );
                CREATE TABLE adjustments (
                  id INTEGER PRIMARY KEY,
                  invoice INTEGER NOT NULL REFERENCES invoices(id),
                  on_day INTEGER NOT NULL,
                  amount INTEGER NOT NULL CHECK (amount > 0),
                  kind TEXT NOT NULL CHECK (kind IN ('credit_note','write_off')),
                  UNIQUE (invoice, on_day, kind)
                );
                CREATE TABLE deposits (
                  id INTEGER PRIMARY KEY,
                  deposit_id TEXT NOT NULL UNIQUE CHECK (deposit_id <> ''),
                  received_on INTEGER NOT NULL,
                  amount INTEGER NOT NULL CHECK (amount > 0),
                  reference TEXT
                );
                CREATE TABLE timesheet (
                  id INTEGER PRIMARY KEY,
                  date INTEGER NOT NULL,
                  person TEXT NOT NULL CHECK (person <> ''),
                  task TEXT NOT NULL CHECK (task IN ('reminders','calls','disputes','reconciliation','data_entry','reporting','other')),
                  minutes REAL NOT NULL CHECK (minutes >= 0),
                  UNIQUE (date, person, task)
                );
                CREATE TABLE artifacts (
                  id INTEGER PRIMARY KEY,
                  name TEXT NOT NULL CHECK (name <> ''),
                  version INTEGER NOT NULL CHECK (version >= 1),
                  created_on INTEGER NOT NULL,
                  json TEXT NOT NULL,
                  UNIQUE (name, version)
                );
                """)
        }
        migrator.registerMigration("v2-no-unused-indexes") { db in
            try db.execute(sql: """
                DROP INDEX IF EXISTS invoices_by_client_issue;
                DROP INDEX IF EXISTS payments_by_invoice;
                DROP INDEX IF EXISTS actions_by_invoice_day;
                """)
        }
        // v3 marks the file as Recoup's in the SQLite header (PRAGMA application_id), so that
        // a store is recognised before anything is written to it and another application's
        // database is refused (LedgerStoreRecognition). Stores made before v3 are recognised
        // by their migration names.
        migrator.registerMigration("v3-application-id") { db in
            try db.execute(sql: "PRAGMA application_id = \(LedgerMigrations.applicationID)")
        }
        // v4 holds snapshots: an invoice export with paid or open amounts but no payment dates
        // (QuickBooks' Open Balance, Xero's InvoiceAmountDue, Stripe's Amount Remaining) is the
        // open balance of each invoice as of one day. `snapshots` names that day and the file;
        // `invoice_balances` holds each invoice's open balance on it, so no payment is invented.
        // A table of its own rather than a column on invoices: the invoice rows (and their
        // re-import check) stay what the bundle says, an invoice may appear in several
        // snapshots (weekly exports), and a store without snapshots reads as before.
        migrator.registerMigration("v4-snapshots") { db in
            try db.execute(sql: """
                CREATE TABLE snapshots (
                  id INTEGER PRIMARY KEY,
                  as_of INTEGER NOT NULL,
                  source TEXT NOT NULL CHECK (source <> ''),
                  preset TEXT NOT NULL CHECK (preset <> ''),
                  as_of_basis TEXT NOT NULL CHECK (as_of_basis IN ('option','export','latest')),
                  UNIQUE (source, as_of)
                );
                CREATE TABLE invoice_balances (
                  id INTEGER PRIMARY KEY,
                  snapshot INTEGER NOT NULL REFERENCES snapshots(id),
                  invoice INTEGER NOT NULL REFERENCES invoices(id),
                  open_amount INTEGER NOT NULL CHECK (open_amount >= 0),
                  UNIQUE (invoice, snapshot)
                );
                """)
        }
        return migrator
    }

    /// The SQLite `application_id` of a Recoup store: the bytes "RCUP" (0x52435550).
    static let applicationID: Int32 = 0x5243_5550

    /// The names of every migration this build knows, in order.
    static let knownMigrations = ["v1-ledger", "v2-no-unused-indexes", "v3-application-id", "v4-snapshots"]

    /// The migrations a store must have for this build to read it without migrating it. v2
    /// only dropped indexes and v3 only set the header's application_id, so every store from
    /// v1 on is readable as it is; v4 added tables that readers look for before reading
    /// (`LedgerStore.snapshots`), so a v3 store reads as one without snapshots. A later
    /// migration that changes what is read is added here.
    static let requiredForReading = ["v1-ledger"]
}
