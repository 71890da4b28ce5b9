import Foundation
import RecoupPolicy

/// The columns of the payment-response (hazard) design and how one invoice-day fills them; the
/// single definition the design builder, the fitted model and the simulator share.
///
/// Columns, in order (all on natural scales, no standardisation; the centring of the amount is
/// stored here):
/// 1. `dpd_le_-8`, `dpd_-7_-1`, `dpd_0`, `dpd_1_7`, `dpd_8_14`, `dpd_15_30`, `dpd_31_60`,
///    `dpd_61_90`, `dpd_ge_91`: the days-past-due baseline (one indicator per bin, no separate
///    intercept; the due date itself is its own bin).
/// 2. `weekday_tue` … `weekday_fri` (Monday is the reference; weekends have no rows).
/// 3. `log_amount_c`: ln(amount in currency units) − the mean over the client's segment's
///    training invoices; `terms_30`: terms in days / 30; `autopay`: the client is on autopay
///    (rows only after its autopay attempt failed).
/// 4. `promise_waiting`: a promise was made and its promised day is still ahead;
///    `dispute_resolved_14`: a dispute on the invoice was resolved in the last 14 days.
/// 5. `contacts_all`: Σ over channels of ln(1 + S_ch) (the shared contact effect), then
///    `contact_<channel>`: ln(1 + S_ch) for each channel (its deviation from the shared effect,
///    penalised towards 0: a rare channel borrows strength from the others); `contact_firm`:
///    ln(1 + S_firm); `contact_human`: ln(1 + S_human); `fatigue`: max(0, n7 − 2).
/// 6. `segment_<name>` for every segment but the first (the client effects are shrunk
///    towards their segment's mean).
///
/// The effect of one more unit of ln(1 + S_ch) on the logit is `contacts_all + contact_<ch>`.
public struct HazardFeatureLayout: Sendable, Equatable, Codable {
    /// The dpd bins' upper bounds (inclusive); the last bin is open.
    public static let dpdBinUpperBounds = [-8, -1, 0, 7, 14, 30, 60, 90]
    public static let dpdBinNames = ["dpd_le_-8", "dpd_-7_-1", "dpd_0", "dpd_1_7", "dpd_8_14", "dpd_15_30",
                                     "dpd_31_60", "dpd_61_90", "dpd_ge_91"]
    static let weekdayNames = ["weekday_tue", "weekday_wed", "weekday_thu", "weekday_fri"]

    /// Segment names, sorted; clients without one are in `unknown`.
    public var segments: [String]
    /// Mean ln(amount in units) of each segment's training invoices.
    public var segmentMeanLogAmount: [Double]
    /// The contact half-life used before a model is trained, in business days: the design
    /// builder's, the export's and the contact stock's default.
    public static let defaultHalfLife = 5.0
    /// The weight of a contact that did not reach the client, before a model is trained.
    public static let defaultUnreachedWeight = 0.3

    /// Contact half-life in business days.
    public var halfLife: Double
    /// Weight of a contact that did not reach the client.
    public var unreachedWeight: Double

    public init(segments: [String], segmentMeanLogAmount: [Double], halfLife: Double, unreachedWeight: Double) {
        self.segments = segments; self.segmentMeanLogAmount = segmentMeanLogAmount
        self.halfLife = halfLife; self.unreachedWeight = unreachedWeight
    }

    /// The segment name used for a client's (possibly missing) segment.
    public static func segmentName(_ segment: String?) -> String {
        guard let s = segment?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return "unknown" }
        return s
    }

    static let firstContactColumn = 9 + 4 + 3 + 2
    /// Offsets of the column groups.
    public static let contactsAllColumn = firstContactColumn
    public static func channelColumn(_ channel: Channel) -> Int {
        firstContactColumn + 1 + channel.index
    }
    static let firmColumn = firstContactColumn + 1 + Channel.allCases.count
    static let humanColumn = firmColumn + 1
    static let fatigueColumn = humanColumn + 1
    static let firstSegmentColumn = fatigueColumn + 1

    /// The column names in order.
    public var columnNames: [String] {
        HazardFeatureLayout.dpdBinNames + HazardFeatureLayout.weekdayNames
            + ["log_amount_c", "terms_30", "autopay", "promise_waiting", "dispute_resolved_14", "contacts_all"]
            + Channel.allCases.map { "contact_\($0.rawValue)" }
            + ["contact_firm", "contact_human", "fatigue"]
            + segments.dropFirst().map { "segment_\($0)" }
    }

    /// The number of columns.
    public var columnCount: Int { HazardFeatureLayout.firstSegmentColumn + max(0, segments.count - 1) }

    /// The dpd bin (0…8) of a days-past-due value.
    @inlinable public static func dpdBin(_ dpd: Int) -> Int {
        if dpd <= -8 { return 0 }
        if dpd <= -1 { return 1 }
        if dpd == 0 { return 2 }
        if dpd <= 7 { return 3 }
        if dpd <= 14 { return 4 }
        if dpd <= 30 { return 5 }
        if dpd <= 60 { return 6 }
        if dpd <= 90 { return 7 }
        return 8
    }

    /// The segment index of a segment name (nil if unknown to the layout).
    public func segmentIndex(_ name: String) -> Int? { segments.firstIndex(of: name) }

    /// Writes one invoice-day's features into `row` (`columnCount` entries, overwritten).
    ///
    /// - Parameters:
    ///   - day: the (business) day of the row; the stock must be advanced to it.
    ///   - dueOn, amount, termsDays, autopay: the invoice and its client.
    ///   - segment: the client's segment index in `segments` (nil: the reference segment).
    ///   - promiseWaiting, disputeResolvedRecently: the holds' state on `day`.
    public func fill(row: UnsafeMutablePointer<Double>, day: Day, dueOn: Day, amount: Money, termsDays: Int,
                     autopay: Bool, segment: Int?, promiseWaiting: Bool, disputeResolvedRecently: Bool,
                     stock: ContactStock) {
        for j in 0..<columnCount { row[j] = 0 }
        row[HazardFeatureLayout.dpdBin(day - dueOn)] = 1
        let weekday = day.isoWeekday
        if weekday >= 2 && weekday <= 5 { row[9 + weekday - 2] = 1 }
        let seg = segment ?? 0
        let mean = seg < segmentMeanLogAmount.count ? segmentMeanLogAmount[seg] : 0
        row[13] = log(max(amount.units, 0.01)) - mean
        row[14] = Double(termsDays) / 30
        row[15] = autopay ? 1 : 0
        row[16] = promiseWaiting ? 1 : 0
        row[17] = disputeResolvedRecently ? 1 : 0
        var all = 0.0
        for c in 0..<Channel.allCases.count {
            let v = log1p(stock.channelStocks[c])
            row[HazardFeatureLayout.firstContactColumn + 1 + c] = v
            all += v
        }
        row[HazardFeatureLayout.contactsAllColumn] = all
        row[HazardFeatureLayout.firmColumn] = log1p(stock.firmStock)
        row[HazardFeatureLayout.humanColumn] = log1p(stock.humanStock)
        row[HazardFeatureLayout.fatigueColumn] = Double(max(0, stock.contactsInLast7Days - 2))
        if seg > 0 && seg < segments.count { row[HazardFeatureLayout.firstSegmentColumn + seg - 1] = 1 }
    }
}
