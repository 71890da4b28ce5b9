import Foundation
import RecoupPolicy

/// The fixed part of a replay, taken from the ledger: the invoices issued in the window, their
/// clients and issue schedule, the clients' earlier history (for the risk features), the events
/// no policy causes (credit notes, disputes a client opened without being contacted) and, for
/// `--policy history`, the actions as logged.
///
/// Only what happens after each invoice is issued is simulated. Per-invoice data are flat arrays
/// indexed by cohort position; a client's invoices are a contiguous range, in issue order.
public struct ReplayCohort: Sendable {
    /// One client with invoices in the window.
    public struct ClientEntry: Sendable {
        public var id: String
        public var autopay: Bool
        public var segment: String?
        /// Cohort positions of its invoices (issue order).
        public var invoices: Range<Int>
        /// Its risk history before the window, as the ledger knows it.
        var priorHistory: ClientRiskHistory
    }

    /// An action as logged (for the history replay).
    struct LoggedAction: Sendable {
        var day: Int
        var channel: Channel
        var actor: ActorKind
        var tone: Tone
        var minutes: Double?
    }

    /// A dispute the client opened without a contact that day: replayed as it happened, if the
    /// invoice is still open then.
    struct ExogenousDispute: Sendable {
        var openedOn: Int
        var days: Int
    }

    public let from: Day
    public let to: Day
    public var clients: [ClientEntry]
    public var invoiceIDs: [String]
    /// Position of each cohort invoice in `ledger.invoices` (the random draws' entity).
    public var ledgerPositions: [Int]
    public var issuedOn: [Int]
    public var dueOn: [Int]
    public var amount: [Int64]
    public var clientOf: [Int]
    var creditNotes: [[(day: Int, amount: Int64)]]
    var exogenousDisputes: [[ExogenousDispute]]
    var loggedActions: [[LoggedAction]]
    /// Counts of the three lists per invoice (checked first in the hot loop, so an invoice with
    /// none never touches its list).
    var creditCount: [Int] = []
    var exogenousCount: [Int] = []
    var actionCount: [Int] = []
    /// Write-off age (days past due) observed in the ledger: the median of its write-offs, else 120.
    public var historyWriteOffAfterDays: Int
    /// The last day any ledger row is dated.
    public var ledgerEnd: Day

    /// The number of invoices in the cohort.
    public var count: Int { invoiceIDs.count }
    /// Days in the issue window (`to − from + 1`).
    public var windowDays: Int { to - from + 1 }

