import Foundation
import RecoupPolicy

/// The invoice risk model: P(paid more than `lateThresholdDays` after due), scored once at issue
/// from the SPEC §4 risk features, so it can be written into a policy as it is.
///
/// `score = sigmoid(intercept + Σ coefficient × (x − mean) / scale)` over `features`.
public struct RiskModel: Sendable, Equatable, Codable {
    /// The features used, by SPEC §4 name.
    public var features: [RiskFeature]
    public var intercept: Double
    /// Coefficients on the standardised features.
    public var coefficients: [Double]
    /// Training means of the features (the standardisation stored with the model).
    public var means: [Double]
    /// Training standard deviations of the features.
    public var scales: [Double]
    /// `T` of the label and of the `late_share` feature.
    public var lateThresholdDays: Int
    /// Standard errors of intercept then coefficients (standardised scale).
    public var standardErrors: [Double]
    /// The L2 penalty λ on the standardised coefficients (intercept unpenalised).
    public var penalty: Double

    /// The risk of an invoice from its full feature vector in `RiskFeature.allCases` order (as
    /// `RiskFeatureCalculator.values(forInvoiceAt:)` returns it).
    public func score(allFeatures x: [Double]) -> Double {
        var eta = intercept
        for (k, feature) in features.enumerated() {
            let j = RiskFeature.allCases.firstIndex(of: feature) ?? 0
            eta += coefficients[k] * (x[j] - means[k]) / scales[k]
        }
        return 1 / (1 + exp(-eta))
    }

    /// Exactly the `riskModel` object of a policy file (SPEC §4).
    public var policyRiskModel: PolicyRiskModel {
        PolicyRiskModel(features: features.map(\.rawValue), intercept: intercept, coefficients: coefficients,
                        means: means, scales: scales, lateThresholdDays: lateThresholdDays)
    }
}

/// The `riskModel` object of `recoup.policy/v1` (SPEC §4), field for field.
public struct PolicyRiskModel: Sendable, Equatable, Codable {
    public var features: [String]
    public var intercept: Double
    public var coefficients: [Double]
    public var means: [Double]
    public var scales: [Double]
    public var lateThresholdDays: Int
}

/// The risk model's rows: one per invoice whose outcome is known by `until`.
public struct RiskDataset: Sendable {
    /// Invoice positions in the ledger.
    public var invoices: [Int]
    /// `rows × RiskFeature.allCases.count`, row-major, raw (unstandardised) values.
    public var features: [Double]
    /// 1 = late (paid more than T days after due, written off, or open with dpd > T at `until`).
    public var labels: [Double]

    public var rows: Int { labels.count }
    public static var width: Int { RiskFeature.allCases.count }

    /// The label of invoice `i` as known at the end of `until`, or nil when not yet known (open
    /// and at most T days past due, or closed by credit notes alone).
    public static func label(ledger: Ledger, index: HazardDesignBuilder.LedgerIndex, invoice i: Int,
                             until: Day, lateThresholdDays t: Int) -> Double? {
        let inv = ledger.invoices[i]
        var balance = inv.amount.minorUnits
        var lastPay: Day? = nil
        var closedOn: Day? = nil
        var events: [(Day, Int64, Bool, Bool)] = []   // day, amount, isPayment, isWriteOff
        for k in index.payments[i] where ledger.payments[k].receivedOn <= until {
            events.append((ledger.payments[k].receivedOn, ledger.payments[k].amount.minorUnits, true, false))
        }
        for k in index.adjustments[i] where ledger.adjustments[k].on <= until {
            let a = ledger.adjustments[k]
            events.append((a.on, a.amount.minorUnits, false, a.kind == .writeOff))
        }
        events.sort { ($0.0, $0.2 ? 1 : 0) < ($1.0, $1.2 ? 1 : 0) }
        for e in events {
            if e.3 { return 1 }
            balance -= e.1
            if e.2 { lastPay = e.0 }
            if balance <= 0 { closedOn = e.0; break }
        }
        if closedOn != nil {
            guard let last = lastPay else { return nil }
            return last - inv.dueOn > t ? 1 : 0
        }
        return until - inv.dueOn > t ? 1 : nil
    }

    /// Builds the rows for the invoices issued on or before `until` whose label is known.
    public static func build(ledger: Ledger, calculator: RiskFeatureCalculator, index: HazardDesignBuilder.LedgerIndex,
                             until: Day) -> RiskDataset {
        var data = RiskDataset(invoices: [], features: [], labels: [])
        for i in ledger.invoices.indices where ledger.invoices[i].issuedOn <= until {
            guard let y = label(ledger: ledger, index: index, invoice: i, until: until,
                                lateThresholdDays: calculator.lateThresholdDays) else { continue }
            data.invoices.append(i)
            data.features.append(contentsOf: calculator.values(forInvoiceAt: i))
            data.labels.append(y)
        }
        return data
    }
}
