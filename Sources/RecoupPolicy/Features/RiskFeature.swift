/// The risk-feature vocabulary of SPEC §4: the only names a policy's `riskModel.features` may
/// use, so that the live agent can compute every one of them from its own ledger.
///
/// Each is computed for an invoice on its `issued_on` from the client's invoices issued before
/// that day, as known at the start of the day; `T` is `riskModel.lateThresholdDays`.
public enum RiskFeature: String, CaseIterable, Codable, Sendable, Hashable {
    /// Invoice amount in currency units.
    case amount
    /// Natural log of the amount in currency units.
    case logAmount = "log_amount"
    /// `due_on − issued_on`.
    case termsDays = "terms_days"
    /// 1 if the client is on autopay, else 0.
    case autopay
    /// Days since the client's `since` (≥ 0).
    case tenureDays = "tenure_days"
    /// `ln(1 + tenure_days)`.
    case logTenure = "log_tenure"
    /// The client's earlier invoices.
    case priorInvoices = "prior_invoices"
    /// Earlier invoices fully paid.
    case priorPaid = "prior_paid"
    /// Known-late ÷ known-resolved earlier invoices, 0 if none.
    case lateShare = "late_share"
    /// Mean of (last payment date − `due_on`) over fully paid earlier invoices; 0 if none.
    case avgDaysLate = "avg_days_late"
    /// That of the most recently paid earlier invoice (ties: the larger); 0 if none.
    case lastDaysLate = "last_days_late"
    /// The maximum of those; 0 if none.
    case maxDaysLate = "max_days_late"
    /// Earlier invoices still open.
    case openInvoices = "open_invoices"
    /// Earlier invoices still open and past due.
    case openOverdue = "open_overdue"
    /// Their open balance, in currency units.
    case openOverdueAmount = "open_overdue_amount"
    /// The largest days past due among open earlier invoices (0 if none).
    case maxOpenDpd = "max_open_dpd"
    /// Disputes opened on earlier invoices.
    case priorDisputes = "prior_disputes"
    /// Write-offs of earlier invoices.
    case priorWriteoffs = "prior_writeoffs"
    /// 1 if `prior_paid > 0`.
    case hasHistory = "has_history"
}
