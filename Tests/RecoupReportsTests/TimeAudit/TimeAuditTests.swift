import Foundation
import RecoupLedger
import RecoupPolicy
import Testing

@testable import RecoupReports
@testable import RecoupSimulation

/// A two-week fixture, 2026-03-02 (a Monday) to 2026-03-15 (a Sunday).
///
/// Week 1 has timesheet rows, so its ledger events are not counted:
///   reminders 120, disputes 60, reconciliation 30 → 210 minutes.
/// Week 2 has none, so it is estimated from the ledger:
///   human email, no minutes logged → 4 (reminders, estimated)
///   agent-channel call with 12 minutes logged → 12 (calls, logged; calls are made by people)
///   agent email, nothing logged → 0
///   agent voice call with 1.5 logged review minutes → 1.5 (reminders, logged)
///   dispute opened → 45 (disputes); promise made → 5 (other); unapplied payment → 6 (reconciliation)
///   → reminders 5.5, calls 12, disputes 45, reconciliation 6, other 5 = 73.5 minutes.
/// A human SMS on 2026-03-16 lies outside the window.
/// Totals: reminders 125.5, calls 12, disputes 105, reconciliation 36, other 5 = 283.5 minutes;
/// an agent can take (standard classification) reminders, calls and reconciliation:
/// 125.5 + 12 + 36 = 173.5 (61.20%); 283.5 / 60 / (14 / 7) = 2.3625 hours a week.
enum TimeAuditFixture {
    static func day(_ iso: String) -> Day { try! Day(iso: iso) }

    static let ledger = Ledger(
        invoices: [Invoice(id: "I1", clientID: "C1", issuedOn: day("2026-02-01"), dueOn: day("2026-03-03"),
                           amount: Money(minorUnits: 100_00))],
        payments: [Payment(id: "P1", clientID: "C1", receivedOn: day("2026-03-14"), amount: Money(minorUnits: 50_00)),
                   Payment(id: "P2", clientID: "C1", receivedOn: day("2026-03-13"), amount: Money(minorUnits: 50_00), invoiceID: "I1")],
        actions: [
            CollectionAction(id: "A0", invoiceID: "I1", at: day("2026-03-05"), channel: .call, actor: .human),
            CollectionAction(id: "A1", invoiceID: "I1", at: day("2026-03-09"), channel: .email, actor: .human),
            CollectionAction(id: "A2", invoiceID: "I1", at: day("2026-03-10"), channel: .call, actor: .agent, minutes: 12),
            CollectionAction(id: "A3", invoiceID: "I1", at: day("2026-03-10"), channel: .email),
            CollectionAction(id: "A4", invoiceID: "I1", at: day("2026-03-11"), channel: .voiceAgent, minutes: 1.5),
            CollectionAction(id: "A5", invoiceID: "I1", at: day("2026-03-16"), channel: .sms, actor: .human),
        ],
        promises: [PaymentPromise(invoiceID: "I1", madeOn: day("2026-03-13"), promisedOn: day("2026-03-20"))],
        disputes: [Dispute(invoiceID: "I1", openedOn: day("2026-03-12"))],
        timesheet: [
            TimesheetEntry(date: day("2026-03-03"), person: "ana", task: .reminders, minutes: 120),
            TimesheetEntry(date: day("2026-03-04"), person: "ana", task: .disputes, minutes: 60),
            TimesheetEntry(date: day("2026-03-06"), person: "bo", task: .reconciliation, minutes: 30),
        ])

    static func report() throws -> TimeAuditReport {
        try TimeAudit.make(ledger: ledger, from: day("2026-03-02"), to: day("2026-03-15"))
    }
}

