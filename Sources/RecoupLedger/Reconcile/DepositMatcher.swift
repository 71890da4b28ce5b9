import RecoupPolicy

/// The matching of one deposit at a time, with what earlier deposits claimed
/// (`Reconciler` runs it; the rules are in docs/reconcile.md).
struct DepositMatcher {
    let lookup: LedgerLookup
    let options: ReconcileOptions
    /// Payments already matched to a deposit.
    private var claimedPayments = Set<Int>()
    /// Minor units of each invoice's open balance matched to deposits without a recorded payment.
    private var allocated: [Int: Int64] = [:]

    init(lookup: LedgerLookup, options: ReconcileOptions) {
        self.lookup = lookup
        self.options = options
    }

    private var ledger: Ledger { lookup.ledger }
    private var tolerance: Int64 { options.amountTolerance.minorUnits }

    /// What the deposit's memo names, keeping only invoices of the client it names (a number
    /// of another client's invoice in a memo that names a client is taken for another
    /// reference, such as a bank's).
    func references(of deposit: Deposit) -> MemoReferences {
        guard let memo = deposit.reference else { return MemoReferences(invoices: [], clients: []) }
        var found = lookup.memoIndex.references(in: memo)
        if !found.clients.isEmpty {
            let clients = Set(found.clients)
            found.invoices = found.invoices.filter { clients.contains(ledger.invoices[$0].clientID) }
        }
        return found
    }

    /// The open balance still unmatched: the ledger's at the start of `day`, less what earlier
    /// deposits matched without a recorded payment.
    private func open(_ invoice: Int, _ day: Day, excluding: Set<Int> = []) -> Int64 {
        max(0, lookup.openBalance(ofInvoice: invoice, atStartOf: day, excluding: excluding) - (allocated[invoice] ?? 0))
    }

    /// Payments not yet claimed, near the day, among `candidates`, nearest first (then by id).
    private func nearUnclaimed(_ candidates: [Int], _ day: Day) -> [Int] {
        candidates.filter { !claimedPayments.contains($0) && lookup.isNear(payment: $0, day: day, windowDays: options.paymentWindowDays) }
            .sorted {
                let a = ledger.payments[$0], b = ledger.payments[$1]
                return (abs(a.receivedOn - day), a.id) < (abs(b.receivedOn - day), b.id)
            }
    }

    /// A match to recorded payments, which are claimed; partial when their invoices' open
    /// balance (not counting these payments) is larger than the deposit.
    private mutating func matchPayments(_ payments: [Int], _ deposit: Deposit, method: MatchMethod,
                                        confidence: MatchConfidence) -> DepositMatch {
        claimedPayments.formUnion(payments)
        let invoices = Array(Set(payments.compactMap { lookup.invoiceOfPayment[$0] })).sorted()
        let balance = invoices.reduce(Int64(0)) { $0 + open($1, deposit.receivedOn, excluding: Set(payments)) }
        let clients = Set(payments.map { ledger.payments[$0].clientID })
        return DepositMatch(deposit: deposit, method: method, confidence: confidence,
                            invoiceIDs: invoices.map { ledger.invoices[$0].id }, paymentIDs: payments.map { ledger.payments[$0].id },
                            clientID: clients.count == 1 ? clients.first : nil,
                            isPartial: !invoices.isEmpty && balance > deposit.amount.minorUnits)
    }

    /// A match to open balances: `amount` is allocated to the invoices, oldest due first.
    private mutating func matchBalances(_ invoices: [Int], _ deposit: Deposit, method: MatchMethod,
                                        confidence: MatchConfidence, isPartial: Bool) -> DepositMatch {
        var left = deposit.amount.minorUnits
        for invoice in invoices {
            let take = min(left, open(invoice, deposit.receivedOn))
            allocated[invoice, default: 0] += take
            left -= take
        }
        let clients = Set(invoices.map { ledger.invoices[$0].clientID })
        return DepositMatch(deposit: deposit, method: method, confidence: confidence,
                            invoiceIDs: invoices.map { ledger.invoices[$0].id }, clientID: clients.count == 1 ? clients.first : nil,
                            isPartial: isPartial)
    }

