import Foundation
import RecoupPolicy

/// The decaying "stock" of collections contacts on one invoice: the state behind the contact
/// terms of the payment-response model, shared by the design builder and the simulator.
///
/// For a channel, `S_ch(d) = Σ w·0.5^(b/h)` over the invoice's contacts of that channel made on
/// or before `d`, where `b` is the number of business days from the contact to `d` (a contact
/// on `d` counts fully on `d`), `h` the half-life in business days, and `w` is 1 for a contact
/// that reached the client and `unreachedWeight` for one that did not (outcome `bounced` or
/// `no_answer`). `S_firm` is the same over contacts in tone `firm` or `final` (any channel),
/// `S_human` over contacts made by a person. `n7(d)` counts contacts in the 7 calendar days
/// ending `d`.
///
/// ```swift
/// var stock = ContactStock(halfLife: 5, unreachedWeight: 0.3)
/// stock.record(on: day, channel: .email, tone: .soft, actor: .agent, reached: true)
/// stock.advance(to: day + 3)
/// let s = stock.stock(of: .email)   // 0.5^(business days / 5)
/// ```
///
/// Days must not go backwards: `record` and `advance` take days in non-decreasing order.
public struct ContactStock: Sendable, Equatable {
    /// Half-life of a contact's effect, in business days.
    public let halfLife: Double
    /// Weight of a contact that did not reach the client.
    public let unreachedWeight: Double
    /// Stocks per channel (`Channel.allCases` order) at `valuedAt`.
    public private(set) var channelStocks: [Double]
    /// The firm/final-tone stock at `valuedAt`.
    public private(set) var firmStock: Double = 0
    /// The human-actor stock at `valuedAt`.
    public private(set) var humanStock: Double = 0
    /// The day the stocks are valued at.
    public private(set) var valuedAt: Day?
    /// Days of contacts in the last 7 calendar days before `valuedAt` (oldest first).
    var recent: [Day] = []
    /// The number of contacts recorded.
    public private(set) var contactCount = 0

    public init(halfLife: Double, unreachedWeight: Double = HazardFeatureLayout.defaultUnreachedWeight) {
        self.halfLife = halfLife
        self.unreachedWeight = unreachedWeight
        channelStocks = [Double](repeating: 0, count: Channel.allCases.count)
    }

    /// Decays the stocks to `day` (no-op when `day` is not later than `valuedAt`).
    public mutating func advance(to day: Day) {
        guard let from = valuedAt else { valuedAt = day; return }
        guard day > from else { return }
        let b = BusinessCalendar.businessDays(from: from, to: day)
        if b > 0 && contactCount > 0 {
            let f = pow(0.5, Double(b) / halfLife)
            for c in channelStocks.indices { channelStocks[c] *= f }
            firmStock *= f
            humanStock *= f
        }
        valuedAt = day
        while let first = recent.first, day - first >= 7 { recent.removeFirst() }
    }

    /// Records a contact made on `day` (after `advance(to: day)`, which it calls).
    public mutating func record(on day: Day, channel: Channel, tone: Tone, actor: ActorKind, reached: Bool) {
        advance(to: day)
        let w = reached ? 1 : unreachedWeight
        channelStocks[channel.index] += w
        if tone >= .firm { firmStock += w }
        if actor == .human || channel == .call { humanStock += w }
        recent.append(day)
        contactCount += 1
    }

    /// `S_ch` at `valuedAt`.
    public func stock(of channel: Channel) -> Double { channelStocks[channel.index] }

    /// `n7`: contacts in the 7 calendar days ending `valuedAt`.
    public var contactsInLast7Days: Int { recent.count }

    /// Whether a logged outcome means the contact reached the client (`bounced` and `no_answer`
    /// did not; anything else, or no outcome, did).
    public static func isReached(_ outcome: ActionOutcome?) -> Bool {
        outcome != .bounced && outcome != .noAnswer
    }
}
