import Foundation
import Testing
@testable import RecoupSynthetic
import RecoupPolicy

/// The history kinds of `recoup generate --history` (docs/synthetic-world.md): each writes the
/// actor, minutes and timing pattern its doc comment states, the same bytes for the same seed,
/// and `randomised` writes exactly what it did before the other kinds existed.
@Suite struct HistoryCadenceTests {
    static let world = SyntheticWorld(parameters: WorldParameters(clients: 200, months: 12, seed: 5))
    static let manual = world.makeHistoryLedger(history: .manual)
    static let fixed = world.makeHistoryLedger(history: .fixed)
    static let tiered = world.makeHistoryLedger(history: .tiered)

    static func dueDays(_ ledger: Ledger) -> [String: Day] {
        Dictionary(uniqueKeysWithValues: ledger.invoices.map { ($0.id, $0.dueOn) })
    }

    /// FNV-1a (64-bit) of a file's bytes: a digest that needs no crypto library.
    static func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func writeBundle(_ world: SyntheticWorld, history: HistoryCadence, name: String) throws -> [String: Data] {
        let dir = WorldFixtures.temporaryDirectory("history-" + name)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try world.writeBundle(to: dir, history: history)
        var out: [String: Data] = [:]
        for f in CSVBundleWriter.fileNames { out[f] = try Data(contentsOf: dir.appendingPathComponent(f)) }
        return out
    }

    // MARK: randomised

    /// The digests were computed from the bundle that `recoup generate --out DIR --clients 60
    /// --months 6 --seed 11` wrote when built at commit d1569c7 (main, before `--history`
    /// existed), with FNV-1a over each file's bytes; the base commit's sha256 of actions.csv was
    /// 2cd3df2330c80c7f…. Any change here moves the truth tests' reference numbers.
    @Test func randomisedIsByteIdenticalToTheBaseCommit() throws {
        let expected: [String: UInt64] = [
            "actions.csv": 0x7424_7b47_866c_7290, "adjustments.csv": 0xc24d_71f5_aa57_0f3b,
            "clients.csv": 0x4a33_e2d0_3904_700e, "deposits.csv": 0x0ec9_4e24_3d13_86cd,
            "disputes.csv": 0xd4e7_869e_91c7_cf4f, "invoices.csv": 0xfb7b_36fc_83df_fe0f,
            "payments.csv": 0xec6a_f3c1_0809_fa20, "promises.csv": 0x4039_b135_cce8_474a,
            "timesheet.csv": 0xc137_e618_41b6_479b,
        ]
        let world = SyntheticWorld(parameters: WorldParameters(clients: 60, months: 6, seed: 11))
        let files = try Self.writeBundle(world, history: .randomised, name: "randomised")
        for (name, digest) in expected {
            let data = try #require(files[name])
            #expect(Self.fnv1a(data) == digest, "\(name) changed under the randomised history")
        }
    }

    // MARK: Determinism

