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

    init(parameters: WorldParameters) {
        self.parameters = parameters
        self.start = parameters.start
        let names = ["Dana Whitfield", "Marco Ruiz", "Priya Natarajan"]
        let count = parameters.clients <= 150 ? 1 : (parameters.clients <= 1_000 ? 2 : 3)
        self.people = Array(names.prefix(count))
        self.dayCount = max(0, parameters.end - parameters.start + 1)
        self.minutes = [Double](repeating: 0, count: dayCount * people.count * TimesheetBook.tasks.count)
    }

    /// The person who looks after a client's account.
    func person(forClient index: Int) -> Int { index % people.count }

    mutating func add(_ value: Double, task: TimesheetTask, person: Int, on day: Day) {
        let offset = day - start
        guard offset >= 0, offset < dayCount, let t = TimesheetBook.tasks.firstIndex(of: task) else { return }
        minutes[(offset * people.count + person) * TimesheetBook.tasks.count + t] += value
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
