import Foundation
import RecoupPolicy

/// The exact design matrices and labels training uses, as CSV, so an analyst (or a check) can
/// refit them elsewhere (`recoup features export`).
///
/// - `risk`: one row per invoice whose label is known: `invoice_id, client_id, issued_on,
///   split, label`, then `intercept` and each kept feature standardised with the training
///   means and scales (exactly the columns the risk fit uses; penalty λ = `riskPenalty` on all
///   but the intercept).
/// - `hazard`: one row per invoice-day: `invoice_id, client_id, day, split, label`, then the
///   columns of `HazardFeatureLayout` (no intercept column: the dpd bins are the baseline).
///   The client effects are the `client_id` column (one L2-penalised intercept per client).
/// `split` is `train` or `test` (time split of `ModelTrainer`). Numbers are written with 17
/// significant digits, so they round-trip exactly.
public enum DesignExport {
    /// Which design.
    public enum Kind: String, Sendable, CaseIterable {
        case risk, hazard
    }

    /// `write(kind:ledger:options:halfLife:unreachedWeight:to:)` with the settings `trained`
    /// was fitted with, so the export is the design that was fitted: for the hazard design,
    /// the response model's half-life and reach weight and the risk model's late threshold;
    /// the defaults (`HazardFeatureLayout`) when `trained` is nil or has no response model.
    /// The risk design takes `options` as given.
    /// - Throws: `TrainingError` for an unusable ledger, or whatever `write` throws.
    public static func write(kind: Kind, ledger: Ledger, options: TrainingOptions, fittedAs trained: TrainedModels?,
                             to write: (String) throws -> Void) throws {
        var options = options
        var halfLife = HazardFeatureLayout.defaultHalfLife, weight = HazardFeatureLayout.defaultUnreachedWeight
        if kind == .hazard, let trained, let response = trained.response {
            halfLife = response.layout.halfLife
            weight = response.layout.unreachedWeight
            options.lateThresholdDays = trained.risk.lateThresholdDays
        }
        try self.write(kind: kind, ledger: ledger, options: options, halfLife: halfLife, unreachedWeight: weight, to: write)
    }

    /// Writes the CSV in chunks of about 1 MB through `write`.
    ///
    /// - Parameters:
    ///   - halfLife, unreachedWeight: the hazard's contact-stock parameters (use the trained
    ///     model's, `layout.halfLife` and `layout.unreachedWeight`).
    /// - Throws: `TrainingError` for an unusable ledger, or whatever `write` throws.
    /// - Complexity: O(rows × columns).
    public static func write(kind: Kind, ledger: Ledger, options: TrainingOptions,
                             halfLife: Double = HazardFeatureLayout.defaultHalfLife,
                             unreachedWeight: Double = HazardFeatureLayout.defaultUnreachedWeight,
                             to write: (String) throws -> Void) throws {
        let plan = try ModelTrainer.SplitPlan(ledger: ledger, options: options)
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        func flush(force: Bool = false) throws {
            if force || buffer.utf8.count >= 1 << 20 { try write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        func number(_ v: Double) -> String {
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return String(format: "%.17g", v)
        }
        switch kind {
        case .risk:
            let prep = try ModelTrainer.RiskPreparation(ledger: ledger, index: plan.index, until: plan.until,
                                                        split: plan.split, options: options)
            buffer += (["invoice_id", "client_id", "issued_on", "split", "label", "intercept"]
                       + prep.features.map(\.rawValue)).joined(separator: ",") + "\n"
            let width = RiskDataset.width
            let columns = prep.features.map { RiskFeature.allCases.firstIndex(of: $0) ?? 0 }
            let testSet = Set(prep.testRows)
            for r in 0..<prep.data.rows {
                let inv = ledger.invoices[prep.data.invoices[r]]
                buffer += csvField(inv.id) + "," + csvField(inv.clientID) + "," + inv.issuedOn.iso + ","
                    + (testSet.contains(r) ? "test" : "train") + "," + number(prep.data.labels[r]) + ",1"
                for (k, j) in columns.enumerated() {
                    buffer += "," + number((prep.data.features[r * width + j] - prep.means[k]) / prep.scales[k])
                }
                buffer += "\n"
                try flush()
            }
        case .hazard:
            let (train, test) = ModelTrainer.hazardDesigns(ledger: ledger, plan: plan, halfLife: halfLife,
                                                           unreachedWeight: unreachedWeight)
            buffer += (["invoice_id", "client_id", "day", "split", "label"] + train.layout.columnNames)
                .joined(separator: ",") + "\n"
            for (design, name) in [(train, "train"), (test, "test")] {
                let p = design.columns
                for i in 0..<design.rows {
                    let inv = ledger.invoices[Int(design.invoiceIndex[i])]
                    buffer += csvField(inv.id) + "," + csvField(design.clientIDs[Int(design.clientIndex[i])]) + ","
                        + Day(ordinal: Int(design.day[i])).iso + "," + name + "," + number(design.y[i])
                    for j in 0..<p { buffer += "," + number(design.x[i * p + j]) }
                    buffer += "\n"
                    try flush()
                }
            }
        }
        try flush(force: true)
    }

    /// RFC 4180 quoting when needed.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
