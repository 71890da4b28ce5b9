/// A collections policy in the `recoup.policy/v1` format (SPEC §4, docs/policy.md): which
/// reminders go to which invoice on which day, when a person takes over, and what waits for
/// approval. The live agent loads one; the simulator and `recoup plan` run it through the same
/// `PolicyEngine`.
///
/// Read one with `Policy.load(_:verification:)` (strict: unknown fields, wrong types and unknown
/// vocabulary are errors naming their JSON path; validation lists every problem) and write one
/// with `jsonValue` + `PrettyJSON`.
public struct Policy: Sendable, Equatable {
    /// The only schema identifier this library reads.
    public static let schemaIdentifier = "recoup.policy/v1"

    /// A short name for tables and reports, e.g. `tiered-copilot`.
    public var name: String
    public var mode: PolicyMode
    /// Scores an invoice's risk on its issue day; may be absent when there is one tier.
    public var riskModel: RiskModel?
    /// Tried in order; the first whose `below` exceeds the risk wins; the last has no `below`.
    public var tiers: [Tier]
    /// Reminder steps per tier name, each in day order.
    public var cadences: [String: [CadenceStep]]
    public var escalation: Escalation
    public var holds: Holds
    public var limits: ContactLimits
    public var copilot: CopilotSettings
    /// Days past due on which the open balance is written off (default 120).
    public var writeOffAfterDays: Int
    public var provenance: Provenance?
    public var projections: Projections?
    public var signature: PolicySignature?

    public init(name: String, mode: PolicyMode, riskModel: RiskModel? = nil, tiers: [Tier],
                cadences: [String: [CadenceStep]], escalation: Escalation = Escalation(),
                holds: Holds = Holds(), limits: ContactLimits = ContactLimits(),
                copilot: CopilotSettings = CopilotSettings(), writeOffAfterDays: Int = 120,
                provenance: Provenance? = nil, projections: Projections? = nil,
                signature: PolicySignature? = nil) {
        self.name = name; self.mode = mode; self.riskModel = riskModel; self.tiers = tiers
        self.cadences = cadences; self.escalation = escalation; self.holds = holds
        self.limits = limits; self.copilot = copilot; self.writeOffAfterDays = writeOffAfterDays
        self.provenance = provenance; self.projections = projections; self.signature = signature
    }
}

/// Who acts on the policy's steps (SPEC §4 step 9).
public enum PolicyMode: String, CaseIterable, Sendable, Hashable {
    /// Agent steps happen on their day.
    case autonomous
    /// Steps matching `copilot.approve` wait `approvalDelayDays` for a person's approval.
    case copilot
    /// A person does every step; a `voice_agent` step becomes a human `call`.
    case manual
}

/// A logistic risk score over `RiskFeature`s:
/// `sigmoid(intercept + Σ coefficients[i] × (x[i] − means[i]) / scales[i])`.
public struct RiskModel: Sendable, Equatable {
    /// Feature names from `RiskFeature` (validation refuses others).
    public var features: [String]
    public var intercept: Double
    public var coefficients: [Double]
    /// Default: all 0.
    public var means: [Double]
    /// Default: all 1.
    public var scales: [Double]
    /// `T` in `late_share` (default 15).
    public var lateThresholdDays: Int

    public init(features: [String], intercept: Double, coefficients: [Double], means: [Double]? = nil,
                scales: [Double]? = nil, lateThresholdDays: Int = 15) {
        self.features = features; self.intercept = intercept; self.coefficients = coefficients
        self.means = means ?? Array(repeating: 0, count: features.count)
        self.scales = scales ?? Array(repeating: 1, count: features.count)
        self.lateThresholdDays = lateThresholdDays
    }
}

/// A risk tier: invoices whose risk is below `below` (and not below an earlier tier's) belong
/// to it; the last tier has no bound.
public struct Tier: Sendable, Equatable {
    public var name: String
    /// Upper bound (exclusive) in (0, 1]; `nil` for the last tier.
    public var below: Double?
    public init(name: String, below: Double? = nil) { self.name = name; self.below = below }
}

/// One reminder of a cadence.
public struct CadenceStep: Sendable, Hashable {
    /// Days past due (negative: before the due date).
    public var day: Int
    public var channel: Channel
    /// Default `agent`. A `call` is always made by a person, whatever this says.
    public var actor: ActorKind
    /// Default `standard`.
    public var tone: Tone
    public init(day: Int, channel: Channel, actor: ActorKind = .agent, tone: Tone = .standard) {
        self.day = day; self.channel = channel; self.actor = actor; self.tone = tone
    }
}

/// When a person takes over (SPEC §4 step 5). A `nil` condition is off.
public struct Escalation: Sendable, Equatable {
    /// Escalate when days past due reach this.
    public var daysPastDue: Int?
    /// Escalate when the open balance exceeds this (and the invoice is past due).
    public var amountOver: Money?
    /// Escalate when the risk exceeds this (and the invoice is past due).
    public var riskOver: Double?
    /// Escalate after this many contacts with no payment since the first of them.
    public var afterContacts: Int?
    /// Stop the cadence once escalated (default true).
    public var stopAutomation: Bool

