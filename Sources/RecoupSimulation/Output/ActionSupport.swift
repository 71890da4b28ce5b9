import RecoupPolicy

/// The actions (channel, actor) a policy takes that the history shows rarely or never (issue 18
/// item 3): the response model estimates a contact's effect from the history, so an action the
/// firm never took gets the model's pooled prior for it, not an effect this ledger shows, and
/// the policy's projection leans on that prior.
///
/// A policy's actions are its cadence steps' (a `call` always by a person; in `manual` mode
/// every step by a person, a `voice_agent` step a person's `call`) and, when any escalation
/// condition is set, a person's call. The history's are actions.csv's rows.
public struct ActionSupport: Sendable, Equatable {
    public var policy: String
    /// Actions the history never shows, as "channel" (agent) or "channel by a person".
    public var never: [String]
    /// Actions in under `rareShare` of the history's contacts.
    public var rarely: [String]

    /// Below this share of the logged contacts an action counts as rare.
    public static let rareShare = 0.01

    /// The check of `policy` against `ledger`'s actions; nil for the history (its own actions).
    public static func check(_ policy: ReplayPolicy, ledger: Ledger) -> ActionSupport? {
        guard case .rules(let engine) = policy.kind else { return nil }
        let p = engine.policy
        var used: [(Channel, ActorKind)] = []
        func add(_ channel: Channel, _ actor: ActorKind) {
            var channel = channel, actor: ActorKind = channel == .call ? .human : actor
            if p.mode == .manual { actor = .human; if channel == .voiceAgent { channel = .call } }
            if !used.contains(where: { $0 == (channel, actor) }) { used.append((channel, actor)) }
        }
        for tier in p.tiers { for step in p.cadences[tier.name] ?? [] { add(step.channel, step.actor) } }
        let e = p.escalation
        if e.daysPastDue != nil || e.amountOver != nil || e.riskOver != nil || e.afterContacts != nil { add(.call, .human) }
        var counts: [String: Int] = [:]
        for a in ledger.actions { counts[ActionSupport.name(a.channel, a.channel == .call ? .human : a.actor), default: 0] += 1 }
        let total = Double(max(1, ledger.actions.count))
        var never: [String] = [], rarely: [String] = []
        for (channel, actor) in used {
            let key = ActionSupport.name(channel, actor)
            let n = counts[key] ?? 0
            if n == 0 { never.append(key) } else if Double(n) / total < rareShare { rarely.append(key) }
        }
        return ActionSupport(policy: policy.name, never: never, rarely: rarely)
    }

    static func name(_ channel: Channel, _ actor: ActorKind) -> String {
        actor == .human && channel != .call ? "\(channel.rawValue) by a person" : channel.rawValue
    }

    /// Whether every action of the policy appears in the history often enough.
    public var isSupported: Bool { never.isEmpty && rarely.isEmpty }

    /// The report's lines ("sms and voice_agent never appear in this history; …"), none when supported.
    public var lines: [String] {
        func list(_ xs: [String]) -> String { xs.count == 1 ? xs[0] : xs.dropLast().joined(separator: ", ") + " and " + xs[xs.count - 1] }
        var out: [String] = []
        if !never.isEmpty {
            out.append("support \(policy): \(list(never)) never \(never.count == 1 ? "appears" : "appear") in this history; "
                       + "\(never.count == 1 ? "its effect is" : "their effects are") the prior's")
        }
        if !rarely.isEmpty {
            out.append("support \(policy): \(list(rarely)) \(rarely.count == 1 ? "is" : "are") rare in this history "
                       + "(under 1% of its contacts)")
        }
        return out
    }

    /// JSON members (without braces) for a projection's object.
    var json: String {
        "\"support\": { \"never\": [\(never.map(JSONText.string).joined(separator: ", "))], \"rarely\": [\(rarely.map(JSONText.string).joined(separator: ", "))] }"
    }
}
