import Foundation
import RecoupPolicy

/// Human-readable descriptions of a policy for `recoup policy show` and `policy init`'s README.
extension Policy {
    /// One line per step: `+10 call by a person, firm (approval)`.
    public func describe(_ step: CadenceStep) -> String {
        let day = step.day > 0 ? "+\(step.day)" : "\(step.day)"
        var channel = step.channel
        var human = step.channel == .call || step.actor == .human
        if mode == .manual { human = true; if channel == .voiceAgent { channel = .call } }
        var s = "\(day) \(channel.rawValue)\(human && channel != .call ? " by a person" : ""), \(step.tone.rawValue)"
        if mode == .copilot {
            let approve = Set(copilot.approve)
            let actor: ActorKind = human ? .human : .agent
            if approve.contains(.channel(channel)) || approve.contains(.actor(actor)) || approve.contains(.tone(step.tone)) {
                s += " (approval)"
            }
        }
        return s
    }

    /// A timeline of a cadence from the earliest step to the write-off, one character per
    /// `scale` days: `|` the due date, a letter per step (e email, s sms, v voice agent,
    /// c call, l letter; several on one slot show `*`), `X` the write-off.
    public func timeline(_ steps: [CadenceStep], from start: Int, width: Int = 60) -> String {
        let span = max(1, writeOffAfterDays - start)
        let scale = max(1, (span + width - 1) / width)
        var cells = [Character](repeating: "-", count: span / scale + 1)
        func slot(_ day: Int) -> Int { min(cells.count - 1, max(0, (day - start) / scale)) }
        if start <= 0 { cells[slot(0)] = "|" }
        for step in steps {
            let letter: Character
            switch step.channel {
            case .email: letter = "e"
            case .sms: letter = "s"
            case .voiceAgent: letter = mode == .manual ? "c" : "v"
            case .call: letter = "c"
            case .letter: letter = "l"
            }
            let i = slot(step.day)
            cells[i] = (cells[i] == "-" || cells[i] == "|") ? letter : "*"
        }
        cells[cells.count - 1] = "X"
        return String(cells) + "  (1 char = \(scale) day\(scale == 1 ? "" : "s"))"
    }

    /// What `recoup policy show` prints: mode, tiers, each tier's cadence as a timeline and a
    /// list, escalation, holds, limits, write-off and provenance.
    public func summary() -> String {
        var lines: [String] = []
        func fmt(_ d: Double) -> String { CanonicalJSON.numberText(d) }
        lines.append("Policy \"\(name)\" (\(Policy.schemaIdentifier))")
        switch mode {
        case .autonomous: lines.append("Mode: autonomous: the agent makes every agent step on its day; calls are made by a person.")
        case .copilot:
            lines.append("Mode: copilot: steps with \(copilot.approve.map(\.description).joined(separator: ", ")) wait \(copilot.approvalDelayDays) day\(copilot.approvalDelayDays == 1 ? "" : "s") for approval (\(fmt(copilot.reviewMinutes)) review minutes each); others go on their day.")
        case .manual: lines.append("Mode: manual: a person makes every step; voice-agent steps become calls.")
        }
        if let model = riskModel {
            lines.append("Risk model: sigmoid(\(fmt(model.intercept)) + Σ coef × (x − mean) / scale) over \(model.features.count) feature\(model.features.count == 1 ? "" : "s"):")
            for (i, f) in model.features.enumerated() where i < model.coefficients.count {
                lines.append("  \(f.padding(toLength: 20, withPad: " ", startingAt: 0)) coef \(fmt(model.coefficients[i]))  mean \(fmt(model.means[safe: i] ?? 0))  scale \(fmt(model.scales[safe: i] ?? 1))")
            }
        }
        lines.append("")
        lines.append("Tiers:")
        var lower = 0.0
        let nameWidth = max(6, tiers.map(\.name.count).max() ?? 0)
        for tier in tiers {
            let label = tier.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            if tiers.count == 1 {
                lines.append("  \(label) every invoice")
            } else if let below = tier.below {
                lines.append("  \(label) \(lower == 0 ? "" : "\(fmt(lower)) ≤ ")risk < \(fmt(below))")
                lower = below
            } else {
                lines.append("  \(label) risk ≥ \(fmt(lower))")
            }
        }
        lines.append("")
        let start = min(0, cadences.values.flatMap { $0 }.map(\.day).min() ?? 0)
        lines.append("Cadences (days past due; | due date, X write-off at \(writeOffAfterDays)):")
        for tier in tiers {
            let steps = cadences[tier.name] ?? []
            let label = tier.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            lines.append("  \(label) \(timeline(steps, from: start))")
            if steps.isEmpty { lines.append("  \(String(repeating: " ", count: nameWidth))   no reminders") }
            for step in steps { lines.append("  \(String(repeating: " ", count: nameWidth))   \(describe(step))") }
        }
        lines.append("")
        var conditions: [String] = []
        if let d = escalation.daysPastDue { conditions.append("\(d) days past due") }
        if let a = escalation.amountOver { conditions.append("open balance over \(a) once past due") }
        if let r = escalation.riskOver { conditions.append("risk over \(fmt(r)) once past due") }
        if let c = escalation.afterContacts { conditions.append("\(c) contacts with no payment") }
        if conditions.isEmpty {
            lines.append("Escalation: off.")
        } else {
            lines.append("Escalation: at \(conditions.joined(separator: ", or ")): a person calls (firm)\(escalation.stopAutomation ? " and the cadence stops" : "; the cadence goes on").")
        }
        lines.append("Holds: no contact while a promise is open (+\(holds.promiseGraceDays) days grace)\(holds.pauseOnDispute ? ", while a dispute is open" : "")\(holds.skipAutopay ? ", or before due+1 for autopay clients" : "").")
        lines.append("Limits: at most \(limits.maxContactsPer7Days) contact\(limits.maxContactsPer7Days == 1 ? "" : "s") per invoice in 7 days\(limits.businessDaysOnly ? "; weekends move to Monday" : "")\(limits.consolidatePerClient ? "; one client's same-day messages are merged" : "").")
        lines.append("Write-off: at \(writeOffAfterDays) days past due.")
        if let p = provenance {
            lines.append("Provenance: ledger \(p.ledger ?? "?"), trained on \(p.trainedOn?.iso ?? "?"), recoup \(p.recoupVersion ?? "?").")
        }
        if let p = projections {
            let parts = [("DSO", p.dso), ("collection rate", p.collectionRate), ("cost per invoice", p.costPerInvoice),
                         ("human hours/week", p.humanHoursPerWeek)].compactMap { k, v in v.map { "\(k) \(fmt($0))" } }
            lines.append("Projections: \(parts.joined(separator: ", ")).")
        }
        if let s = signature { lines.append("Signature: ed25519, key \(s.keyId).") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