@Suite struct TimeAuditTests {
    @Test func timesheetWeeksWinAndOtherWeeksAreEstimated() throws {
        let report = try TimeAuditFixture.report()
        #expect(report.weeks.map(\.weekOf.iso) == ["2026-03-02", "2026-03-09"])
        #expect(report.weeks.map(\.source) == [.timesheet, .ledger])
        #expect(report.weeks[0].minutes == [120, 0, 60, 30, 0, 0, 0])
        #expect(report.weeks[1].minutes == [5.5, 12, 45, 6, 0, 0, 5])
        #expect(report.minutesByTask == [125.5, 12, 105, 36, 0, 0, 5])
        #expect(report.totalMinutes == 283.5)
        #expect(report.timesheetMinutes == 210)
        #expect(report.loggedActionMinutes == 13.5)
        #expect(report.estimatedMinutes == 60)
        #expect(abs(report.automatableShare! - 173.5 / 283.5) < 1e-12)
        #expect(abs(report.hoursPerWeek(minutes: report.totalMinutes) - 2.3625) < 1e-12)
    }

    @Test func defaultWindowSpansTheActivity() throws {
        let report = try TimeAudit.make(ledger: TimeAuditFixture.ledger)
        #expect(report.from.iso == "2026-03-03" && report.to.iso == "2026-03-16")
        #expect(report.weeks.count == 3)
        // The third week (from 2026-03-16) holds only the human SMS: 2 minutes of reminders.
        #expect(report.weeks[2].minutes == [2, 0, 0, 0, 0, 0, 0])
    }

    @Test func partialWeeksCountOnlyDaysInTheWindow() throws {
        let report = try TimeAudit.make(ledger: TimeAuditFixture.ledger, from: TimeAuditFixture.day("2026-03-04"),
                                        to: TimeAuditFixture.day("2026-03-12"))
        // Week 1 keeps the timesheet rows of 03-04 and 03-06 (the 03-03 reminders fall outside);
        // week 2 keeps events to 03-12: 4 + 1.5 reminders, 12 calls, 45 disputes.
        #expect(report.weeks[0].minutes == [0, 0, 60, 30, 0, 0, 0])
        #expect(report.weeks[1].minutes == [5.5, 12, 45, 0, 0, 0, 0])
        #expect(report.days == 9)
    }

