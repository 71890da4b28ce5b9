import Foundation
import RecoupPolicy

/// The fitted payment-response model: a discrete-time hazard
/// `P(payment on day d | open on d) = sigmoid(xᵀβ + u_client)` over invoice-days, with the
/// columns of `HazardFeatureLayout`, per-client random intercepts `u` (shrunk towards their
/// segment's mean, which is the segment column's coefficient), and the contact-outcome models.
///
/// The simulator keeps a `ContactStock` per invoice, advances it day by day, records the
/// contacts a policy makes, and asks `hazard(…)` for the day's payment probability:
///
/// ```swift
/// var stock = ContactStock(halfLife: model.layout.halfLife, unreachedWeight: model.layout.unreachedWeight)
/// stock.record(on: d, channel: .sms, tone: .standard, actor: .agent, reached: true)
/// let p = model.hazard(day: d, invoice: invoice, client: client, stock: stock,
///                      promiseWaiting: false, disputeResolvedRecently: false)
/// ```
public struct PaymentResponseModel: Sendable, Equatable, Codable {
    /// Artifact schema tag.
    public var schema = "recoup.model.response/v1"
    public var layout: HazardFeatureLayout
    public var columnNames: [String]
    /// β, one per column of `layout`.
    public var coefficients: [Double]
    public var standardErrors: [Double]
    /// Covariance of β (row-major), for intervals of combined effects.
    public var covariance: [Double]
    /// λ per column used in the fit.
    public var penalties: [Double]
    /// The client effects' prior standard deviation σ_u (estimated; penalty 1/σ_u²).
    public var clientEffectSD: Double
    /// Per-client effects (deviation from the segment mean), sorted by client id; clients not
    /// listed get 0 (their segment's mean).
    public var clientEffects: [ClientEffect]
    /// Per-channel contact effects (shared + deviation) and the firm/human/fatigue terms, with
    /// 95% intervals.
    public var contactEffects: [ContactEffect]
    /// The held-out log-loss of each (half-life, reach weight) tried; the chosen one is in `layout`.
    public var halfLifeSelection: [GridPoint]
    /// The solver's report of the final fit.
    public var fit: FitSummary
    /// The small models of contact outcomes.
    public var outcomes: ContactOutcomeModels
    /// Per dpd bin, the shift of the baseline logit to use when the client effects are drawn
    /// from Normal(effect, se²), as the simulator does (`DrawCalibration`): with it the drawn
    /// model pays as often as the training rows did. Nil in models trained before it existed.
    public var drawShifts: [Double]? = nil
    /// Set when the history cannot tell a person's contact from an agent's (every contact was a
    /// person's, or every non-call contact an agent's): the `contact_human` term is then held at
    /// 0, so the side the history never showed is assumed to work as the side it did, and the
    /// simulator draws the difference from this prior in each run. Nil when the term is fitted.
    public var heldHumanTerm: HeldHumanTerm? = nil

    /// Why the person-versus-agent term is held, and the prior the simulator draws it from.
    public struct HeldHumanTerm: Sendable, Equatable, Codable {
        public enum Reason: String, Sendable, Equatable, Codable {
            /// Every contact was made by a person: agents' contacts are unseen.
            case noAgentContacts
            /// Every contact but calls was an agent's: a person's email, sms or letter is unseen.
            case noPersonContacts
        }
        public var reason: Reason
        /// Standard deviation of the unseen side's difference on the daily logit (per unit of
        /// ln(1 + stock)): the channel-deviation prior's 0.5 (docs/models.md).
        public var priorSD: Double
        public init(reason: Reason, priorSD: Double = 0.5) { self.reason = reason; self.priorSD = priorSD }
    }

    /// One client's random intercept.
    public struct ClientEffect: Sendable, Equatable, Codable {
        public var clientID: String
        public var segment: String
        /// Deviation of the client's logit from its segment's mean.
        public var effect: Double
        public var standardError: Double
        /// Training rows of the client.
        public var rows: Int
    }

