import RecoupPolicy

/// The ledger indexed for reconciliation: invoices and payments by client and by invoice, and
/// open balances at the start of a day. Built once per reconciliation.
struct LedgerLookup: Sendable {
    let ledger: Ledger
    let memoIndex: MemoIndex
    /// Invoice indices by client id, oldest due first (then by id).
    let invoicesByClient: [String: [Int]]
    /// Payment indices by the index of the invoice they are applied to.
    let paymentsByInvoice: [Int: [Int]]
    /// Payment indices by client id, by received day then id.
    let paymentsByClient: [String: [Int]]
    /// The invoice index of each payment (nil: unapplied or an unknown invoice).
    let invoiceOfPayment: [Int?]
    /// Adjustment indices by invoice index.
    let adjustmentsByInvoice: [Int: [Int]]
    /// Payment indices by received day (`Day.ordinal`).
    let paymentsByDay: [Int: [Int]]

    /// - Complexity: O(n log n) in the rows of the ledger.
    init(ledger: Ledger, options: ReconcileOptions) {
        self.ledger = ledger
        memoIndex = MemoIndex(ledger: ledger, minimumKeyLength: options.minimumKeyLength)
        var invoiceByID: [String: Int] = [:]
        var byClient: [String: [Int]] = [:]
        for (index, invoice) in ledger.invoices.enumerated() {
            invoiceByID[invoice.id] = index
            byClient[invoice.clientID, default: []].append(index)
        }
        let invoices = ledger.invoices
        invoicesByClient = byClient.mapValues { indices in
            indices.sorted { (invoices[$0].dueOn, invoices[$0].id) < (invoices[$1].dueOn, invoices[$1].id) }
        }
        var byInvoice: [Int: [Int]] = [:]
        var paymentsOfClient: [String: [Int]] = [:]
        var invoiceOf: [Int?] = []
        var byDay: [Int: [Int]] = [:]
        for (index, payment) in ledger.payments.enumerated() {
            byDay[payment.receivedOn.ordinal, default: []].append(index)
            let invoice = payment.invoiceID.flatMap { invoiceByID[$0] }
            invoiceOf.append(invoice)
            if let invoice { byInvoice[invoice, default: []].append(index) }
            paymentsOfClient[payment.clientID, default: []].append(index)
        }
        let payments = ledger.payments
        paymentsByInvoice = byInvoice
        paymentsByDay = byDay
        paymentsByClient = paymentsOfClient.mapValues { indices in
            indices.sorted { (payments[$0].receivedOn, payments[$0].id) < (payments[$1].receivedOn, payments[$1].id) }
        }
        invoiceOfPayment = invoiceOf
        var adjustments: [Int: [Int]] = [:]
        for (index, adjustment) in ledger.adjustments.enumerated() {
            if let invoice = invoiceByID[adjustment.invoiceID] { adjustments[invoice, default: []].append(index) }
        }
        adjustmentsByInvoice = adjustments
    }

    /// The open balance of invoice `index` at the start of `day`, in minor units: its amount
    /// less payments applied to it received before `day` (except those in `excluding`, the
    /// payments the deposit itself stands for) and adjustments before `day`, floored at 0; 0
    /// for an invoice issued after `day`.
    func openBalance(ofInvoice index: Int, atStartOf day: Day, excluding: Set<Int> = []) -> Int64 {
        let invoice = ledger.invoices[index]
        guard invoice.issuedOn <= day else { return 0 }
        var balance = invoice.amount.minorUnits
        for payment in paymentsByInvoice[index] ?? [] where !excluding.contains(payment) {
            if ledger.payments[payment].receivedOn < day { balance -= ledger.payments[payment].amount.minorUnits }
        }
        for adjustment in adjustmentsByInvoice[index] ?? [] where ledger.adjustments[adjustment].on < day {
            balance -= ledger.adjustments[adjustment].amount.minorUnits
        }
        return max(0, balance)
    }

    /// The payments of any client received within `windowDays` of `day`.
    func payments(near day: Day, windowDays: Int) -> [Int] {
        (-windowDays...windowDays).flatMap { paymentsByDay[(day + $0).ordinal] ?? [] }
    }

    /// Whether payment `index` was received within `windowDays` of `day`.
    func isNear(payment index: Int, day: Day, windowDays: Int) -> Bool {
        abs(ledger.payments[index].receivedOn - day) <= windowDays
    }
}
