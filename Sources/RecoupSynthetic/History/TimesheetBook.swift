import RecoupPolicy
import RecoupSimulation

/// Daily minutes by person and task over the history window, written as timesheet.csv.
struct TimesheetBook {
    let parameters: WorldParameters
    let start: Day
    let people: [String]
    /// minutes[(day − start) × people × tasks + person × tasks + task]
    private var minutes: [Double]
    private let dayCount: Int
    private static let tasks = TimesheetTask.allCases

    /// The most minutes one person's timesheet holds for one day: a whole day, the import's
    /// bound on a timesheet row (docs/import.md), so every world's timesheet imports.
    static let maxMinutesPerPersonDay = 1_440.0
    /// Clients per person beyond the first three people: a person looks after about 1,000
    /// accounts, whose busiest day stays well under a day's minutes.
    static let clientsPerPerson = 1_000

    /// The people of a world with `clients` clients: one up to 150 clients, two up to 1,000,
    /// three up to 3,000, then one more per 1,000 clients (named "Collector 4", …).
    static func people(clients: Int) -> [String] {
        let names = ["Dana Whitfield", "Marco Ruiz", "Priya Natarajan"]
        let count = clients <= 150 ? 1 : (clients <= 1_000 ? 2 : max(3, (clients + clientsPerPerson - 1) / clientsPerPerson))
        return Array(names.prefix(count)) + (names.count < count ? (names.count + 1...count).map { "Collector \($0)" } : [])
    }

    init(parameters: WorldParameters) {
        self.parameters = parameters
        self.start = parameters.start
        self.people = TimesheetBook.people(clients: parameters.clients)
        self.dayCount = max(0, parameters.end - parameters.start + 1)
        self.minutes = [Double](repeating: 0, count: dayCount * people.count * TimesheetBook.tasks.count)
    }

    /// The person who looks after a client's account.
    func person(forClient index: Int) -> Int { index % people.count }

    /// Books `value` minutes of `task` for `person` on `day`. What would take the person's day
    /// past `maxMinutesPerPersonDay` goes to the next person (and so on round the team), so no
    /// person-day exceeds a day; worlds whose days never fill are unchanged by this.
    mutating func add(_ value: Double, task: TimesheetTask, person: Int, on day: Day) {
        let offset = day - start
        guard offset >= 0, offset < dayCount, let t = TimesheetBook.tasks.firstIndex(of: task) else { return }
        let taskCount = TimesheetBook.tasks.count
        var remaining = value
        var p = person
        for _ in 0..<people.count {
            let base = (offset * people.count + p) * taskCount
            let booked = minutes[base..<(base + taskCount)].reduce(0, +)
            let room = TimesheetBook.maxMinutesPerPersonDay - booked
            if remaining <= room {
                minutes[base + t] += remaining
                return
            }
            if room > 0 {
                minutes[base + t] += room
                remaining -= room
            }
            p = (p + 1) % people.count
        }
        // Every person's day is full (not reached with clientsPerPerson accounts each): the rest
        // is not booked.
    }

    /// Data entry every business day and reporting every Monday, by the first person.
    mutating func addRoutine(from: Day, to: Day) {
        var day = max(from, start)
        while day <= to {
            if !day.isWeekend { add(parameters.dataEntryMinutesPerDay, task: .dataEntry, person: 0, on: day) }
            if day.isoWeekday == 1 { add(parameters.reportingMinutesPerWeek, task: .reporting, person: 0, on: day) }
            day = day + 1
        }
    }

    var rowCount: Int { minutes.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// Rows with positive minutes, by day, person, task.
    func entries() -> [TimesheetEntry] {
        var out: [TimesheetEntry] = []
        let tasks = TimesheetBook.tasks
        for offset in 0..<dayCount {
            for (p, name) in people.enumerated() {
                for (t, task) in tasks.enumerated() {
                    let m = minutes[(offset * people.count + p) * tasks.count + t]
                    if m > 0 { out.append(TimesheetEntry(date: start + offset, person: name, task: task, minutes: m)) }
                }
            }
        }
        return out
    }
}