    /// Pass 1: the memo names invoices (`references.invoices` is not empty).
    mutating func matchNamedInvoices(_ deposit: Deposit, _ references: MemoReferences) -> DepositMatch {
        let day = deposit.receivedOn, amount = deposit.amount.minorUnits
        let named = references.invoices
        // Recorded payments against the named invoices: one of the deposit's amount, or one
        // combination of them.
        let payments = nearUnclaimed(named.flatMap { lookup.paymentsByInvoice[$0] ?? [] }, day)
        if let single = payments.first(where: { ledger.payments[$0].amount.minorUnits == amount }) {
            return matchPayments([single], deposit, method: .memoInvoiceNumber, confidence: .high)
        }
        if payments.count >= 2, payments.count <= options.maxCombinationInvoices,
           case .unique(let positions) = SubsetSearch.combinations(
            of: payments.map { ledger.payments[$0].amount.minorUnits }, target: amount,
            maxSize: options.maxCombinationSize, maxSteps: options.maxCombinationSteps) {
            return matchPayments(positions.map { payments[$0] }, deposit, method: .memoInvoiceNumber, confidence: .high)
        }
        // Open balances of the named invoices.
        let open = named.filter { self.open($0, day) > 0 }
        let clientID = Set(named.map { ledger.invoices[$0].clientID }).count == 1 ? named.first.map { ledger.invoices[$0].clientID } : nil
        guard !open.isEmpty else {
            return .exception(deposit, .invoicesAlreadyPaid, method: .memoInvoiceNumber,
                              invoiceIDs: named.map { ledger.invoices[$0].id }, clientID: clientID)
        }
        let balance = open.reduce(Int64(0)) { $0 + self.open($1, day) }
        let difference = amount - balance
        if difference == 0 {
            return matchBalances(open, deposit, method: .memoInvoiceNumber, confidence: .high, isPartial: false)
        }
        if abs(difference) <= tolerance {
            return matchBalances(open, deposit, method: .memoInvoiceNumber, confidence: .medium, isPartial: false)
        }
        if difference < 0 {
            return matchBalances(open, deposit, method: .memoInvoiceNumber, confidence: .medium, isPartial: true)
        }
        return .exception(deposit, .overpayment(excess: Money(minorUnits: difference)), method: .memoInvoiceNumber,
                          invoiceIDs: open.map { ledger.invoices[$0].id }, clientID: clientID)
    }

