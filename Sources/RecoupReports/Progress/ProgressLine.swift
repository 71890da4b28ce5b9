/// The text of a one-line progress bar: bar, percentage, counts, rate and time left.
///
/// ```text
/// simulate [###########.............]  46%  4,600/10,000  1,150/s  ETA 0:05
/// ```
///
/// Pure formatting: the caller passes the elapsed time, so tests can check any moment.
public enum ProgressLine {
    /// One progress line (no line break, no terminal control characters).
    ///
    /// - Parameters:
    ///   - label: what is being done (`simulate`, `import invoices.csv`).
    ///   - completed: units done so far (clamped to 0…total when a total is known).
    ///   - total: units in all; nil or ≤ 0 when unknown (the line then shows counts and rate only).
    ///   - elapsed: seconds since the work started.
    ///   - unit: the unit's name after the rate (`/s` when empty).
    ///   - barWidth: characters inside the brackets.
    public static func format(label: String, completed: Int, total: Int?, elapsed: Double,
                              unit: String = "", barWidth: Int = 24) -> String {
        let rateText = "\(rate(Double(max(0, completed)), elapsed: elapsed))\(unit.isEmpty ? "" : " " + unit)/s"
        guard let total, total > 0 else {
            return "\(label)  \(grouped(max(0, completed)))  \(rateText)  \(duration(elapsed))"
        }
        let done = min(max(0, completed), total)
        let fraction = Double(done) / Double(total)
        let filled = min(barWidth, Int((fraction * Double(barWidth)).rounded(.down)))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let percent = Int((fraction * 100).rounded(.down))
        let percentText = String(repeating: " ", count: max(0, 3 - String(percent).count)) + "\(percent)%"
        let tail: String
        if done == total {
            tail = "done in \(duration(elapsed))"
        } else if let left = timeLeft(completed: done, total: total, elapsed: elapsed) {
            tail = "ETA \(duration(left))"
        } else {
            tail = "ETA --:--"
        }
        return "\(label) [\(bar)] \(percentText)  \(grouped(done))/\(grouped(total))  \(rateText)  \(tail)"
    }

    /// Seconds left at the average rate so far; nil while nothing is done or no time has passed.
    public static func timeLeft(completed: Int, total: Int, elapsed: Double) -> Double? {
        guard completed > 0, elapsed > 0, elapsed.isFinite else { return nil }
        let perSecond = Double(completed) / elapsed
        return Double(max(0, total - completed)) / perSecond
    }

    /// Units per second as text: grouped whole numbers from 100 up, one decimal from 10,
    /// two below; `0` before any time has passed.
    public static func rate(_ completed: Double, elapsed: Double) -> String {
        guard elapsed > 0, elapsed.isFinite else { return "0" }
        let perSecond = completed / elapsed
        if perSecond >= 99.5 { return ChartNumberFormat.fixed(perSecond, decimals: 0, grouping: true) }
        if perSecond >= 9.95 { return ChartNumberFormat.fixed(perSecond, decimals: 1) }
        return ChartNumberFormat.fixed(perSecond, decimals: 2)
    }

    /// A duration as `m:ss` under an hour and `h:mm:ss` from an hour, rounded up to whole
    /// seconds so a countdown never shows 0:00 before the end.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0:00" }
        let whole = seconds >= 3.6e7 ? 36_000_000 : Int(seconds.rounded(.up))
        let hours = whole / 3600
        let minutes = (whole % 3600) / 60
        let secs = whole % 60
        let ss = secs < 10 ? "0\(secs)" : "\(secs)"
        if hours > 0 {
            let mm = minutes < 10 ? "0\(minutes)" : "\(minutes)"
            return "\(hours):\(mm):\(ss)"
        }
        return "\(minutes):\(ss)"
    }

    static func grouped(_ value: Int) -> String {
        ChartNumberFormat.fixed(Double(value), decimals: 0, grouping: true)
    }
}