    /// Prepares the replay of the invoices issued in `from...to` (default: the ledger's first
    /// and last issue days).
    /// - Throws: `SimulationError.emptyWindow` when no invoice was issued in the window.
    /// - Complexity: O(ledger rows · log rows).
    public init(ledger: Ledger, from: Day? = nil, to: Day? = nil) throws(SimulationError) {
        let allIssue = ledger.invoices.map(\.issuedOn)
        guard let first = allIssue.min(), let last = allIssue.max() else { throw .emptyWindow(from: from, to: to) }
        let from = from ?? first
        let to = to ?? last
        guard from <= to else { throw .badWindow(from: from, to: to) }
        self.from = from
        self.to = to

        var clientRows: [String: Client] = [:]
        for c in ledger.clients { clientRows[c.id] = c }
        var cohortByClient: [String: [Int]] = [:]
        var priorByClient: [String: [Int]] = [:]
        for (i, inv) in ledger.invoices.enumerated() {
            if inv.issuedOn >= from && inv.issuedOn <= to {
                cohortByClient[inv.clientID, default: []].append(i)
            } else if inv.issuedOn < from {
                priorByClient[inv.clientID, default: []].append(i)
            }
        }
        guard !cohortByClient.isEmpty else { throw .emptyWindow(from: from, to: to) }
        var paymentsOf: [String: [Payment]] = [:]
        for p in ledger.payments { if let id = p.invoiceID { paymentsOf[id, default: []].append(p) } }
        var adjustmentsOf: [String: [Adjustment]] = [:]
        for a in ledger.adjustments { adjustmentsOf[a.invoiceID, default: []].append(a) }
        var disputesOf: [String: [Dispute]] = [:]
        for d in ledger.disputes { disputesOf[d.invoiceID, default: []].append(d) }
        var actionsOf: [String: [CollectionAction]] = [:]
        for a in ledger.actions { actionsOf[a.invoiceID, default: []].append(a) }

        clients = []
        invoiceIDs = []; ledgerPositions = []; issuedOn = []; dueOn = []; amount = []; clientOf = []
        creditNotes = []; exogenousDisputes = []; loggedActions = []
        var durations: [Int] = []
        for d in ledger.disputes { if let r = d.resolvedOn, r > d.openedOn { durations.append(r - d.openedOn) } }
        durations.sort()
        let typicalDispute = durations.isEmpty ? 14 : durations[durations.count / 2]

        for clientID in cohortByClient.keys.sorted() {
            let row = clientRows[clientID]
            var history = ClientRiskHistory(since: row?.since, autopay: row?.autopay ?? false)
            for i in priorByClient[clientID] ?? [] {
                let inv = ledger.invoices[i]
                history.recordIssued(invoiceID: inv.id, issuedOn: inv.issuedOn, dueOn: inv.dueOn, amount: inv.amount)
                for p in paymentsOf[inv.id] ?? [] { history.recordPayment(invoiceID: inv.id, on: p.receivedOn, amount: p.amount) }
                for a in adjustmentsOf[inv.id] ?? [] {
                    history.recordAdjustment(invoiceID: inv.id, on: a.on, amount: a.amount, kind: a.kind)
                }
                for d in disputesOf[inv.id] ?? [] { history.recordDisputeOpened(invoiceID: inv.id, on: d.openedOn) }
            }
            let positions = (cohortByClient[clientID] ?? []).sorted {
                (ledger.invoices[$0].issuedOn, ledger.invoices[$0].id) < (ledger.invoices[$1].issuedOn, ledger.invoices[$1].id)
            }
            let start = invoiceIDs.count
            for i in positions {
                let inv = ledger.invoices[i]
                invoiceIDs.append(inv.id)
                ledgerPositions.append(i)
                issuedOn.append(inv.issuedOn.ordinal)
                dueOn.append(inv.dueOn.ordinal)
                amount.append(inv.amount.minorUnits)
                clientOf.append(clients.count)
                creditNotes.append((adjustmentsOf[inv.id] ?? []).filter { $0.kind == .creditNote }
                    .map { ($0.on.ordinal, $0.amount.minorUnits) }.sorted { $0.day < $1.day })
                let actions = (actionsOf[inv.id] ?? []).sorted { ($0.at, $0.id) < ($1.at, $1.id) }
                let contactDisputeDays = Set(actions.filter { $0.outcome == .dispute }.map(\.at))
                exogenousDisputes.append((disputesOf[inv.id] ?? [])
                    .filter { !contactDisputeDays.contains($0.openedOn) }
                    .map { d in
                        ExogenousDispute(openedOn: d.openedOn.ordinal,
                                         days: d.resolvedOn.map { max(1, $0 - d.openedOn) } ?? typicalDispute)
                    }
                    .sorted { $0.openedOn < $1.openedOn })
                loggedActions.append(actions.map {
                    LoggedAction(day: $0.at.ordinal, channel: $0.channel, actor: $0.channel == .call ? .human : $0.actor,
                                 tone: $0.tone, minutes: $0.minutes)
                })
            }
            clients.append(ClientEntry(id: clientID, autopay: row?.autopay ?? false, segment: row?.segment,
                                       invoices: start..<invoiceIDs.count, priorHistory: history))
        }

        creditCount = creditNotes.map(\.count)
        exogenousCount = exogenousDisputes.map(\.count)
        actionCount = loggedActions.map(\.count)
        var writeOffAges: [Int] = []
        var dueByID: [String: Day] = [:]
        for inv in ledger.invoices { dueByID[inv.id] = inv.dueOn }
        for a in ledger.adjustments where a.kind == .writeOff {
            if let due = dueByID[a.invoiceID] { writeOffAges.append(a.on - due) }
        }
        writeOffAges.sort()
        historyWriteOffAfterDays = writeOffAges.isEmpty ? 120 : max(1, writeOffAges[writeOffAges.count / 2])
        var end = last
        for p in ledger.payments { end = max(end, p.receivedOn) }
        for a in ledger.adjustments { end = max(end, a.on) }
        for a in ledger.actions { end = max(end, a.at) }
        ledgerEnd = end
    }
}

extension ReplayCohort {
    /// The same cohort with the arrays the replay reads in storage of its own (for one worker
    /// thread of the replay: see `ClientReplay.init`); the ids and client positions, which the
    /// replay does not read, stay shared.
    func threadCopy() -> ReplayCohort {
        func own<T>(_ a: [T]) -> [T] { a.withUnsafeBufferPointer { Array($0) } }
        var copy = self
        copy.clients = clients.map { entry in
            var entry = entry
            entry.priorHistory = entry.priorHistory.unshared()
            return entry
        }
        copy.ledgerPositions = own(ledgerPositions)
        copy.issuedOn = own(issuedOn); copy.dueOn = own(dueOn); copy.amount = own(amount)
        copy.creditNotes = own(creditNotes); copy.exogenousDisputes = own(exogenousDisputes)
        copy.loggedActions = own(loggedActions)
        copy.creditCount = own(creditCount); copy.exogenousCount = own(exogenousCount); copy.actionCount = own(actionCount)
        return copy
    }

    /// The last issue day of the window whose invoices all have a fate the ledger shows: due
    /// (at the cohort's longest terms) plus the write-off age (`historyWriteOffAfterDays`) falls
    /// on or before the ledger's last day, so each is paid, credited or written off by then.
    /// Nil when no day of the window has matured; `to` when the whole window has.
    ///
    /// The back-test compares the history's actual figures with its replay over this part of
    /// the window: an invoice still open at the ledger's end has no actual fate to compare with.
    public var maturedThrough: Day? {
        var longestTerms = 0
        for i in 0..<count { longestTerms = max(longestTerms, dueOn[i] - issuedOn[i]) }
        let last = ledgerEnd - (longestTerms + historyWriteOffAfterDays)
        guard last >= from else { return nil }
        return min(last, to)
    }
}
