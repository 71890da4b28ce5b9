import RecoupPolicy

/// The four policies an operator compares first (issue 4, SPEC §1): the single source of the
/// examples in `policies/` and of `recoup policy init --template`.
public enum PolicyTemplate: String, CaseIterable, Sendable {
    /// Plain fixed reminders: one tier, emails on fixed days, autonomous.
    case fixed
    /// Risk-tiered cadences run by the agent alone.
    case tiered
    /// The same tiers with calls, voice-agent calls and firm tones waiting for approval.
    case copilot
    /// What a person does today: every step by hand.
    case manual

    /// The file name under `policies/`.
    public var fileName: String {
        switch self {
        case .fixed: return "fixed.json"
        case .tiered: return "tiered-autonomous.json"
        case .copilot: return "tiered-copilot.json"
        case .manual: return "manual.json"
        }
    }

    /// A starting risk model over a few `RiskFeature`s with plausible coefficients; `recoup
    /// train` refits it on the firm's own ledger.
    static let startingRiskModel = RiskModel(
        features: ["late_share", "avg_days_late", "log_amount", "has_history", "open_overdue"],
        intercept: -1.2,
        coefficients: [0.9, 0.6, 0.2, -0.4, 0.5],
        means: [0.2, 8, 7.5, 0.8, 0.5],
        scales: [0.25, 12, 1.2, 0.4, 1],
        lateThresholdDays: 15)

    static let tiers = [Tier(name: "low", below: 0.2), Tier(name: "medium", below: 0.5), Tier(name: "high")]

    static let tieredCadences: [String: [CadenceStep]] = [
        "low": [
            CadenceStep(day: 3, channel: .email, tone: .soft),
            CadenceStep(day: 14, channel: .email, tone: .standard),
            CadenceStep(day: 30, channel: .sms, tone: .firm),
        ],
        "medium": [
            CadenceStep(day: -3, channel: .email, tone: .soft),
            CadenceStep(day: 7, channel: .sms, tone: .standard),
            CadenceStep(day: 14, channel: .email, tone: .firm),
            CadenceStep(day: 21, channel: .voiceAgent, tone: .firm),
        ],
        "high": [
            CadenceStep(day: -5, channel: .email, tone: .standard),
            CadenceStep(day: 1, channel: .voiceAgent, tone: .firm),
            CadenceStep(day: 10, channel: .call, actor: .human, tone: .firm),
            CadenceStep(day: 30, channel: .letter, tone: .final),
        ],
    ]

    /// The template's policy (valid: a test checks it).
    public var policy: Policy {
        switch self {
        case .fixed:
            return Policy(
                name: "fixed", mode: .autonomous, tiers: [Tier(name: "all")],
                cadences: ["all": [
                    CadenceStep(day: -3, channel: .email, tone: .soft),
                    CadenceStep(day: 1, channel: .email, tone: .standard),
                    CadenceStep(day: 7, channel: .email, tone: .standard),
                    CadenceStep(day: 14, channel: .email, tone: .firm),
                    CadenceStep(day: 30, channel: .email, tone: .final),
                ]],
                escalation: Escalation(daysPastDue: 45),
                holds: Holds(promiseGraceDays: 3, pauseOnDispute: true, skipAutopay: false),
                limits: ContactLimits(maxContactsPer7Days: 2, businessDaysOnly: true, consolidatePerClient: false),
                writeOffAfterDays: 120)
        case .tiered, .copilot:
            return Policy(
                name: self == .tiered ? "tiered-autonomous" : "tiered-copilot",
                mode: self == .tiered ? .autonomous : .copilot,
                riskModel: PolicyTemplate.startingRiskModel,
                tiers: PolicyTemplate.tiers,
                cadences: PolicyTemplate.tieredCadences,
                escalation: Escalation(daysPastDue: 45, amountOver: Money(minorUnits: 25_000_00), riskOver: nil,
                                       afterContacts: nil, stopAutomation: true),
                holds: Holds(promiseGraceDays: 3, pauseOnDispute: true, skipAutopay: true),
                limits: ContactLimits(maxContactsPer7Days: 2, businessDaysOnly: true, consolidatePerClient: true),
                copilot: CopilotSettings(),
                writeOffAfterDays: 120)
        case .manual:
            return Policy(
                name: "manual", mode: .manual, tiers: [Tier(name: "all")],
                cadences: ["all": [
                    CadenceStep(day: 1, channel: .email, actor: .human, tone: .standard),
                    CadenceStep(day: 10, channel: .email, actor: .human, tone: .firm),
                    CadenceStep(day: 20, channel: .call, actor: .human, tone: .firm),
                    CadenceStep(day: 45, channel: .letter, actor: .human, tone: .final),
                ]],
                escalation: Escalation(daysPastDue: 60),
                holds: Holds(promiseGraceDays: 5, pauseOnDispute: true, skipAutopay: false),
                limits: ContactLimits(maxContactsPer7Days: 2, businessDaysOnly: true, consolidatePerClient: false),
                writeOffAfterDays: 150)
        }
    }

    /// The template as the text of a policy file.
    public var fileContents: String { PrettyJSON.string(of: policy.jsonValue) }
}
