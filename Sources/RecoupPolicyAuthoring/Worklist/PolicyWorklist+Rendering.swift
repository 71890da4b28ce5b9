import Foundation
import RecoupPolicy

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
            // Rows of cells first, then each column as wide as its widest cell, so the table is
            // as narrow as its contents (it fits 100 columns for ordinary ids).
            var rows: [[String]] = [["invoice", "client", "balance", "risk", "tier", "dpd", "action", "who", "approval"]]
            for item in active {
                let actions: [(String, String, String)] = item.writeOff ? [("write off the open balance", "person", "")] :
                    item.contacts.map { c in
                        let what = (c.isEscalation ? "escalate: " : "") + "\(c.channel.rawValue), \(c.tone.rawValue)"
                        let approval: String
                        if !c.needsApproval { approval = "" } else if c.executes(on: date) && c.decidedOn != date {
                            approval = "approved \(c.decidedOn.iso)"
                        } else if c.executes(on: date) {
                            approval = "approve today"
                        } else {
                            approval = "approve → \(c.executesOn.iso)"
                        }
                        return (what, c.whoDoesIt, approval)
                    }
                for (k, action) in actions.enumerated() {
                    let lead = k == 0
                        ? [item.invoiceID, item.clientID, item.openBalance.decimalString, String(format: "%.2f", item.risk),
                           item.tierName, item.daysPastDue > 0 ? "+\(item.daysPastDue)" : "\(item.daysPastDue)"]
                        : ["", "", "", "", "", ""]
                    rows.append(lead + [action.0, action.1, action.2])
                }
            }
            let rightAligned: Set<Int> = [2, 3, 5]
            var widths = [Int](repeating: 0, count: rows[0].count)
            for row in rows { for (j, cell) in row.enumerated() { widths[j] = max(widths[j], TerminalText.escaped(cell).count) } }
            for row in rows {
                let cells = row.enumerated().map { j, cell in
                    j == row.count - 1 ? TerminalText.escaped(cell) : pad(cell, widths[j], right: rightAligned.contains(j))
                }
                out.append(cells.joined(separator: "  "))
            }
            if rows.contains(where: { $0.last?.hasPrefix("approve →") == true }) {
                out.append("approve → D: once a person approves it, it is made on D (the copilot's delay).")
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
