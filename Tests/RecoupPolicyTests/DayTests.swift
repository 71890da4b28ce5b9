import Testing
@testable import RecoupPolicy

@Suite struct DayTests {
    // Reference ordinals from Python's proleptic Gregorian calendar:
    // (datetime.date(Y, M, D) - datetime.date(1970, 1, 1)).days
    @Test(arguments: [
        ("1970-01-01", 0), ("2000-03-01", 11017), ("2026-11-23", 20780), ("1969-12-31", -1),
        ("2024-02-29", 19782),
    ])
    func ordinalsMatchPython(text: String, ordinal: Int) throws {
        let day = try Day(iso: text)
        #expect(day.ordinal == ordinal)
        #expect(day.iso == text)
    }

    @Test func roundTripsEveryDayOverFourCenturies() {
        for ordinal in stride(from: -150_000, through: 150_000, by: 1) {
            let day = Day(ordinal: ordinal)
            let c = day.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == day)
        }
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "2026-04-31", "2026-00-10"])
    func rejectsNonexistentDays(text: String) {
        #expect(throws: DayParseError.self) { try Day(iso: text) }
    }

    @Test(arguments: ["2026/01/01", "26-01-01", "", "2026-1-01", "2026-01-01x", "abcd-ef-gh"])
    func rejectsMalformedText(text: String) {
        #expect(throws: DayParseError.malformed(text)) { try Day(iso: text) }
    }

    @Test func acceptsDateTimesOnlyWhenAllowed() throws {
        #expect(try Day(iso: "2026-03-01T23:59:59-08:00", allowTime: true).iso == "2026-03-01")
        #expect(throws: DayParseError.self) { try Day(iso: "2026-03-01T10:00:00Z") }
    }

    // 2026-11-23 is a Monday; 2026-11-28 a Saturday.
    @Test func weekdaysAndBusinessDays() throws {
        let monday = try Day(iso: "2026-11-23")
        #expect(monday.isoWeekday == 1)
        #expect((monday + 5).isWeekend)
        #expect((monday + 5).nextBusinessDay == monday + 7)
        #expect((monday + 6).nextBusinessDay == monday + 7)
        #expect(monday.nextBusinessDay == monday)
    }
}
