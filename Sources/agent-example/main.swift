// A live collections agent in one file, linking RecoupPolicy only (docs/agent-api.md).
//
//     agent-example POLICY.json KEY.pub [YYYY-MM-DD]
//
// Loads a signed policy, trusting only the public key given (plus $RECOUP_TRUSTED_KEYS),
// refuses it unless the signature verifies, and prints what the policy decides on the day
// (default 2026-11-30) for a small ledger of three clients: one line per open invoice, then
// one line per contact. A real agent reads its ledger from its accounting system; this one is
// written out below so the example runs anywhere. Exit status 1 with the reason on standard
// error when the key, the policy or its signature is refused.
import Foundation
import RecoupPolicy

/// The example's small ledger: four invoices of three clients, one part-paid, one disputed.
func exampleLedger() throws -> Ledger {
    func day(_ text: String) throws -> Day { try Day(iso: text) }
    func money(_ text: String) throws -> Money { try Money(decimal: text) }
    return Ledger(
        clients: [Client(id: "acme", name: "Acme Dental"), Client(id: "birch", name: "Birch & Co"),
                  Client(id: "cedar", name: "Cedar Clinic", autopay: true)],
        invoices: [
            Invoice(id: "INV-101", clientID: "acme", issuedOn: try day("2026-09-01"), dueOn: try day("2026-10-01"),
                    amount: try money("1800.00")),
            Invoice(id: "INV-102", clientID: "acme", issuedOn: try day("2026-10-20"), dueOn: try day("2026-11-19"),
                    amount: try money("240.50")),
            Invoice(id: "INV-103", clientID: "birch", issuedOn: try day("2026-10-01"), dueOn: try day("2026-10-31"),
                    amount: try money("5200.00")),
            Invoice(id: "INV-104", clientID: "cedar", issuedOn: try day("2026-10-27"), dueOn: try day("2026-11-26"),
                    amount: try money("960.00")),
        ],
        payments: [Payment(id: "PAY-1", clientID: "acme", receivedOn: try day("2026-10-15"), amount: try money("800.00"),
                           invoiceID: "INV-101")],
        disputes: [Dispute(invoiceID: "INV-103", openedOn: try day("2026-11-20"), reason: "hours in question")])
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2 || arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: agent-example POLICY.json KEY.pub [YYYY-MM-DD]\n".utf8))
    exit(2)
}
let policyPath = arguments[arguments.startIndex], keyPath = arguments[arguments.startIndex + 1]
let dayText = arguments.count == 3 ? arguments[arguments.startIndex + 2] : "2026-11-30"

do {
    // 1. Trust: the keys the agent accepts signatures from.
    let keys = try TrustedKeys.load(files: [keyPath],
                                    trustStore: ProcessInfo.processInfo.environment[TrustedKeys.environmentVariable])
    // 2. The policy: read, signature verified against `keys`, decoded and validated.
    let document = try PolicyDocument.load(path: policyPath, trustedKeys: keys)
    let engine = try PolicyEngine(document.policy)
    // 3. The day's decisions, replayed from each open invoice's issue day.
    let worklist = PolicyWorklist.make(engine: engine, ledger: try exampleLedger(), on: try Day(iso: dayText))
    print("policy \(document.policy.name) (\(document.signatureStatus)), \(worklist.date.iso)")
    for item in worklist.items {
        let state = item.writeOff ? "write off" : item.isHeld ? "held" : item.isEscalated ? "escalated" : "open"
        print("\(item.invoiceID) \(item.clientID) \(item.openBalance.decimalString) dpd \(item.daysPastDue) "
            + "tier \(item.tierName) \(state): \(item.contacts.count) contact\(item.contacts.count == 1 ? "" : "s")")
    }
    for merged in worklist.contacts {
        let contact = merged.contact
        let when = contact.executes(on: worklist.date) ? "today" : "after approval, on \(contact.executesOn.iso)"
        print("contact \(merged.clientID) about \(merged.invoiceIDs.joined(separator: ", ")): "
            + "\(contact.channel.rawValue), \(contact.tone.rawValue), by \(contact.actor.rawValue), \(when)")
    }
} catch let error as PolicyError {
    FileHandle.standardError.write(Data("agent-example: \(error.description)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("agent-example: \(error)\n".utf8))
    exit(1)
}
