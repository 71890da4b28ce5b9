/// A bound on a figure's mean, e.g. `dso <= 40` (from `--pick … where …`,
/// `--max-human-hours-per-week` or `--min-collection-rate`).
public struct TuningConstraint: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case lessOrEqual = "<=", less = "<", greaterOrEqual = ">=", greater = ">"
    }

    public var metric: TuningMetric
    public var comparison: Comparison
    public var bound: Double

    public init(_ metric: TuningMetric, _ comparison: Comparison, _ bound: Double) {
        self.metric = metric; self.comparison = comparison; self.bound = bound
    }

    /// Whether `figures` satisfy the constraint (on the mean).
    public func isSatisfied(by figures: TuningFigures) -> Bool {
        let x = figures[metric].mean
        switch comparison {
        case .lessOrEqual: return x <= bound
        case .less: return x < bound
        case .greaterOrEqual: return x >= bound
        case .greater: return x > bound
        }
    }

    public var description: String {
        "\(metric.rawValue) \(comparison.rawValue) \(CanonicalNumber.text(bound))"
    }
}

/// `--pick`: which point of the frontier to choose, in a tiny language:
///
/// ```
/// pick       := ("min" | "max") METRIC [ "where" constraint { "and" constraint } ]
/// constraint := METRIC ("<=" | "<" | ">=" | ">") NUMBER
/// METRIC     := dso | cost | collectionRate | humanHours | writeOffRate
/// ```
///
/// Words are case-insensitive; `costPerInvoice` and `humanHoursPerWeek` are accepted too;
/// NUMBER is a plain decimal (`40`, `0.97`, `-1.5`). Constraints compare the mean.
///
/// ```swift
/// let pick = try PickExpression(parsing: "min cost where dso <= 40 and collectionRate >= 0.96")
/// ```
public struct PickExpression: Sendable, Equatable, CustomStringConvertible {
    public enum Goal: String, Sendable, Equatable { case min, max }

    public var goal: Goal
    public var metric: TuningMetric
    public var constraints: [TuningConstraint]

    public init(goal: Goal, metric: TuningMetric, constraints: [TuningConstraint] = []) {
        self.goal = goal; self.metric = metric; self.constraints = constraints
    }

    /// Parses `text`.
    /// - Throws: `TuningError.badPick` with the 1-based position of the offending word.
    /// - Complexity: O(length).
    public init(parsing text: String) throws(TuningError) {
        let tokens = PickExpression.tokens(of: text)
        var k = 0
        func fail(_ reason: String, at position: Int? = nil) -> TuningError {
            .badPick(expression: text, position: position ?? (k < tokens.count ? tokens[k].position : text.count + 1), reason: reason)
        }
        func found() -> String { k < tokens.count ? "found \"\(tokens[k].text)\"" : "found the end" }
        func metric() throws(TuningError) -> TuningMetric {
            guard k < tokens.count, let m = TuningMetric(name: tokens[k].text) else {
                throw fail("expected a metric (\(TuningMetric.namesList)), \(found())")
            }
            k += 1
            return m
        }
        guard k < tokens.count, let goal = Goal(rawValue: tokens[k].text.lowercased()) else {
            throw fail("expected \"min\" or \"max\", \(found())")
        }
        k += 1
        let target = try metric()
        var constraints: [TuningConstraint] = []
        if k < tokens.count {
            guard tokens[k].text.lowercased() == "where" else { throw fail("expected \"where\" or the end, \(found())") }
            k += 1
            while true {
                let m = try metric()
                guard k < tokens.count, let op = TuningConstraint.Comparison(rawValue: tokens[k].text) else {
                    throw fail("expected a comparison (<=, <, >=, >), \(found())")
                }
                k += 1
                guard k < tokens.count, let bound = PickExpression.number(tokens[k].text) else {
                    throw fail("expected a number, \(found())")
                }
                k += 1
                constraints.append(TuningConstraint(m, op, bound))
                guard k < tokens.count else { break }
                guard tokens[k].text.lowercased() == "and" else { throw fail("expected \"and\" or the end, \(found())") }
                k += 1
            }
        }
        self.init(goal: goal, metric: target, constraints: constraints)
    }

    public var description: String {
        "\(goal.rawValue) \(metric.rawValue)" + (constraints.isEmpty ? "" : " where " + constraints.map(\.description).joined(separator: " and "))
    }

    /// Whether `a` is better than `b` for this goal (strictly).
    func isBetter(_ a: TuningFigures, than b: TuningFigures) -> Bool {
        goal == .min ? a[metric].mean < b[metric].mean : a[metric].mean > b[metric].mean
    }

    struct Token { var text: String; var position: Int }

    /// Words, numbers and comparison operators with their 1-based positions; `dso<=40` splits
    /// into three tokens.
    static func tokens(of text: String) -> [Token] {
        let chars = Array(text)
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { i += 1; continue }
            let start = i
            if c == "<" || c == ">" || c == "=" || c == "!" {
                i += 1
                if i < chars.count, chars[i] == "=" { i += 1 }
            } else {
                while i < chars.count, !" \t<>=!".contains(chars[i]) { i += 1 }
            }
            out.append(Token(text: String(chars[start..<i]), position: start + 1))
        }
        return out
    }

    /// A plain decimal: `-?digits(.digits)?`.
    static func number(_ text: String) -> Double? {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return nil
        }
        return Double(text)
    }
}

/// Short number text for messages: `40`, `0.97`.
enum CanonicalNumber {
    static func text(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }
}