    /// Pass 2: the memo names no usable invoice; match by the client it names and the amount.
    mutating func matchByClient(_ deposit: Deposit, _ references: MemoReferences) -> DepositMatch {
        let day = deposit.receivedOn, amount = deposit.amount.minorUnits
        let clients = references.clients
        guard !clients.isEmpty else { return matchByAmountOnly(deposit) }
        let clientID = clients.count == 1 ? clients.first : nil
        let payments = nearUnclaimed(clients.flatMap { lookup.paymentsByClient[$0] ?? [] }, day)
        let invoices = clients.flatMap { lookup.invoicesByClient[$0] ?? [] }.filter { open($0, day) > 0 }

        // One recorded payment, or one open invoice, of the amount.
        let exactPayments = payments.filter { ledger.payments[$0].amount.minorUnits == amount }
        if exactPayments.count == 1, let payment = exactPayments.first {
            // The payment's invoice is the bookkeeper's application; the match is automatic only
            // when the amount singles that invoice out among the client's open ones as well.
            guard let invoice = lookup.invoiceOfPayment[payment] else {
                return matchPayments(exactPayments, deposit, method: .amountAndClient, confidence: .medium)
            }
            let sameAmount = clients.flatMap { lookup.invoicesByClient[$0] ?? [] }
                .filter { open($0, day, excluding: [payment]) == amount }
            if sameAmount == [invoice] {
                return matchPayments(exactPayments, deposit, method: .amountAndClient, confidence: .medium)
            }
            let reason: ExceptionReason = sameAmount.count > 1 ? .equalAmounts(count: sameAmount.count) : .invoiceOnlyFromPayment
            return .exception(deposit, reason, method: .amountAndClient, invoiceIDs: [ledger.invoices[invoice].id],
                              paymentIDs: [ledger.payments[payment].id], clientID: clientID)
        }
        if exactPayments.count > 1 {
            return .exception(deposit, .equalAmounts(count: exactPayments.count), method: .amountAndClient,
                              paymentIDs: exactPayments.map { ledger.payments[$0].id }, clientID: clientID)
        }
        let exactInvoices = invoices.filter { open($0, day) == amount }
        if exactInvoices.count == 1 {
            return matchBalances(exactInvoices, deposit, method: .amountAndClient, confidence: .medium, isPartial: false)
        }
        if exactInvoices.count > 1 {
            return .exception(deposit, .equalAmounts(count: exactInvoices.count), method: .amountAndClient,
                              invoiceIDs: exactInvoices.map { ledger.invoices[$0].id }, clientID: clientID)
        }

        // One combination of several payments, or of several open invoices.
        let paymentPool = Array(payments.filter { ledger.payments[$0].amount.minorUnits < amount }
            .prefix(options.maxCombinationInvoices))
        switch combination(paymentPool.map { ledger.payments[$0].amount.minorUnits }, amount) {
        case .unique(let positions):
            return matchPayments(positions.map { paymentPool[$0] }, deposit, method: .combination, confidence: .medium)
        case .several, .incomplete:
            return .exception(deposit, .severalCombinations, clientID: clientID)
        case .none:
            break
        }
        let invoicePool = Array(invoices.filter { open($0, day) < amount }.prefix(options.maxCombinationInvoices))
        switch combination(invoicePool.map { open($0, day) }, amount) {
        case .unique(let positions):
            return matchBalances(positions.map { invoicePool[$0] }, deposit, method: .combination, confidence: .medium,
                                 isPartial: false)
        case .several, .incomplete:
            return .exception(deposit, .severalCombinations, clientID: clientID)
        case .none:
            break
        }

        // Near amounts: suggestions only.
        let nearPayments = payments.filter { abs(ledger.payments[$0].amount.minorUnits - amount) <= tolerance }
        let nearInvoices = invoices.filter { abs(open($0, day) - amount) <= tolerance }
        if nearPayments.count == 1, let payment = nearPayments.first {
            let difference = Money(minorUnits: abs(ledger.payments[payment].amount.minorUnits - amount))
            let invoice = lookup.invoiceOfPayment[payment].map { [ledger.invoices[$0].id] } ?? []
            return .exception(deposit, .onlyNearAmount(difference: difference), method: .amountAndClient,
                              invoiceIDs: invoice, paymentIDs: [ledger.payments[payment].id], clientID: clientID)
        }
        if nearPayments.isEmpty, nearInvoices.count == 1, let invoice = nearInvoices.first {
            let difference = Money(minorUnits: abs(open(invoice, day) - amount))
            return .exception(deposit, .onlyNearAmount(difference: difference), method: .amountAndClient,
                              invoiceIDs: [ledger.invoices[invoice].id], clientID: clientID)
        }
        return .exception(deposit, .noAmountFits, clientID: clientID)
    }

    /// The memo names neither an invoice nor a client: at most a suggestion from the amount.
    private func matchByAmountOnly(_ deposit: Deposit) -> DepositMatch {
        let memo = deposit.reference ?? ""
        let reason: ExceptionReason = memo.allSatisfy(\.isWhitespace) ? .noMemo : .memoNamesNothing
        let near = lookup.payments(near: deposit.receivedOn, windowDays: options.paymentWindowDays)
        let same = nearUnclaimed(near, deposit.receivedOn).filter { ledger.payments[$0].amount == deposit.amount }
        guard same.count == 1, let payment = same.first else { return .exception(deposit, reason) }
        let invoice = lookup.invoiceOfPayment[payment].map { [ledger.invoices[$0].id] } ?? []
        return .exception(deposit, .amountOnly, method: .amountAndClient, invoiceIDs: invoice,
                          paymentIDs: [ledger.payments[payment].id], clientID: ledger.payments[payment].clientID)
    }

    private func combination(_ amounts: [Int64], _ target: Int64) -> SubsetSearch.Outcome {
        SubsetSearch.combinations(of: amounts, target: target, maxSize: options.maxCombinationSize,
                                  maxSteps: options.maxCombinationSteps)
    }
}
