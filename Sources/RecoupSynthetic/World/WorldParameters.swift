import Foundation
import RecoupPolicy
import RecoupSimulation

/// A client segment of the synthetic MSP world.
public enum Segment: String, CaseIterable, Sendable, Hashable, Codable {
    case smb, mid, enterprise
}

/// Every parameter of the synthetic world in one documented value (docs/synthetic-world.md
/// explains each). The defaults are the world `recoup generate` writes.
///
/// Probabilities are per event; logits are on the daily payment hazard; money is in minor units
/// (cents); days are calendar days unless a name says business days.
public struct WorldParameters: Sendable, Hashable {
    // MARK: Size and window

    /// Number of clients.
    public var clients: Int = 400
    /// Number of monthly billing cycles; the first recurring invoice is issued on the 1st of
    /// the month `months − 1` months before `end`'s month.
    public var months: Int = 24
    /// The last day of the history window (the ledger is observed as of this day).
    public var end: Day = Day(year: 2026, month: 10, day: 31) ?? Day(ordinal: 20_757)
    /// The seed of every draw.
    public var seed: UInt64 = 1

    // MARK: Clients

    /// Segment shares (smb, mid, enterprise).
    public var segmentShares: [Double] = [0.60, 0.30, 0.10]
    /// Mean of the latent payment propensity u_c by segment (smb, mid, enterprise).
    public var propensityMean: [Double] = [-0.1, 0.0, -0.5]
    /// Standard deviation of u_c.
    public var propensitySD: Double = 0.7
    /// Share of smb clients on 15-day terms (the rest 30); mid 30; enterprise 45.
    public var smbShortTermsShare: Double = 0.3
    /// Autopay share by segment (smb, mid, enterprise).
    public var autopayShare: [Double] = [0.25, 0.10, 0.0]
    /// Longest relationship before the window starts, in years (uniform 0…this).
    public var maxTenureYears: Int = 8
    /// Median monthly base amount by segment in cents (lognormal median).
    public var baseMedian: [Int64] = [80_000, 350_000, 1_200_000]
    /// Standard deviation of ln(base amount).
    public var baseLogSD: Double = 0.5
    /// Standard deviation of the month-to-month noise on a recurring invoice (relative).
    public var recurringNoiseSD: Double = 0.05
    /// Share of client-months with a project invoice.
    public var projectShare: Double = 0.12
    /// Project invoice size range as a multiple of the base.
    public var projectMultiple: ClosedRange<Double> = 1.0...4.0

    // MARK: Payment hazard (logit of the daily probability of a payment)

    /// Baseline logits by days-past-due bin (see `DpdBin`): ≤−8, −7…−1, 0, 1…7, 8…14, 15…30,
    /// 31…60, 61…90, ≥91.
    public var baselineLogit: [Double] = [-4.6, -3.2, -2.0, -2.75, -2.6, -2.6, -2.7, -2.85, -3.0]
    /// Coefficient on ln(amount) − the segment's mean ln(amount).
    public var betaAmount: Double = -0.15
    /// Contact-stock coefficients by channel (email, sms, voice_agent, call, letter).
    public var betaChannel: [Double] = [0.5, 0.6, 0.8, 1.0, 0.4]
    /// Coefficient on ln(1 + firm/final-tone stock).
    public var betaFirm: Double = 0.25
    /// Coefficient on max(0, contacts in the 7 days ending d − 2).
    public var betaFatigue: Double = -0.3
    /// Half-life of a contact's effect, in business days.
    public var contactHalfLifeBusinessDays: Double = 5
    /// Weight of a contact that did not reach the client.
    public var unreachedWeight: Double = 0.3
    /// Days past due at which the open balance is written off.
    public var writeOffAfterDays: Int = 120

    // MARK: Contact outcomes

