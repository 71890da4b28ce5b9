/// How much history `train` needs before its figures mean anything, and the rules built on it.
///
/// - Below `resolvedInvoices` invoices with a known outcome in the training period, or fewer
///   than `perOutcome` late or on-time ones, the risk model cannot be estimated at all: `train`
///   refuses (`TrainingError.tooFewOutcomes`).
/// - Below `eventsPerParameter` events of the rarer outcome per fitted coefficient (the
///   common rule of thumb for logistic regression, Peduzzi et al., J Clin Epidemiol 1996), the fit
///   runs but is rough: `train` warns, with the counts.
/// - An AUC needs at least `perOutcome` late and on-time invoices in the test period; with
///   fewer it is not printed (one late invoice gives an AUC of 0 or 1 by chance).
public enum TrainingMinimum {
    public static let resolvedInvoices = 50
    public static let perOutcome = 10
    public static let eventsPerParameter = 10

    /// The late and on-time counts of 0/1 `labels` (1 = late).
    static func counts(_ labels: [Double]) -> (late: Int, onTime: Int) {
        let late = labels.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        return (late, labels.count - late)
    }

    /// Whether a test period with these counts supports an AUC.
    public static func supportsAUC(late: Int, onTime: Int) -> Bool { late >= perOutcome && onTime >= perOutcome }
}
