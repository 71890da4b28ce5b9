import GRDB
import RecoupPolicy

extension LedgerStore {
    /// The whole ledger as plain values, for the model and simulator layers.
    ///
    /// Rows are sorted by natural key (clients by `client_id`, invoices by `invoice_id`,
    /// payments by `payment_id`, actions by `action_id`, promises by (invoice_id, made_on),
    /// disputes by (invoice_id, opened_on), adjustments by (invoice_id, on, kind), deposits by
    /// `deposit_id`, timesheet by (date, person, task)), so the same store always gives the
    /// same value. Text keys sort by their UTF-8 bytes.
    ///
    /// The ledger is checked against `LedgerLimits` first (`checkLimits`), so the features,
    /// models and simulator built on it never overflow a sum or loop over an implausible span.
    ///
    /// - Throws: `LedgerStoreError.amountsTooLarge` or `.corrupt` for a store beyond the limits.
    /// - Complexity: O(n log n) in the number of rows; everything is held in memory.
    public func loadLedger() throws(LedgerStoreError) -> Ledger {
        try read { db in
            try LedgerStore.checkLimits(db)
            var ledger = Ledger()
            func vocab<T: RawRepresentable>(_ type: T.Type, _ text: String?, _ table: String) throws -> T?
            where T.RawValue == String {
                guard let text else { return nil }
                guard let value = T(rawValue: text) else {
                    throw LedgerStoreError.corrupt(table: table, reason: "\"\(text)\" is not a valid \(T.self)")
                }
                return value
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT client_id, name, segment, since, terms_days, autopay, preferred_channel
                FROM clients ORDER BY client_id
                """) {
                ledger.clients.append(Client(
                    id: row[0], name: row[1], segment: row[2], since: (row[3] as Int?).map(Day.init(ordinal:)),
                    termsDays: row[4], autopay: row[5],
                    preferredChannel: try vocab(Channel.self, row[6], "clients")))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT i.invoice_id, c.client_id, i.issued_on, i.due_on, i.amount, i.currency, i.number
                FROM invoices i JOIN clients c ON c.id = i.client ORDER BY i.invoice_id
                """) {
                ledger.invoices.append(Invoice(
                    id: row[0], clientID: row[1], issuedOn: Day(ordinal: row[2]), dueOn: Day(ordinal: row[3]),
                    amount: Money(minorUnits: row[4]), currency: row[5], number: row[6]))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT p.payment_id, c.client_id, p.received_on, p.amount, i.invoice_id, p.method
                FROM payments p JOIN clients c ON c.id = p.client LEFT JOIN invoices i ON i.id = p.invoice
                ORDER BY p.payment_id
                """) {
                ledger.payments.append(Payment(
                    id: row[0], clientID: row[1], receivedOn: Day(ordinal: row[2]), amount: Money(minorUnits: row[3]),
                    invoiceID: row[4], method: try vocab(PaymentMethod.self, row[5], "payments")))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT a.action_id, i.invoice_id, a.at, a.channel, a.actor, a.tone, a.outcome, a.minutes, a.propensity
                FROM actions a JOIN invoices i ON i.id = a.invoice ORDER BY a.action_id
                """) {
                guard let channel = try vocab(Channel.self, row[3], "actions"),
                    let actor = try vocab(ActorKind.self, row[4], "actions"),
                    let tone = try vocab(Tone.self, row[5], "actions")
                else { throw LedgerStoreError.corrupt(table: "actions", reason: "a required column is NULL") }
                ledger.actions.append(CollectionAction(
                    id: row[0], invoiceID: row[1], at: Day(ordinal: row[2]), channel: channel, actor: actor,
                    tone: tone, outcome: try vocab(ActionOutcome.self, row[6], "actions"), minutes: row[7],
                    propensity: row[8]))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT i.invoice_id, p.made_on, p.promised_on, p.amount
                FROM promises p JOIN invoices i ON i.id = p.invoice ORDER BY i.invoice_id, p.made_on
                """) {
                ledger.promises.append(PaymentPromise(
                    invoiceID: row[0], madeOn: Day(ordinal: row[1]), promisedOn: Day(ordinal: row[2]),
                    amount: (row[3] as Int64?).map(Money.init(minorUnits:))))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT i.invoice_id, d.opened_on, d.resolved_on, d.reason
                FROM disputes d JOIN invoices i ON i.id = d.invoice ORDER BY i.invoice_id, d.opened_on
                """) {
                ledger.disputes.append(Dispute(
                    invoiceID: row[0], openedOn: Day(ordinal: row[1]),
                    resolvedOn: (row[2] as Int?).map(Day.init(ordinal:)), reason: row[3]))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT i.invoice_id, a.on_day, a.amount, a.kind
                FROM adjustments a JOIN invoices i ON i.id = a.invoice ORDER BY i.invoice_id, a.on_day, a.kind
                """) {
                guard let kind = try vocab(AdjustmentKind.self, row[3], "adjustments") else { continue }
                ledger.adjustments.append(Adjustment(
                    invoiceID: row[0], on: Day(ordinal: row[1]), amount: Money(minorUnits: row[2]), kind: kind))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT deposit_id, received_on, amount, reference FROM deposits ORDER BY deposit_id
                """) {
                ledger.deposits.append(Deposit(
                    id: row[0], receivedOn: Day(ordinal: row[1]), amount: Money(minorUnits: row[2]), reference: row[3]))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT date, person, task, minutes FROM timesheet ORDER BY date, person, task
                """) {
                guard let task = try vocab(TimesheetTask.self, row[2], "timesheet") else { continue }
                ledger.timesheet.append(TimesheetEntry(
                    date: Day(ordinal: row[0]), person: row[1], task: task, minutes: row[3]))
            }
            return ledger
        }
    }
}
