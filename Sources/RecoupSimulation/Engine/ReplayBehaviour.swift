import Foundation
import RecoupModel
import RecoupPolicy

/// What the replay needs to know about how clients behave: the payment hazard's coefficients
/// grouped by what moves them, each client's latent effect with its standard error, and the
/// contact-outcome rates (reach, promises and whether they are kept, disputes and how long they
/// last, partial payments, autopay).
///
/// The daily payment probability of an open invoice on a business day `d` is
/// `sigmoid(η)`, with
///
///     η = base(invoice) + u_client + dpd[bin(d − due)] + weekday[Mon…Fri]
///       + promiseWaiting·1[a promise is ahead] + disputeResolved·1[a dispute resolved < 14 days ago]
///       + Σ_ch channel[ch]·ln(1 + S_ch) + firm·ln(1 + S_firm) + human·ln(1 + S_human)
///       + fatigue·max(0, n7 − 2)
///
/// where `base` holds the invoice's fixed terms (log amount against its segment's mean, terms,
/// autopay, segment) and `S` are the decaying contact stocks (half-life in business days; a
/// contact that did not reach the client weighs `unreachedWeight`). This is the payment-response
/// model's structure (RecoupModel's `HazardFeatureLayout`), flattened for the hot loop.
public struct ReplayBehaviour: Sendable {
    /// Logit of each dpd bin (9 values, `HazardFeatureLayout.dpdBin`).
    public var dpdCoefficients: [Double]
    /// Logit shift per weekday, Monday … Friday (Monday 0 as reference).
    public var weekdayCoefficients: [Double]
    /// Per segment (sorted names): the mean ln(amount in units) the amount is centred on.
    public var segmentNames: [String]
    public var segmentMeanLogAmount: [Double]
    /// Per segment: its shift of the logit (the first is 0).
    public var segmentCoefficients: [Double]
    public var logAmountCoefficient: Double
    /// Per terms/30.
    public var termsCoefficient: Double
    /// For autopay clients after the failed autopay attempt.
    public var autopayCoefficient: Double
    public var promiseWaitingCoefficient: Double
    public var disputeResolvedCoefficient: Double
    /// Effect of one unit of ln(1 + S_ch), per channel in `Channel.allCases` order.
    public var channelCoefficients: [Double]
    public var firmCoefficient: Double
    public var humanCoefficient: Double
    public var fatigueCoefficient: Double
    /// Contact half-life in business days.
    public var halfLife: Double
    /// Weight of a contact that did not reach the client.
    public var unreachedWeight: Double

    /// Client effects (logit shift) and their standard errors, by client id; absent clients
    /// get 0 ± `unknownClientSD`.
    public var clientEffects: [String: ClientEffect]
    /// The prior spread of client effects, used for clients the model never saw.
    public var unknownClientSD: Double

    /// P(reach | channel), `Channel.allCases` order.
    public var reach: [Double]
    /// P(promise | reached, channel).
    public var promiseGivenReach: [Double]
    /// P(a promise is kept: paid in full on the promised day, or the next business day).
    public var promiseKept: Double
    /// P(dispute | contact, tone), `Tone.allCases` order (marginal over all contacts).
    public var disputeByTone: [Double]
    /// Days from a promise to its promised day, as observed (drawn uniformly); default 7.
    public var promiseLagDays: [Int]
    /// Days a dispute stays open, as observed (drawn uniformly); default 14.
    public var disputeDurationDays: [Int]
    /// P(a payment is partial).
    public var partialPayment: Double
    /// The share of the open balance a partial payment pays.
    public var partialShare: Double
    /// P(an autopay attempt pays the invoice in full on its attempt day).
    public var autopaySuccess: Double

    /// Per dpd bin, the baseline shift that applies when client effects are drawn with their
    /// uncertainty (`PaymentResponseModel.drawShifts`); zeros when absent.
    public var drawShifts: [Double] = [Double](repeating: 0, count: 9)

    /// The covariance (row-major) of `dynamicCoefficients` for per-run draws; nil: held fixed.
    public var dynamicCovariance: [Double]?

    /// The fitted model behind this behaviour, if any (its BLAS scoring computes `bases`).
    public var model: PaymentResponseModel?