    @Test func errorsNameTheProblem() {
        #expect(throws: TimeAuditError.noActivity) { try TimeAudit.make(ledger: Ledger()) }
        let from = TimeAuditFixture.day("2026-03-10")
        let to = TimeAuditFixture.day("2026-03-01")
        #expect(throws: TimeAuditError.emptyWindow(from: from, to: to)) {
            try TimeAudit.make(ledger: TimeAuditFixture.ledger, from: from, to: to)
        }
        #expect(TimeAuditError.noActivity.description.contains("timesheet.csv"))
    }

    @Test func tableShowsHoursSharesAndTheAutomatableNote() throws {
        let report = try TimeAuditFixture.report()
        let text = report.rendered(as: .text)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Collections time audit 2026-03-02 to 2026-03-15 (2.0 weeks)")
        // reminders: 125.5 min = 2.1 h (2.09); per week 1.05 (1.0458…); share 44.3% (0.44268…).
        let fields = lines.map { $0.split(separator: " ").map(String.init) }
        #expect(fields.contains(["reminders", "yes", "2.1", "1.05", "44.3%"]))
        #expect(fields.contains(["data", "entry", "yes", "0.0", "0.00", "0.0%"]))
        // Total 283.5 min = 4.7 h (4.725), 2.36 a week.
        #expect(lines.contains { $0.hasPrefix("Total") && $0.contains("4.7") && $0.contains("2.36") && $0.hasSuffix("100.0%") })
        #expect(text.contains("An AR agent can take 61.2% of this work"))
        // Notes are wrapped at 100 columns; read them as one paragraph.
        let prose = text.replacingOccurrences(of: "\n", with: " ")
        #expect(prose.contains("1 of 2 weeks from timesheets; 1 estimated from the ledger (0.2 hours from logged action minutes, 1.0 hours"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(text.contains("Add --policy P to project these hours"))
        #expect(!text.contains("not available"))
        let csv = report.rendered(as: .csv)
        // CSV: plain numbers (125.5 min = 2.09 h; share 0.4427).
        #expect(csv.hasPrefix("task,agent_can_take,hours,hours_per_week,share\r\nreminders,yes,2.09,1.05,0.4427\r\n"), "\(csv)")
        let weekly = report.rendered(as: .csv, weekly: true)
        #expect(weekly.contains("2026-03-09,ledger,0.1,0.2,0.8,0.1,0.0,0.0,0.1,1.2\r\n"))
    }

    @Test func jsonIsValidSortedAndStable() throws {
        let report = try TimeAuditFixture.report()
        let json = report.json()
        #expect(json == (try TimeAuditFixture.report()).json())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["agentShare", "classification", "from", "hoursPerWeek", "projections", "sources", "tasks",
                                         "to", "totalHours", "weekly"])
        #expect((object["hoursPerWeek"] as? Double) == 2.36)
        #expect((object["agentShare"] as? Double) == 0.612)
        #expect((object["projections"] as? [Any])?.isEmpty == true)
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.count == 7 && tasks[2]["task"] as? String == "disputes" && tasks[2]["hours"] as? Double == 1.75)
        let weekly = try #require(object["weekly"] as? [[String: Any]])
        #expect(weekly.map { $0["source"] as? String } == ["timesheet", "ledger"])
    }

    /// A copilot policy's simulated runs over the two-week fixture, by hand (hours a week):
    /// reminders = reminder + review hours, run by run: [0.1 + 0.1, 0.2 + 0.1] = [0.2, 0.3];
    /// calls [0.1, 0.1]; disputes [1.0, 0.6] (mean 0.8, 95% interval 0.6 + 0.025 × 0.4 = 0.61 to
    /// 0.99; now 105 min / 60 / 2 = 0.875, so freed 0.075 [−0.115, 0.265]); other [0.3, 0.3]. Reconciliation now:
    /// 36 min / 60 / 2 = 0.3 h a week; 199 of 200 deposits matched, so about 0.3 × 0.005 =
    /// 0.0015 stays. Data entry and reporting are 0 now and kept.
    static func copilotProjection() -> SimulationReport.Projection {
        var p = SimulationReport.Projection(policy: "tiered \"copilot\"", mode: "copilot", invoices: 1, runs: 2, horizonDays: 14,
                                            figures: [:], difference: nil)
        p.runValues = [.reminderHoursPerWeek: [0.1, 0.2], .reviewHoursPerWeek: [0.1, 0.1], .callHoursPerWeek: [0.1, 0.1],
                       .disputeHoursPerWeek: [1.0, 0.6], .promiseFollowUpHoursPerWeek: [0.3, 0.3]]
        return p
    }

    static func summary(matched: Int, of deposits: Int) -> ReconciliationSummary {
        var s = ReconciliationSummary(matches: [], from: nil, to: nil)
        s.deposits = deposits
        s.matchedAutomatically = matched
        s.exceptions = deposits - matched
        return s
    }

    @Test func projectionByTaskWithIntervalsByHand() throws {
        let now = try TimeAuditFixture.report()
        let p = TimeAudit.projection(Self.copilotProjection(), now: now, reconciliation: Self.summary(matched: 199, of: 200), seed: 4)
        #expect(abs(p.hours[0].mean - 0.25) < 1e-12 && abs(p.hours[0].lo - 0.2025) < 1e-12 && abs(p.hours[0].hi - 0.2975) < 1e-12)
        #expect(abs(p.hours[2].mean - 0.8) < 1e-12)
        #expect(p.basis == [.simulated, .simulated, .simulated, .matched(share: 0.995, deposits: 200), .notMeasured, .notMeasured,
                            .simulated])
        // Reconciliation: 0.3 × (1 − share), the share drawn near 0.995 (Agresti–Coull spread
        // √(0.9853 × 0.0147 / 204) ≈ 0.0084): well under 0.3, never below 0.
        #expect(p.hours[3].lo >= 0 && p.hours[3].hi < 0.01, "\(p.hours[3])")
        // Total = simulated + reconciliation; freed = 2.3625 − total, run by run.
        #expect(abs(p.total.mean - (0.25 + 0.1 + 0.8 + 0.3 + p.hours[3].mean)) < 1e-9)
        #expect(abs(p.freed.mean - (2.3625 - p.total.mean)) < 1e-9)
        // The same seed gives the same draws.
        #expect(p == TimeAudit.projection(Self.copilotProjection(), now: now, reconciliation: Self.summary(matched: 199, of: 200), seed: 4))
    }

    @Test func classificationDecidesTheUnsimulatedTasks() throws {
        let now = try TimeAuditFixture.report()
        let file = try TaskClassification.parse(Data(#"{"reconciliation": "person", "reporting": 0.5}"#.utf8), file: "tasks.json")
        let p = TimeAudit.projection(Self.copilotProjection(), now: now, classification: file,
                                     reconciliation: Self.summary(matched: 200, of: 200))
        #expect(p.basis[3] == .person && abs(p.hours[3].mean - 0.3) < 1e-12)
        #expect(p.basis[5] == .given(share: 0.5))
        var manual = Self.copilotProjection()
        manual.mode = "manual"
        let kept = TimeAudit.projection(manual, now: now, reconciliation: Self.summary(matched: 200, of: 200))
        #expect(kept.basis[3] == .noAgent && abs(kept.hours[3].mean - 0.3) < 1e-12)
        // Tasks the simulator projects cannot be classified; errors name the file and field.
        #expect(throws: TaskClassificationError.self) { try TaskClassification.parse(Data(#"{"calls": "agent"}"#.utf8), file: "t.json") }
        do {
            _ = try TaskClassification.parse(Data(#"{"data_entry": 2}"#.utf8), file: "t.json")
            Issue.record("a share of 2 was accepted")
        } catch {
            #expect(error.description.hasPrefix("t.json: field \"data_entry\": expected"))
        }
        #expect(file.summary.contains("reconciliation: person; data entry: agent; reporting: agent takes 50.0% (given)"))
    }

    @Test func projectionsAddTablesJSONAndABeforeAfterChart() throws {
        var report = try TimeAuditFixture.report()
        report.projections = [TimeAudit.projection(Self.copilotProjection(), now: report,
                                                   reconciliation: Self.summary(matched: 199, of: 200), seed: 4)]
        let text = report.rendered(as: .text)
        #expect(text.contains("Under tiered \"copilot\": hours per week (mean [95% interval])"))
        let disputes = text.split(separator: "\n").first { $0.hasPrefix("disputes") && $0.contains("[") }
        #expect(disputes?.split(separator: " ").map(String.init) == ["disputes", "0.88", "0.80", "[0.61,", "0.99]", "0.07", "[-0.12,",
                                                                      "0.27]", "simulated"], "\(text)")
        #expect(text.contains("Under tiered \"copilot\": frees about 0.9 hours a week"), "\(text)")
        // Other (promise follow-ups): 5 min / 60 / 2 weeks = 0.04 now, 0.30 projected: 0.26 more.
        #expect(text.replacingOccurrences(of: "\n", with: " ").contains("More hours a week than now on other +0.26"), "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(!text.contains("not available"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let projection = try #require((object["projections"] as? [[String: Any]])?.first)
        #expect(projection["policy"] as? String == "tiered \"copilot\"")
        let tasks = try #require(projection["tasks"] as? [[String: Any]])
        #expect((tasks[2]["hoursPerWeek"] as? [String: Double])?["mean"] == 0.8)
        let chart = report.chart()
        #expect(chart.categories == ["Now (2026-03-02 to 2026-03-15)", "tiered \"copilot\" (projected)"])
        let xml = try ParsedXML(chart.svg())
        #expect(xml.all("text", class: "bar-total").map(\.text) == ["2.4", "1.5"])
    }

    @Test func weeklyChartHasABarPerWeek() throws {
        let xml = try ParsedXML(try TimeAuditFixture.report().chart().svg())
        #expect(xml.all("g").filter { $0.attributes["class"] == "bar" }.count == 2)
        // Week 1: 210 min = 3.5 h; week 2: 73.5 min = 1.2 h (1.225).
        #expect(xml.all("text", class: "bar-total").map(\.text) == ["3.5", "1.2"])
        #expect(xml.all("text", class: "axis-title-y").first?.text == "Hours per week")
    }
}