    /// Probability a contact reaches the client, by channel.
    public var reachProbability: [Double] = [0.90, 0.92, 0.60, 0.65, 0.97]
    /// Probability of a promise given reached, by channel.
    public var promiseProbability: [Double] = [0.04, 0.06, 0.20, 0.30, 0.03]
    /// Range of days from the contact to `promised_on`.
    public var promiseDelayDays: ClosedRange<Int> = 3...10
    /// Probability a promise is kept (full payment on `promised_on`, next business day if a weekend).
    public var promiseKeptProbability: Double = 0.75
    /// Days after `promised_on` during which a promise still holds contacts back.
    public var promiseGraceDays: Int = 3
    /// Probability a reached contact (without a promise) triggers a dispute, by tone.
    public var disputeProbability: [Double] = [0.003, 0.006, 0.012, 0.02]
    /// Share of invoices with a spontaneous dispute, opened 3…20 days after issue.
    public var spontaneousDisputeShare: Double = 0.015
    /// Range of days after issue for a spontaneous dispute.
    public var spontaneousDisputeDelay: ClosedRange<Int> = 3...20
    /// Minimum dispute duration in days; a geometric number of days with mean
    /// `disputeExtraMeanDays` is added.
    public var disputeMinDays: Int = 5
    public var disputeExtraMeanDays: Double = 15
    /// Probability a resolved dispute ends with a credit note.
    public var disputeCreditProbability: Double = 0.25
    /// Range of the credit note as a share of the invoice amount.
    public var disputeCreditShare: ClosedRange<Double> = 0.10...0.30
    /// Share of ordinary payment events that pay only part of the open balance.
    public var partialShare: Double = 0.07
    /// Range of the part paid.
    public var partialFraction: ClosedRange<Double> = 0.30...0.70
    /// Probability an autopay invoice is paid in full on its due date (next business day).
    public var autopaySuccess: Double = 0.92

    // MARK: History logging policy (the randomised cadence of actions.csv)

    /// Candidate days past due (moved to the next business day on a weekend).
    public var loggingOffsets: [Int] = [-3, 1, 5, 10, 15, 21, 30, 45, 60, 90]
    /// Probability of a contact at an eligible candidate day.
    public var loggingContactProbability: Double = 0.5
    /// Channel probabilities (email, sms, voice_agent, call, letter).
    public var loggingChannelShares: [Double] = [0.45, 0.20, 0.15, 0.12, 0.08]
    /// Tone probabilities (soft, standard, firm, final) by dpd band: before due, 0…14, 15…44, ≥45.
    public var loggingToneShares: [[Double]] = [
        [0.70, 0.25, 0.05, 0.00],
        [0.20, 0.60, 0.15, 0.05],
        [0.05, 0.30, 0.55, 0.10],
        [0.00, 0.10, 0.40, 0.50],
    ]
    /// Human minutes of a logged call.
    public var callMinutes: Double = 9

    // MARK: Other histories (`recoup generate --history`, docs/synthetic-world.md)