    @Test(arguments: ["manual", "fixed", "tiered"])
    func sameSeedSameBytes(kind: String) throws {
        let history = try #require(HistoryCadence.builtIn[kind])
        let world = SyntheticWorld(parameters: WorldParameters(clients: 40, months: 6, seed: 3))
        let a = try Self.writeBundle(world, history: history, name: kind + "-a")
        let b = try Self.writeBundle(world, history: history, name: kind + "-b")
        for f in CSVBundleWriter.fileNames { #expect(a[f] == b[f], "\(kind): \(f) differs for the same seed") }
        let other = SyntheticWorld(parameters: WorldParameters(clients: 40, months: 6, seed: 4))
        let c = try Self.writeBundle(other, history: history, name: kind + "-c")
        #expect(a["actions.csv"] != c["actions.csv"])
    }

    // MARK: manual

    @Test func manualActionsAreHumanWithMinutesAndNoPropensity() {
        let actions = Self.manual.actions
        #expect(actions.count > 500)
        for a in actions {
            #expect(a.actor == .human, "\(a.id) actor \(a.actor)")
            #expect(a.propensity == nil, "\(a.id) has a propensity")
            #expect(a.channel == .email || a.channel == .call, "\(a.id) channel \(a.channel)")
            #expect(a.tone == .soft || a.tone == .firm)
            #expect(!a.at.isWeekend, "\(a.id) on a weekend")
            guard let minutes = a.minutes else { Issue.record("\(a.id) has no minutes"); continue }
            #expect(minutes >= (a.channel == .call ? 3 : 2) && minutes == minutes.rounded())
        }
        // Normal(4, 1.5²) floored at 2 has mean about 4.0; Normal(9, 3²) floored at 3 about 9.0.
        func mean(_ channel: Channel) -> Double {
            let m = actions.filter { $0.channel == channel }.compactMap(\.minutes)
            return m.reduce(0, +) / Double(max(1, m.count))
        }
        #expect(abs(mean(.email) - 4) < 0.4)
        #expect(abs(mean(.call) - 9) < 1.0)
    }

    @Test func manualEmailsComeNearFiveAndTwentyDaysAndCallsAfterUnansweredEmails() {
        let due = Self.dueDays(Self.manual)
        var emailsNearSteps = 0
        var emails = 0
        var byInvoice: [String: [CollectionAction]] = [:]
        for a in Self.manual.actions { byInvoice[a.invoiceID, default: []].append(a) }
        for a in Self.manual.actions {
            guard let dueOn = due[a.invoiceID] else { Issue.record("\(a.id) unknown invoice"); continue }
            let dpd = a.at - dueOn
            switch a.channel {
            case .email:
                emails += 1
                // 0–3 days of lateness, a weekend, and now and then a busy week.
                if (5...12).contains(dpd) || (20...27).contains(dpd) { emailsNearSteps += 1 }
                #expect(dpd >= 5)
            case .call:
                #expect(dpd >= 35, "\(a.id) calls at \(dpd) days past due")
                let earlier = byInvoice[a.invoiceID, default: []].filter { $0.channel == .email && a.at - $0.at >= 7 }
                #expect(!earlier.isEmpty, "\(a.id) calls with no email a week before")
            default:
                Issue.record("\(a.id) channel \(a.channel)")
            }
        }
        #expect(Double(emailsNearSteps) >= 0.8 * Double(emails), "\(emailsNearSteps) of \(emails) emails near 5 or 20 dpd")
        // At most one contact per step: two emails and a call.
        for (id, list) in byInvoice {
            #expect(list.filter { $0.channel == .email }.count <= 2, "\(id) has more than two emails")
            #expect(list.filter { $0.channel == .call }.count <= 1, "\(id) has more than one call")
        }
    }

    @Test func manualSkipsBusyWeeks() throws {
        // About 15% of weeks nobody chases (one draw per week for the firm). Once the window's
        // first invoices are all past due (two months on) every other week has dozens of
        // actions, so the weeks without any are exactly the busy ones.
        let mondays = Set(Self.manual.actions.map { $0.at - ($0.at.isoWeekday - 1) })
        let first = try #require(mondays.min()) + 56, last = try #require(mondays.max())
        let weeks = (last - first) / 7 + 1
        let active = mondays.filter { $0 >= first }.count
        let quiet = Double(weeks - active) / Double(weeks)
        #expect(quiet > 0.05 && quiet < 0.3, "\(weeks - active) of \(weeks) weeks without an action")
        let chasing = ManualChasing(parameters: Self.world.parameters)
        for monday in stride(from: first.ordinal, through: last.ordinal, by: 7).map(Day.init(ordinal:)) {
            #expect(chasing.isBusyWeek(monday) == !mondays.contains(monday), "week of \(monday.iso)")
        }
    }

    @Test func manualNeverChasesOnHeldDays() {
        var actionsByInvoice: [String: [CollectionAction]] = [:]
        for a in Self.manual.actions { actionsByInvoice[a.invoiceID, default: []].append(a) }
        let grace = Self.world.parameters.promiseGraceDays
        for d in Self.manual.disputes {
            for a in actionsByInvoice[d.invoiceID, default: []] where a.outcome != .dispute {
                let isOpen = a.at >= d.openedOn && (d.resolvedOn.map { a.at < $0 } ?? true)
                #expect(!isOpen, "\(a.id) on \(a.at.iso) while a dispute is open")
            }
        }
        for p in Self.manual.promises {
            for a in actionsByInvoice[p.invoiceID, default: []] {
                #expect(!(a.at > p.madeOn && a.at <= p.promisedOn + grace), "\(a.id) on \(a.at.iso) during a live promise")
            }
        }
    }

    @Test func manualTimesheetBooksEveryActionAndEveryDeposit() {
        let ledger = Self.manual
        let p = Self.world.parameters
        func booked(_ task: TimesheetTask) -> Double {
            ledger.timesheet.filter { $0.task == task }.reduce(0) { $0 + $1.minutes }
        }
        let emailMinutes = ledger.actions.filter { $0.channel == .email }.compactMap(\.minutes).reduce(0, +)
        let callMinutes = ledger.actions.filter { $0.channel == .call }.compactMap(\.minutes).reduce(0, +)
        #expect(booked(.reminders) == emailMinutes)
        #expect(booked(.calls) == callMinutes)
        // 2 minutes per deposit matched by hand, plus 6 per deposit whose memo names no invoice.
        let exceptions = ledger.deposits.filter { $0.reference?.contains(" REF ") ?? false }.count
        let expected = p.depositMatchingMinutes * Double(ledger.deposits.count) + p.reconciliationMinutes * Double(exceptions)
        #expect(booked(.reconciliation) == expected)
        // The randomised history books exceptions only.
        let randomised = Self.world.makeHistoryLedger()
        let randomisedExceptions = randomised.deposits.filter { $0.reference?.contains(" REF ") ?? false }.count
        let randomisedBooked = randomised.timesheet.filter { $0.task == .reconciliation }.reduce(0) { $0 + $1.minutes }
        #expect(randomisedBooked == p.reconciliationMinutes * Double(randomisedExceptions))
    }

    // MARK: fixed

    @Test func fixedEmailsFallOnTheCadenceDaysWithPropensityOne() {
        let due = Self.dueDays(Self.fixed)
        let steps = Self.world.parameters.fixedSteps
        #expect(Self.fixed.actions.count > 1_000)
        for a in Self.fixed.actions {
            #expect(a.actor == .agent && a.channel == .email && a.minutes == nil && a.propensity == 1, "\(a.id)")
            guard let dueOn = due[a.invoiceID] else { continue }
            #expect(steps.contains { $0.falls(on: a.at, dueOn: dueOn) && $0.tone == a.tone }, "\(a.id) at \(a.at - dueOn) dpd")
        }
        #expect(Self.fixed.timesheet.allSatisfy { $0.task != .reminders && $0.task != .calls })
    }

    // MARK: tiered

    @Test(arguments: [(0, 0, 1), (1, 1, 1), (2, 0, 0), (10, 1, 0), (10, 2, 1), (5, 2, 1), (4, 2, 2), (2, 2, 2)])
    func tierFollowsThePastShareClosedLate(closed: Int, late: Int, tier: Int) {
        // Fewer than 2 closed: medium; late share ≥ 0.5 high, ≥ 0.2 medium, else low.
        #expect(TieredCadence.tier(closed: closed, late: late, parameters: WorldParameters()) == tier)
    }

    @Test func tieredInvoicesFollowOneTiersStepsAndRiskierClientsHearEarlier() {
        let due = Self.dueDays(Self.tiered)
        let tiers = Self.world.parameters.tieredSteps
        var byInvoice: [String: [CollectionAction]] = [:]
        for a in Self.tiered.actions {
            #expect(a.propensity == 1)
            #expect(a.actor == (a.channel == .call ? .human : .agent))
            #expect((a.minutes != nil) == (a.channel == .call))
            byInvoice[a.invoiceID, default: []].append(a)
        }
        var tierCounts = [0, 0, 0]
        for (id, list) in byInvoice {
            guard let dueOn = due[id] else { continue }
            let fitting = tiers.indices.filter { t in
                list.allSatisfy { a in tiers[t].contains { $0.falls(on: a.at, dueOn: dueOn) && $0.channel == a.channel } }
            }
            #expect(!fitting.isEmpty, "\(id)'s contacts fit no tier")
            if fitting.count == 1, let t = fitting.first { tierCounts[t] += 1 }
        }
        // Every tier is used on this world, and only the riskier tiers contact before the due date.
        #expect(tierCounts.allSatisfy { $0 > 0 }, "\(tierCounts)")
        let early = Self.tiered.actions.filter { a in due[a.invoiceID].map { a.at < $0 } ?? false }
        #expect(!early.isEmpty)
    }

    // MARK: policy file

    @Test func aPolicyRunsAsTheHistoryThroughTheDecisionEngine() throws {
        let steps = [CadenceStep(day: 3, channel: .email, tone: .soft), CadenceStep(day: 12, channel: .call, tone: .firm)]
        let policy = Policy(name: "two-step", mode: .autonomous, tiers: [Tier(name: "all")], cadences: ["all": steps])
        let world = SyntheticWorld(parameters: WorldParameters(clients: 40, months: 6, seed: 3))
        let ledger = world.makeHistoryLedger(history: .policy(try PolicyEngine(policy)))
        let due = Self.dueDays(ledger)
        #expect(!ledger.actions.isEmpty)
        for a in ledger.actions {
            #expect(a.propensity == 1)
            #expect(a.channel == .email || a.channel == .call)
            #expect((a.channel == .call) == (a.actor == .human))
            if let dueOn = due[a.invoiceID] { #expect(a.at - dueOn >= 3) }
        }
        let exceptions = ledger.deposits.filter { $0.reference?.contains(" REF ") ?? false }.count
        let reconciliation = ledger.timesheet.filter { $0.task == .reconciliation }.reduce(0) { $0 + $1.minutes }
        #expect(reconciliation == 2 * Double(ledger.deposits.count) + 6 * Double(exceptions))
    }
}