    /// The effect on the daily logit of one unit of a contact term.
    public struct ContactEffect: Sendable, Equatable, Codable {
        /// A channel name, or `firm`, `human`, `fatigue`.
        public var term: String
        public var coefficient: Double
        public var standardError: Double
        public var lo: Double
        public var hi: Double
        /// Contacts of that kind in the training rows' invoices (channels only).
        public var contacts: Int
    }

    /// A candidate half-life and reach weight with its held-out log-loss.
    public struct GridPoint: Sendable, Equatable, Codable {
        public var halfLife: Double
        public var unreachedWeight: Double
        public var heldOutLogLoss: Double
    }

    /// What the solver reported.
    public struct FitSummary: Sendable, Equatable, Codable {
        public var rows: Int
        public var iterations: Int
        public var converged: Bool
        public var gradientNorm: Double
        public var logLoss: Double
        public var warnings: [String]
    }

    /// The client's effect (0 = its segment's mean when unknown).
    /// - Complexity: O(log clients).
    public func clientEffect(of clientID: String) -> Double {
        var lo = 0, hi = clientEffects.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if clientEffects[mid].clientID < clientID { lo = mid + 1 } else { hi = mid }
        }
        return lo < clientEffects.count && clientEffects[lo].clientID == clientID ? clientEffects[lo].effect : 0
    }

    /// `xᵀβ + u_client` for a row already filled by `layout.fill`.
    public func linearPredictor(row: UnsafePointer<Double>, clientEffect u: Double) -> Double {
        coefficients.withUnsafeBufferPointer { b in BLAS.dot(n: b.count, x: row, y: b.baseAddress!) } + u
    }

    /// The daily logit of an open invoice on business day `day` (no heap allocation).
    public func linearPredictor(day: Day, invoice: Invoice, client: Client?, stock: ContactStock,
                                promiseWaiting: Bool, disputeResolvedRecently: Bool) -> Double {
        let segment = layout.segmentIndex(HazardFeatureLayout.segmentName(client?.segment))
        let u = clientEffect(of: invoice.clientID)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: layout.columnCount) { row in
            layout.fill(row: row.baseAddress!, day: day, dueOn: invoice.dueOn, amount: invoice.amount,
                        termsDays: invoice.dueOn - invoice.issuedOn, autopay: client?.autopay ?? false,
                        segment: segment, promiseWaiting: promiseWaiting,
                        disputeResolvedRecently: disputeResolvedRecently, stock: stock)
            return linearPredictor(row: UnsafePointer(row.baseAddress!), clientEffect: u)
        }
    }

    /// P(payment on `day` | open on `day`): 0 on Saturdays and Sundays, else the sigmoid of
    /// `linearPredictor`. (Days with an open dispute, an autopay attempt or a promised day are
    /// the simulator's to handle with `outcomes`.)
    public func hazard(day: Day, invoice: Invoice, client: Client?, stock: ContactStock,
                       promiseWaiting: Bool, disputeResolvedRecently: Bool) -> Double {
        guard !day.isWeekend else { return 0 }
        let eta = linearPredictor(day: day, invoice: invoice, client: client, stock: stock,
                                  promiseWaiting: promiseWaiting, disputeResolvedRecently: disputeResolvedRecently)
        return 1 / (1 + exp(-eta))
    }

    /// Linear predictors of many rows at once: `X·β` by `dgemv` plus each row's client effect.
    /// - Parameters:
    ///   - x: `rows × columnCount`, row-major (from `HazardDesignBuilder` or `layout.fill`).
    ///   - clientIndex, clientIDs: each row's client, as in `HazardDesign`.
    /// - Complexity: O(rows × columns).
    public func linearPredictors(x: [Double], rows: Int, clientIndex: [Int32], clientIDs: [String]) -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        let p = layout.columnCount
        guard rows > 0, x.count == rows * p else { return out }
        x.withUnsafeBufferPointer { xb in
            coefficients.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    BLAS.gemv(transpose: false, m: rows, n: p, alpha: 1, a: xb.baseAddress!, x: b.baseAddress!,
                              beta: 0, y: o.baseAddress!)
                }
            }
        }
        let effects = clientIDs.map { clientEffect(of: $0) }
        for i in 0..<rows { out[i] += effects[Int(clientIndex[i])] }
        return out
    }
}
