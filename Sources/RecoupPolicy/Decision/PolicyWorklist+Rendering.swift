import Foundation

extension PolicyWorklist.Item {
    /// Why a person owns this invoice, if one does.
    public var humanReasons: [String] {
        var reasons: [String] = []
        if isEscalated { reasons.append(escalatedToday ? "escalated today" : "escalated") }
        if disputeOpenedToday { reasons.append("dispute opened today: handle it") } else if isDisputeOpen { reasons.append("dispute open") }
        return reasons
    }
}

extension PolicyContact {
    /// `person` or `agent`.
    public var whoDoesIt: String { actor == .human ? "person" : "agent" }
}

extension PolicyWorklist {
    /// The worklist as JSON (`recoup plan --format json`): every open invoice with its actions,
    /// the consolidated contacts and the human queue. Deterministic for a given store and date.
    public var jsonValue: JSONValue {
        func contact(_ c: PolicyContact) -> JSONValue {
            .object([
                JSONMember("channel", .string(c.channel.rawValue)),
                JSONMember("actor", .string(c.actor.rawValue)),
                JSONMember("tone", .string(c.tone.rawValue)),
                JSONMember("escalation", .bool(c.isEscalation)),
                JSONMember("needsApproval", .bool(c.needsApproval)),
                JSONMember("decidedOn", .string(c.decidedOn.iso)),
                JSONMember("executesOn", .string(c.executesOn.iso)),
            ])
        }
        func item(_ i: Item) -> JSONValue {
            .object([
                JSONMember("invoice", .string(i.invoiceID)),
                JSONMember("client", .string(i.clientID)),
                JSONMember("openBalance", .number(JSONNumber(text: i.openBalance.decimalString, value: i.openBalance.units))),
                JSONMember("risk", .number(JSONNumber((i.risk * 1e6).rounded() / 1e6))),
                JSONMember("tier", .string(i.tierName)),
                JSONMember("daysPastDue", .number(JSONNumber(i.daysPastDue))),
                JSONMember("valueAtRisk", .number(JSONNumber((i.valueAtRisk * 100).rounded() / 100))),
                JSONMember("writeOff", .bool(i.writeOff)),
                JSONMember("held", .bool(i.isHeld)),
                JSONMember("humanQueue", .array(i.humanReasons.map { .string($0) })),
                JSONMember("actions", .array(i.contacts.map(contact))),
            ])
        }
        return .object([
            JSONMember("date", .string(date.iso)),
            JSONMember("policy", .string(policyName)),
            JSONMember("mode", .string(mode.rawValue)),
            JSONMember("verified", .bool(isPolicyVerified)),
            JSONMember("invoices", .array(items.map(item))),
            JSONMember("contacts", .array(contacts.map { c in
                .object([JSONMember("client", .string(c.clientID)),
                         JSONMember("invoices", .array(c.invoiceIDs.map { .string($0) })),
                         JSONMember("contact", contact(c.contact))])
            })),
            JSONMember("humanQueue", .array(humanQueue.map { .string($0.invoiceID) })),
        ])
    }

    /// The worklist as text for a person: counts, today's actions by value at risk, the human
    /// queue, write-offs. Ids and the policy name are escaped for the terminal
    /// (`TerminalText.escaped`).
    public func tableText() -> String {
        var out: [String] = []
        let made = contacts.filter { $0.contact.executes(on: date) }
        let awaiting = contacts.filter { $0.contact.isReviewed(on: date) && !$0.contact.executes(on: date) }
        out.append("Worklist for \(date.iso) under \"\(TerminalText.escaped(policyName))\" (\(mode.rawValue) mode)"
            + (isPolicyVerified ? ", signature verified"
                : " — UNVERIFIED policy (not signed by a trusted key; --unverified): not what the live agent would run"))
        out.append("\(items.count) open invoice\(items.count == 1 ? "" : "s"); \(made.count) contact\(made.count == 1 ? "" : "s") today, \(awaiting.count) awaiting approval; human queue: \(humanQueue.count).")
        func pad(_ text: String, _ n: Int, right: Bool = false) -> String {
            let s = TerminalText.escaped(text)
            return s.count >= n ? s : right ? String(repeating: " ", count: n - s.count) + s : s + String(repeating: " ", count: n - s.count)
        }
        let active = items.filter { !$0.contacts.isEmpty || $0.writeOff }
        if active.isEmpty {
            out.append("")
            out.append("No contacts today.")
        } else {
            out.append("")
            out.append("Today, highest value at risk first:")
            out.append("  " + [pad("invoice", 12), pad("client", 10), pad("balance", 12, right: true), pad("risk", 5, right: true),
                               pad("tier", 8), pad("dpd", 5, right: true), pad("action", 34), pad("who", 7), "approval"].joined(separator: " "))
            for item in active {
                let actions: [(String, String, String)] = item.writeOff ? [("write off the open balance", "person", "")] :
                    item.contacts.map { c in
                        let what = "\(c.channel.rawValue), \(c.tone.rawValue)\(c.isEscalation ? " (escalation)" : "")"
                        let approval: String
                        if !c.needsApproval { approval = "" } else if c.executes(on: date) && c.decidedOn != date {
                            approval = "approved \(c.decidedOn.iso)"
                        } else if c.executes(on: date) {
                            approval = "approve today"
                        } else {
                            approval = "approve → makes it \(c.executesOn.iso)"
                        }
                        return (what, c.whoDoesIt, approval)
                    }
                for (k, action) in actions.enumerated() {
                    let lead = k == 0
                        ? [pad(item.invoiceID, 12), pad(item.clientID, 10), pad(item.openBalance.decimalString, 12, right: true),
                           pad(String(format: "%.2f", item.risk), 5, right: true), pad(item.tierName, 8),
                           pad(item.daysPastDue > 0 ? "+\(item.daysPastDue)" : "\(item.daysPastDue)", 5, right: true)]
                        : [pad("", 12), pad("", 10), pad("", 12), pad("", 5), pad("", 8), pad("", 5)]
                    out.append("  " + (lead + [pad(action.0, 34), pad(action.1, 7), action.2]).joined(separator: " "))
                }
            }
        }
        let merged = contacts.filter { $0.invoiceIDs.count > 1 }
        if !merged.isEmpty {
            out.append("")
            out.append("Consolidated (one message per client):")
            for m in merged {
                out.append("  \(TerminalText.escaped(m.clientID)): \(m.contact.channel.rawValue), \(m.contact.tone.rawValue) covering \(TerminalText.escaped(m.invoiceIDs.joined(separator: ", ")))")
            }
        }
        out.append("")
        if humanQueue.isEmpty {
            out.append("Human queue: empty.")
        } else {
            out.append("Human queue:")
            for item in humanQueue {
                out.append("  " + [pad(item.invoiceID, 12), pad(item.clientID, 10), pad(item.openBalance.decimalString, 12, right: true),
                                   pad(item.daysPastDue > 0 ? "+\(item.daysPastDue)" : "\(item.daysPastDue)", 5, right: true),
                                   item.humanReasons.joined(separator: "; ")].joined(separator: " "))
            }
        }
        return out.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n") + "\n"
    }
}
