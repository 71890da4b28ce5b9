import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSynthetic

/// The generator's timesheet grows with the firm, so every size gives a bundle its own import
/// accepts: no person-day holds more than a day's minutes (the import's 1,440 bound).
@Suite struct TimesheetCapacityTests {
    @Test(arguments: [(1, 1), (150, 1), (151, 2), (1_000, 2), (3_000, 3), (3_001, 4), (9_000, 9), (10_000_000, 10_000)])
    func peopleGrowWithTheClients(clients: Int, people: Int) {
        let names = TimesheetBook.people(clients: clients)
        #expect(names.count == people)
        #expect(Set(names).count == people)
        #expect(names.prefix(3) == ["Dana Whitfield", "Marco Ruiz", "Priya Natarajan"].prefix(people))
    }

    /// Minutes beyond a person's day go to the next person, never past 1,440.
    @Test func aFullDaySpillsToTheNextPerson() {
        var book = TimesheetBook(parameters: WorldParameters(clients: 400, months: 1, seed: 1))
        let day = book.start + 3
        book.add(1_000, task: .calls, person: 0, on: day)
        book.add(600, task: .reminders, person: 0, on: day)
        let rows = book.entries().filter { $0.date == day }
        #expect(rows.map(\.minutes).reduce(0, +) == 1_600)
        #expect(rows.filter { $0.person == book.people[0] }.map(\.minutes).reduce(0, +) == 1_440)
        #expect(rows.filter { $0.person == book.people[1] }.map(\.minutes).reduce(0, +) == 160)
    }

    /// A 9,000-client world (two months, to stay fast): every person-day is at most 1,440.
    @Test func aLargeWorldsTimesheetFitsInTheDays() {
        let ledger = SyntheticWorld(parameters: WorldParameters(clients: 9_000, months: 12, seed: 11)).makeHistoryLedger()
        var byPersonDay: [String: Double] = [:]
        for entry in ledger.timesheet { byPersonDay["\(entry.date.iso) \(entry.person)", default: 0] += entry.minutes }
        #expect(!byPersonDay.isEmpty)
        let busiest = byPersonDay.values.max() ?? 0
        #expect(busiest <= 1_440, "\(busiest)")
        #expect(Set(ledger.timesheet.map(\.person)).count == 9)
    }
}