    /// `manual`: the bookkeeper's steps (days past due, channel, tone): an email at about 5
    /// and 20 days past due, then a call at about 35 when the emails have not worked.
    public var manualSteps: [CadenceStep] = [
        CadenceStep(day: 5, channel: .email, tone: .soft),
        CadenceStep(day: 20, channel: .email, tone: .firm),
        CadenceStep(day: 35, channel: .call, tone: .firm),
    ]
    /// `manual`: share of weeks too busy to chase at all (that week's steps wait for the next).
    public var manualBusyWeekShare: Double = 0.15
    /// `manual`: probability that a step is forgotten (the next step is then the next contact).
    public var manualSkipShare: Double = 0.08
    /// `manual`: days an email must go unanswered before the bookkeeper calls.
    public var manualCallWaitDays: Int = 7
    /// `manual`: how many days late a step is, at most (uniform 0…this, on top of weekends and
    /// busy weeks).
    public var manualMaxDelayDays: Int = 3
    /// `manual`: minutes of an email, mean and standard deviation (normal, floored at 2 and
    /// rounded to a whole minute).
    public var manualEmailMinutesMean: Double = 4
    public var manualEmailMinutesSD: Double = 1.5
    /// `manual`: minutes of a call, mean and standard deviation (normal, floored at 3 and
    /// rounded to a whole minute).
    public var manualCallMinutesMean: Double = 9
    public var manualCallMinutesSD: Double = 3
    /// `fixed`: the agent's emails by days past due.
    public var fixedSteps: [CadenceStep] = [
        CadenceStep(day: 0, channel: .email, tone: .soft),
        CadenceStep(day: 7, channel: .email, tone: .standard),
        CadenceStep(day: 14, channel: .email, tone: .standard),
        CadenceStep(day: 30, channel: .email, tone: .firm),
    ]
    /// `tiered`: the steps of each tier (low, medium, high risk); calls are made by a person.
    public var tieredSteps: [[CadenceStep]] = [
        [CadenceStep(day: 5, channel: .email, tone: .soft),
         CadenceStep(day: 20, channel: .email, tone: .standard),
         CadenceStep(day: 45, channel: .email, tone: .firm)],
        [CadenceStep(day: -3, channel: .email, tone: .soft),
         CadenceStep(day: 3, channel: .email, tone: .standard),
         CadenceStep(day: 10, channel: .sms, tone: .standard),
         CadenceStep(day: 21, channel: .email, tone: .firm),
         CadenceStep(day: 35, channel: .call, tone: .firm)],
        [CadenceStep(day: -5, channel: .email, tone: .soft),
         CadenceStep(day: 1, channel: .email, tone: .standard),
         CadenceStep(day: 5, channel: .sms, tone: .firm),
         CadenceStep(day: 10, channel: .call, tone: .firm),
         CadenceStep(day: 20, channel: .email, tone: .firm),
         CadenceStep(day: 30, channel: .call, tone: .final),
         CadenceStep(day: 45, channel: .letter, tone: .final)],
    ]
    /// `tiered`: an invoice's tier is set on its first day from the client's invoices closed
    /// before it: the share closed more than `tieredLateDays` past due. At least
    /// `tieredHighShare` is high risk, at least `tieredMediumShare` medium; a client with fewer
    /// than `tieredMinimumClosed` closed invoices is medium.
    public var tieredLateDays: Int = 15
    public var tieredHighShare: Double = 0.5
    public var tieredMediumShare: Double = 0.2
    public var tieredMinimumClosed: Int = 2

    // MARK: Bookkeeping

    /// Share of payments whose deposit memo does not name the invoice (a reconciliation exception).
    public var reconciliationExceptionShare: Double = 0.05
    /// Minutes per reconciliation exception.
    public var reconciliationMinutes: Double = 6
    /// Minutes to match one deposit by hand, for a history whose firm does
    /// (`HistoryCadence.matchesDepositsByHand`: every kind but `randomised`).
    public var depositMatchingMinutes: Double = 2
    /// Minutes a person spends following up each promise to pay (timesheet task `other`), in
    /// every history but `randomised` (whose timesheet stays as it always was); SPEC §5's 5.
    public var promiseFollowUpMinutes: Double = 5
    /// Minutes per dispute opened.
    public var disputeMinutes: Double = 45
    /// Data entry minutes per business day, and reporting minutes per Monday.
    public var dataEntryMinutesPerDay: Double = 30
    public var reportingMinutesPerWeek: Double = 90

    public init() {}

    /// The default world with a given size and seed.
    public init(clients: Int, months: Int, seed: UInt64, end: Day? = nil) {
        self.clients = clients
        self.months = months
        self.seed = seed
        if let end { self.end = end }
    }

    /// The first day of the issue window: the 1st of the month `months − 1` months before
    /// `end`'s month.
    public var start: Day {
        let c = end.components
        let monthIndex = c.year * 12 + (c.month - 1) - (months - 1)
        return Day(year: monthIndex / 12, month: monthIndex % 12 + 1, day: 1) ?? end
    }

    /// Mean of ln(amount in cents) for a segment's recurring invoices: ln(base median).
    public func meanLogAmount(_ segment: Segment) -> Double {
        log(Double(baseMedian[segment.index]))
    }
}

extension Segment {
    /// 0 (smb), 1 (mid), 2 (enterprise): the position in `WorldParameters` arrays.
    public var index: Int {
        switch self {
        case .smb: return 0
        case .mid: return 1
        case .enterprise: return 2
        }
    }
}

extension Channel {
    /// The channels in the order of `WorldParameters`' per-channel arrays: `Channel.index` order.
    public static let worldOrder: [Channel] = Channel.allCases
}
