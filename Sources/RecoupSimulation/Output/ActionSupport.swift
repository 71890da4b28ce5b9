import RecoupPolicy

/// What a policy does that the history shows rarely or never (issue 18 item 3): actions
/// (channel, actor), tones, and the timing of its steps by days past due. The response model
/// estimates a contact's effect from the history, so an action the firm never took gets the
/// model's pooled prior for it (docs/models.md, "Channel effects and the shared prior"), not an
/// effect this ledger shows, and a step at a time the firm never contacted has no history to
/// check the model's dpd curve against; the policy's projection leans on the prior there.
///
/// A policy's actions are its cadence steps' (a `call` always by a person; in `manual` mode
/// every step by a person, a `voice_agent` step a person's `call`) and, when any escalation
/// condition is set, a person's call (tone firm). The history's are actions.csv's rows, their
/// timing days past due of the invoice on the action's day.
public struct ActionSupport: Sendable, Equatable {
    public var policy: String
    /// Actions the history never shows, as "email by an agent", "sms by a person", "voice_agent"
    /// or "call"; in a
    /// policy with several tiers, the tiers using them follow in parentheses.
    public var never: [String]
    /// Actions in under `rareShare` of the history's contacts.
    public var rarely: [String]
    /// Tones of the policy's steps whose class (firm and final, or soft and standard: the
    /// response model's tone term) the history never shows, or shows in under `rareShare`.
    public var neverTones: [String] = []
    public var rareTones: [String] = []
    /// Days-past-due bands (`HistoryPolicy.dpdBandLabels`) of the policy's steps in which the
    /// history made no contact, or under `rareShare` of its contacts.
    public var neverTiming: [String] = []
    public var rareTiming: [String] = []

    /// Below this share of the logged contacts an action counts as rare.
    public static let rareShare = 0.01

    /// The check of `policy` against `ledger`'s actions; nil for the history (its own actions).
    public static func check(_ policy: ReplayPolicy, ledger: Ledger) -> ActionSupport? {
        guard case .rules(let engine) = policy.kind else { return nil }
        let p = engine.policy
        struct Use { var channel: Channel; var actor: ActorKind; var tiers: [String] }
        var used: [Use] = []
        var tones: [Tone] = [], bands: [Int] = []
        func add(_ channel: Channel, _ actor: ActorKind, tone: Tone, day: Int?, tier: String?) {
            var channel = channel, actor: ActorKind = channel == .call ? .human : actor
            if p.mode == .manual { actor = .human; if channel == .voiceAgent { channel = .call } }
            if let i = used.firstIndex(where: { $0.channel == channel && $0.actor == actor }) {
                if let tier, !used[i].tiers.contains(tier) { used[i].tiers.append(tier) }
            } else {
                used.append(Use(channel: channel, actor: actor, tiers: tier.map { [$0] } ?? []))
            }
            if !tones.contains(tone) { tones.append(tone) }
            if let day, !bands.contains(HistoryPolicy.band(dpd: day)) { bands.append(HistoryPolicy.band(dpd: day)) }
        }
        for tier in p.tiers {
            for step in p.cadences[tier.name] ?? [] {
                add(step.channel, step.actor, tone: step.tone, day: step.day, tier: p.tiers.count > 1 ? tier.name : nil)
            }
        }
        let e = p.escalation
        if e.daysPastDue != nil || e.amountOver != nil || e.riskOver != nil || e.afterContacts != nil {
            add(.call, .human, tone: .firm, day: e.daysPastDue, tier: nil)
        }
        var counts: [String: Int] = [:], toneCounts: [Tone: Int] = [:]
        var bandCounts = [Int](repeating: 0, count: HistoryPolicy.dpdBands.count)
        var dueOn: [String: Day] = [:]
        for invoice in ledger.invoices { dueOn[invoice.id] = invoice.dueOn }
        for a in ledger.actions {
            counts[ActionSupport.name(a.channel, a.channel == .call ? .human : a.actor), default: 0] += 1
            toneCounts[a.tone, default: 0] += 1
            if let due = dueOn[a.invoiceID] { bandCounts[HistoryPolicy.band(dpd: a.at - due)] += 1 }
        }
        let total = Double(max(1, ledger.actions.count))
        func classify(_ n: Int) -> Int { n == 0 ? 0 : (Double(n) / total < rareShare ? 1 : 2) }
        var support = ActionSupport(policy: policy.name, never: [], rarely: [])
        for use in used {
            let key = ActionSupport.name(use.channel, use.actor)
            let shown = use.tiers.isEmpty || use.tiers.count == p.tiers.count ? key : "\(key) (\(use.tiers.joined(separator: ", ")))"
            switch classify(counts[key] ?? 0) {
            case 0: support.never.append(shown)
            case 1: support.rarely.append(shown)
            default: break
            }
        }
        // The response model knows tone only as firm (firm, final) or not (soft, standard), so a
        // tone is unsupported when no contact of its class appears.
        func isFirm(_ tone: Tone) -> Bool { tone >= .firm }
        for tone in tones.sorted() {
            let n = toneCounts.filter { isFirm($0.key) == isFirm(tone) }.reduce(0) { $0 + $1.value }
            switch classify(n) {
            case 0: support.neverTones.append(tone.rawValue)
            case 1: support.rareTones.append(tone.rawValue)
            default: break
            }
        }
        for band in bands.sorted() {
            switch classify(bandCounts[band]) {
            case 0: support.neverTiming.append(HistoryPolicy.dpdBandLabels[band])
            case 1: support.rareTiming.append(HistoryPolicy.dpdBandLabels[band])
            default: break
            }
        }
        return support
    }

    /// "email by an agent", "email by a person", "voice_agent", "call": who sends a channel both
    /// can use is always said, so "email" on a history of a bookkeeper's emails is not read as
    /// "email never appears".
    static func name(_ channel: Channel, _ actor: ActorKind) -> String {
        switch channel {
        case .voiceAgent, .call: return channel.rawValue
        case .email, .sms, .letter: return "\(channel.rawValue) by \(actor == .human ? "a person" : "an agent")"
        }
    }

    /// Whether every action of the policy appears in the history often enough.
    public var isSupported: Bool {
        never.isEmpty && rarely.isEmpty && neverTones.isEmpty && rareTones.isEmpty && neverTiming.isEmpty && rareTiming.isEmpty
    }

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
        if !neverTones.isEmpty {
            out.append("support \(policy): no contact in this history had a tone like \(list(neverTones)); "
                       + "the firm-tone effect is the prior's")
        }
        if !rareTones.isEmpty {
            out.append("support \(policy): the \(list(rareTones)) tone\(rareTones.count == 1 ? " is" : "s are") rare in this history")
        }
        if !neverTiming.isEmpty {
            out.append("support \(policy): the history made no contact at \(list(neverTiming)) days past due, where this policy "
                       + "has steps; their effect there is extrapolated")
        }
        if !rareTiming.isEmpty {
            out.append("support \(policy): contacts at \(list(rareTiming)) days past due are rare in this history")
        }
        return out
    }

    /// JSON members (without braces) for a projection's object.
    var json: String {
        func array(_ xs: [String]) -> String { "[" + xs.map(JSONText.string).joined(separator: ", ") + "]" }
        return "\"support\": { \"never\": \(array(never)), \"neverTiming\": \(array(neverTiming)), \"neverTones\": \(array(neverTones)), "
            + "\"rarely\": \(array(rarely)), \"rareTiming\": \(array(rareTiming)), \"rareTones\": \(array(rareTones)) }"
    }
}
