import Foundation
import RecoupPolicy
import Testing

@testable import RecoupReports

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
/// automatable 137.5 (48.50%); 283.5 / 60 / (14 / 7) = 2.3625 hours a week.
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
        #expect(abs(report.automatableShare! - 137.5 / 283.5) < 1e-12)
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
        #expect(fields.contains(["data", "entry", "no", "0.0", "0.00", "0.0%"]))
        // Total 283.5 min = 4.7 h (4.725), 2.36 a week.
        #expect(lines.contains { $0.hasPrefix("Total") && $0.contains("4.7") && $0.contains("2.36") && $0.hasSuffix("100.0%") })
        #expect(text.contains("A policy can automate 48.5% of this work"))
        // Notes are wrapped at 100 columns; read them as one paragraph.
        let prose = text.replacingOccurrences(of: "\n", with: " ")
        #expect(prose.contains("1 of 2 weeks from timesheets; 1 estimated from the ledger (0.2 hours from logged action minutes, 1.0 hours"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(text.contains("Add --policy P to project these hours"))
        #expect(!text.contains("not available"))
        let csv = report.rendered(as: .csv)
        #expect(csv.hasPrefix("Task,Policy can automate,Hours,Hours/week,Share\r\nreminders,yes,2.1,1.05,44.3%\r\n"))
        let weekly = report.rendered(as: .csv, weekly: true)
        #expect(weekly.contains("2026-03-09,ledger,0.1,0.2,0.8,0.1,0.0,0.0,0.1,1.2\r\n"))
    }

    @Test func jsonIsValidSortedAndStable() throws {
        let report = try TimeAuditFixture.report()
        let json = report.json()
        #expect(json == (try TimeAuditFixture.report()).json())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["automatableShare", "from", "hoursPerWeek", "projection", "sources", "tasks",
                                         "to", "totalHours", "weekly"])
        #expect((object["hoursPerWeek"] as? Double) == 2.36)
        #expect((object["automatableShare"] as? Double) == 0.485)
        #expect(object["projection"] is NSNull)
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.count == 7 && tasks[2]["task"] as? String == "disputes" && tasks[2]["hours"] as? Double == 1.75)
        let weekly = try #require(object["weekly"] as? [[String: Any]])
        #expect(weekly.map { $0["source"] as? String } == ["timesheet", "ledger"])
    }

    @Test func aProjectionAddsAColumnAndABeforeAfterChart() throws {
        var report = try TimeAuditFixture.report()
        report.projection = .init(policy: "tiered \"copilot\"", hoursPerWeek: [0.2, 0.1, 0.9, 0.3, 0, 0, 0.05])
        let table = report.taskTable()
        #expect(table.columns.last?.title == "Projected hours/week (tiered \"copilot\")")
        #expect(table.rows.last?.last == "1.55")
        #expect(!report.notes.contains { $0.contains("not available") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let projection = try #require(object["projection"] as? [String: Any])
        #expect(projection["policy"] as? String == "tiered \"copilot\"")
        let chart = report.chart()
        #expect(chart.categories == ["Now (2026-03-02 to 2026-03-15)", "tiered \"copilot\" (projected)"])
        let xml = try ParsedXML(chart.svg())
        #expect(xml.all("text", class: "bar-total").map(\.text) == ["2.4", "1.6"])
    }

    @Test func weeklyChartHasABarPerWeek() throws {
        let xml = try ParsedXML(try TimeAuditFixture.report().chart().svg())
        #expect(xml.all("g").filter { $0.attributes["class"] == "bar" }.count == 2)
        // Week 1: 210 min = 3.5 h; week 2: 73.5 min = 1.2 h (1.225).
        #expect(xml.all("text", class: "bar-total").map(\.text) == ["3.5", "1.2"])
        #expect(xml.all("text", class: "axis-title-y").first?.text == "Hours per week")
    }
}
