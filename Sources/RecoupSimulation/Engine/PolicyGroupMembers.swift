import RecoupPolicy

/// The members of a `ReplayGroup` replayed together (`ClientReplay.replayShared`): each
/// invoice starts as one variant shared by every member and splits where members' contacts on
/// it differ. Per invoice and member (`MemberBuffers`, index `k * count + m`): the member's
/// policy state, next decision day and variant.
struct PolicyGroupMembers: ReplayMembers {
    static var sharesVariants: Bool { true }
    let group: ReplayGroup
    let memberBuffers: MemberBuffers
    let count: Int
    /// Member `i`'s account (the replayer's storage, moved in for one replay).
    var accounts: [ReplayAccount] = []

    init(group: ReplayGroup, memberBuffers: MemberBuffers) {
        self.group = group
        self.memberBuffers = memberBuffers
        count = group.members.count
    }

    var usesRisk: Bool { group.usesRisk }
    var writeOffAfter: Int { group.writeOffAfter }

    subscript(account m: Int) -> ReplayAccount {
        get { accounts[m] }
        _modify { yield &accounts[m] }
    }

    @inline(__always) func variant(invoice k: Int, member m: Int) -> Int { memberBuffers.variant[k * count + m] }

    mutating func issue(invoice k: Int, global g: Int, variant v: Int, replay: inout ClientReplay) {
        let mb = memberBuffers
        for m in 0..<count {
            var risk = 0.0
            if group.usesRisk {
                replay.issueFeatures(global: g, history: accounts[m].history)
                risk = group.engines[m].risk(featureValues: replay.riskFeatures)
                replay.recordIssue(global: g, history: &accounts[m].history)
            }
            mb.state[k * count + m] = group.engines[m].makeState(risk: risk)
            mb.next[k * count + m] = replay.cohort.issuedOn[g]
            mb.variant[k * count + m] = v
            replay.charges.issue(amount: replay.cohort.amount[g], into: &accounts[m])
        }
        mb.minNext[k] = replay.cohort.issuedOn[g]
    }

    @inline(__always) mutating func setNextDecision(invoice k: Int, member m: Int, day d: Int) {
        memberBuffers.next[k * count + m] = d
        memberBuffers.minNext[k] = min(memberBuffers.minNext[k], d)
    }

    @inline(__always) mutating func lowerNextDecision(invoice k: Int, member m: Int, day d: Int) {
        let mk = k * count + m
        memberBuffers.next[mk] = min(memberBuffers.next[mk], d)
        memberBuffers.minNext[k] = min(memberBuffers.minNext[k], d)
    }

    @inline(__always) mutating func recordPayment(invoice k: Int, member m: Int, day d: Int) {
        lowerNextDecision(invoice: k, member: m, day: d + 1)
        group.engines[m].recordPayment(&memberBuffers.state[k * count + m])
    }

    /// Open invoice-days: those of the variants each member left, and of the ones it ended in.
    mutating func finish(invoices n: Int, invoiceDays: Int, replay: inout ClientReplay) {
        for m in 0..<count {
            var days = replay.lists.memberDays[m]
            for k in 0..<n { days += replay.variantDays[memberBuffers.variant[k * count + m]] }
            accounts[m].tally[.invoiceDays] += Double(days)
        }
    }

    /// Each member's decisions; variants split where members' contacts differ; the contacts
    /// made; each member charged in its own order.
    mutating func contact(on day: Day, first: Int, autopay: Bool, replay: inout ClientReplay) {
        guard replay.decideShared(day: day, first: first, autopay: autopay, group: group) else { return }
        let d = day.ordinal
        replay.splitAndContact(day: d, group: group)
        let width = ReplayBuffers.contactsPerDay
        for m in 0..<count {
            for e in replay.lists.plans[m] {
                if e.reviewed {
                    replay.charges.review(minutes: group.reviewMinutes[m], money: group.reviewMoney[m], into: &accounts[m])
                }
                guard e.executes else { continue }
                let k = e.invoice
                if e.countsOnce {
                    replay.charges.contact(channel: e.contact.channel, actor: e.contact.actor,
                                           isEscalation: e.contact.isEscalation, loggedMinutes: nil, into: &accounts[m])
                }
                let outcome = replay.outcomes[memberBuffers.variant[k * count + m] * width + e.index]
                switch outcome {
                case .nothing: break
                case .promise: lowerNextDecision(invoice: k, member: m, day: d + 1)
                case .dispute: lowerNextDecision(invoice: k, member: m, day: d)
                }
                replay.charges.outcome(outcome, position: replay.historyBase + k, on: d, into: &accounts[m])
            }
        }
    }
}
