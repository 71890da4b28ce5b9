import RecoupPolicy

/// Why a deposit needs a person: the reason of an exception (docs/reconcile.md, "Exceptions").
public enum ExceptionReason: Sendable, Hashable, Codable {
    /// The deposit has no memo text at all.
    case noMemo
    /// The memo names no known invoice and no known client.
    case memoNamesNothing
    /// The memo names no invoice or client, but one recorded payment (of any client) near the
    /// day has the same amount: a suggestion only.
    case amountOnly
    /// The memo names invoice(s) that were already paid (no open balance, no recorded payment).
    case invoicesAlreadyPaid
    /// The deposit is larger than the named invoices' open balance by `excess`.
    case overpayment(excess: Money)
    /// Several open invoices (or recorded payments) of the client have the deposit's amount.
    case equalAmounts(count: Int)
    /// Several combinations of the client's open invoices add up to the deposit's amount.
    case severalCombinations
    /// Only a candidate within the tolerance exists, and the memo names no invoice.
    case onlyNearAmount(difference: Money)
    /// The memo names the client but no invoice; one recorded payment has the amount, but the
    /// amount does not single out the invoice it was applied to (a partial payment, say), so the
    /// invoice is known only from how the payment was recorded: suggested.
    case invoiceOnlyFromPayment
    /// The memo names the client, but no payment, open invoice or combination fits; possibly a
    /// partial payment of an invoice the memo does not name.
    case noAmountFits

    /// A short reason for the exceptions table (at most 34 characters).
    public var label: String {
        switch self {
        case .noMemo: return "no memo"
        case .memoNamesNothing: return "memo names no invoice or client"
        case .amountOnly: return "only the amount fits a payment"
        case .invoicesAlreadyPaid: return "named invoice already paid"
        case .overpayment(let excess): return "exceeds open balance by \(excess.decimalString)"
        case .equalAmounts(let count): return "\(count) candidates of equal amount"
        case .severalCombinations: return "several combinations fit"
        case .onlyNearAmount(let difference): return "amount off by \(difference.decimalString)"
        case .noAmountFits: return "client named, no amount fits"
        case .invoiceOnlyFromPayment: return "invoice only from payment"
        }
    }

    /// The reason in a sentence, for CSV and JSON.
    public var description: String {
        switch self {
        case .noMemo: return "the deposit has no memo"
        case .memoNamesNothing: return "the memo names no known invoice number and no known client"
        case .amountOnly:
            return "the memo names no invoice or client; one recorded payment near the day has the same amount (suggested)"
        case .invoicesAlreadyPaid: return "the memo names invoices that have no open balance and no recorded payment near the day"
        case .overpayment(let excess):
            return "the deposit exceeds the open balance of the invoices the memo names by \(excess.decimalString)"
        case .equalAmounts(let count):
            return "\(count) open invoices or recorded payments of the client have the deposit's amount; which one is paid is a guess"
        case .severalCombinations:
            return "more than one combination of the client's open invoices adds up to the deposit's amount"
        case .onlyNearAmount(let difference):
            return "the memo names no invoice and the closest candidate differs by \(difference.decimalString) (suggested)"
        case .noAmountFits:
            return "the memo names the client, but no recorded payment, open invoice or combination of them has the amount"
        case .invoiceOnlyFromPayment:
            return "the memo names the client but no invoice; a recorded payment has the amount, but no open invoice does "
                + "(a partial payment?); the payment's invoice is suggested"
        }
    }
}