    /// One client's latent effect.
    public struct ClientEffect: Sendable, Equatable {
        public var effect: Double
        public var standardError: Double
        public init(effect: Double, standardError: Double) { self.effect = effect; self.standardError = standardError }
    }

    /// A behaviour with no contact effects, no client effects and no contact outcomes: a
    /// constant daily payment logit per dpd bin. Tests and the benchmark start from it.
    public init(dpdCoefficients: [Double] = [Double](repeating: -3, count: 9)) {
        precondition(dpdCoefficients.count == 9, "ReplayBehaviour needs 9 dpd-bin coefficients, got \(dpdCoefficients.count)")
        self.dpdCoefficients = dpdCoefficients
        weekdayCoefficients = [0, 0, 0, 0, 0]
        segmentNames = ["unknown"]; segmentMeanLogAmount = [0]; segmentCoefficients = [0]
        logAmountCoefficient = 0; termsCoefficient = 0; autopayCoefficient = 0
        promiseWaitingCoefficient = 0; disputeResolvedCoefficient = 0
        channelCoefficients = [0, 0, 0, 0, 0]
        firmCoefficient = 0; humanCoefficient = 0; fatigueCoefficient = 0
        halfLife = HazardFeatureLayout.defaultHalfLife; unreachedWeight = HazardFeatureLayout.defaultUnreachedWeight
        clientEffects = [:]; unknownClientSD = 0
        reach = [1, 1, 1, 1, 1]; promiseGivenReach = [0, 0, 0, 0, 0]; promiseKept = 0.5
        disputeByTone = [0, 0, 0, 0]; promiseLagDays = [7]; disputeDurationDays = [14]
        partialPayment = 0; partialShare = 0.5; autopaySuccess = 1
    }

    /// The fixed part of an invoice's logit (amount, terms, autopay, segment).
    public func base(amount: Money, termsDays: Int, autopay: Bool, segment: String?) -> Double {
        let name = segment.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "unknown"
        let k = segmentNames.firstIndex(of: name) ?? 0
        let mean = k < segmentMeanLogAmount.count ? segmentMeanLogAmount[k] : 0
        var eta = logAmountCoefficient * (log(max(amount.units, 0.01)) - mean) + termsCoefficient * Double(termsDays) / 30
        if autopay { eta += autopayCoefficient }
        if k < segmentCoefficients.count { eta += segmentCoefficients[k] }
        return eta
    }

    /// Problems that make the behaviour unusable (wrong lengths, rates outside [0, 1]).
    public func problems() -> [String] {
        var out: [String] = []
        func count(_ name: String, _ values: [Double], _ n: Int) {
            if values.count != n { out.append("\(name) has \(values.count) values; expected \(n)") }
        }
        func rates(_ name: String, _ values: [Double]) {
            for v in values where !(v >= 0 && v <= 1) { out.append("\(name) holds \(v), not a probability") }
        }
        count("dpdCoefficients", dpdCoefficients, 9)
        count("weekdayCoefficients", weekdayCoefficients, 5)
        count("channelCoefficients", channelCoefficients, Channel.allCases.count)
        count("reach", reach, Channel.allCases.count)
        count("promiseGivenReach", promiseGivenReach, Channel.allCases.count)
        count("disputeByTone", disputeByTone, Tone.allCases.count)
        if segmentNames.isEmpty || segmentNames.count != segmentMeanLogAmount.count || segmentNames.count != segmentCoefficients.count {
            out.append("segments: names, mean log amounts and coefficients differ in length")
        }
        rates("reach", reach); rates("promiseGivenReach", promiseGivenReach); rates("disputeByTone", disputeByTone)
        rates("promiseKept", [promiseKept]); rates("partialPayment", [partialPayment]); rates("partialShare", [partialShare])
        rates("autopaySuccess", [autopaySuccess])
        count("drawShifts", drawShifts, 9)
        if !(halfLife > 0) { out.append("halfLife \(halfLife) must be positive") }
        if promiseLagDays.isEmpty || promiseLagDays.contains(where: { $0 < 0 }) { out.append("promiseLagDays must be non-empty and ≥ 0") }
        if disputeDurationDays.isEmpty || disputeDurationDays.contains(where: { $0 < 1 }) { out.append("disputeDurationDays must be non-empty and ≥ 1") }
        return out
    }
}