    public init(daysPastDue: Int? = nil, amountOver: Money? = nil, riskOver: Double? = nil,
                afterContacts: Int? = nil, stopAutomation: Bool = true) {
        self.daysPastDue = daysPastDue; self.amountOver = amountOver; self.riskOver = riskOver
        self.afterContacts = afterContacts; self.stopAutomation = stopAutomation
    }

    /// Whether any condition is set.
    public var isEnabled: Bool {
        daysPastDue != nil || amountOver != nil || riskOver != nil || afterContacts != nil
    }
}

/// Days on which no contact is made (SPEC §4 steps 2–3).
public struct Holds: Sendable, Equatable {
    /// A promise holds contact until `promised_on + promiseGraceDays` (default 3).
    public var promiseGraceDays: Int
    /// No contact while a dispute is open (default true).
    public var pauseOnDispute: Bool
    /// No contact before 1 day past due for autopay clients (default false).
    public var skipAutopay: Bool
    public init(promiseGraceDays: Int = 3, pauseOnDispute: Bool = true, skipAutopay: Bool = false) {
        self.promiseGraceDays = promiseGraceDays; self.pauseOnDispute = pauseOnDispute
        self.skipAutopay = skipAutopay
    }
}

/// Contact pacing (SPEC §4 steps 6–8).
public struct ContactLimits: Sendable, Equatable {
    /// At most this many contacts per invoice in any 7 days (default 2; 1…7).
    public var maxContactsPer7Days: Int
    /// Weekend steps move to Monday (default true).
    public var businessDaysOnly: Bool
    /// One client's same-day, same-channel contacts become one (default false).
    public var consolidatePerClient: Bool
    public init(maxContactsPer7Days: Int = 2, businessDaysOnly: Bool = true, consolidatePerClient: Bool = false) {
        self.maxContactsPer7Days = maxContactsPer7Days; self.businessDaysOnly = businessDaysOnly
        self.consolidatePerClient = consolidatePerClient
    }
}

/// What waits for a person's approval in `copilot` mode.
public struct CopilotSettings: Sendable, Equatable {
    /// Channels, actors and tones whose steps need approval
    /// (default `call`, `voice_agent`, `firm`, `final`).
    public var approve: [ApprovalTrigger]
    /// Days from decision to contact for approved steps (default 1; 0…7).
    public var approvalDelayDays: Int
    /// Human minutes per approval (default 1.5).
    public var reviewMinutes: Double

    public init(approve: [ApprovalTrigger] = [.channel(.call), .channel(.voiceAgent), .tone(.firm), .tone(.final)],
                approvalDelayDays: Int = 1, reviewMinutes: Double = 1.5) {
        self.approve = approve; self.approvalDelayDays = approvalDelayDays; self.reviewMinutes = reviewMinutes
    }
}

/// An entry of `copilot.approve`: a channel, an actor or a tone name.
public enum ApprovalTrigger: Sendable, Hashable, CustomStringConvertible {
    case channel(Channel)
    case actor(ActorKind)
    case tone(Tone)

    /// Parses a channel, actor or tone name.
    public init?(name: String) {
        if let c = Channel(rawValue: name) { self = .channel(c) } else if let a = ActorKind(rawValue: name) {
            self = .actor(a)
        } else if let t = Tone(rawValue: name) { self = .tone(t) } else { return nil }
    }

    public var description: String {
        switch self {
        case .channel(let c): return c.rawValue
        case .actor(let a): return a.rawValue
        case .tone(let t): return t.rawValue
        }
    }
}

/// Where a policy came from (informational).
public struct Provenance: Sendable, Equatable {
    public var ledger: String?
    public var trainedOn: Day?
    public var recoupVersion: String?
    public init(ledger: String? = nil, trainedOn: Day? = nil, recoupVersion: String? = nil) {
        self.ledger = ledger; self.trainedOn = trainedOn; self.recoupVersion = recoupVersion
    }
}

/// What the workbench projected for this policy (informational; SPEC §6 names).
public struct Projections: Sendable, Equatable {
    public var dso: Double?
    public var collectionRate: Double?
    public var costPerInvoice: Double?
    public var humanHoursPerWeek: Double?
    public var contactsPerInvoice: Double?
    public var writeOffRate: Double?
    public init(dso: Double? = nil, collectionRate: Double? = nil, costPerInvoice: Double? = nil,
                humanHoursPerWeek: Double? = nil, contactsPerInvoice: Double? = nil, writeOffRate: Double? = nil) {
        self.dso = dso; self.collectionRate = collectionRate; self.costPerInvoice = costPerInvoice
        self.humanHoursPerWeek = humanHoursPerWeek; self.contactsPerInvoice = contactsPerInvoice
        self.writeOffRate = writeOffRate
    }
}

/// An Ed25519 signature over the canonical form of the document without its `signature`
/// member (docs/policy.md).
public struct PolicySignature: Sendable, Equatable {
    /// Always `ed25519`.
    public var alg: String
    /// 16 lower-case hex digits: the first 8 bytes of SHA-512 of the raw public key.
    public var keyId: String
    /// The 64-byte signature, base64.
    public var value: String
    public init(alg: String = "ed25519", keyId: String, value: String) {
        self.alg = alg; self.keyId = keyId; self.value = value
    }
}
