import RecoupPolicy

/// The policies of a sweep: the Cartesian product of the `TuningAxis` values applied to a
/// base policy, each validated. Points that fail validation (tier bounds no longer
/// increasing, a step past the write-off, …) are kept aside with their problems, not fatal.
///
/// Points are numbered from 1 in odometer order: the last axis varies fastest.
///
/// ```swift
/// let grid = try TuningGrid(base: policy, axes: [try TuningAxis(parsing: "escalation.daysPastDue=30..60/10")])
/// grid.points.count   // 4
/// ```
public struct TuningGrid: Sendable {
    /// A valid point.
    public struct Point: Sendable, Equatable {
        /// 1-based, in odometer order.
        public var index: Int
        /// One value per axis.
        public var values: [JSONNumber]
        /// The base with these values, validated; unsigned, without provenance or projections.
        public var policy: Policy
    }

    /// A point that failed validation.
    public struct Skipped: Sendable, Equatable {
        public var index: Int
        public var values: [JSONNumber]
        /// Each problem as `path: message`.
        public var problems: [String]
    }

    /// Grid points, at most.
    public static let maxPoints = 10_000

    public let axes: [TuningAxis]
    /// The base as swept: unsigned, without provenance and projections.
    public let base: Policy
    public let points: [Point]
    public let skipped: [Skipped]

    /// Every point of the grid over `base`.
    /// - Throws: `TuningError.fieldNotVariable` for a path that does not name a number (or
    ///   `null`) in the base, `.badVary` for a field given twice, `.valueRefused` for a value
    ///   the policy format refuses for that field (a fraction for a whole-number field),
    ///   `.tooManyPoints`.
    /// - Complexity: O(points × policy size).
    public init(base: Policy, axes: [TuningAxis]) throws(TuningError) {
        var stripped = base
        stripped.signature = nil
        stripped.provenance = nil
        stripped.projections = nil
        self.base = stripped
        self.axes = axes
        let json = stripped.jsonValue
        var seen = Set<String>()
        for axis in axes {
            guard seen.insert(JSONPath(axis.path.components).description).inserted else {
                throw .badVary(spec: axis.spec, reason: "the field \(axis.path) is varied twice; give each field one --vary")
            }
            _ = try axis.path.number(in: json)
            for value in axis.values {
                do {
                    _ = try Policy(json: try axis.path.setting(value, in: json))
                } catch let error as PolicyError {
                    throw .valueRefused(spec: axis.spec, reason: "value \(value.text): \(error.description)")
                } catch let error as TuningError {
                    throw error
                } catch {
                    throw .valueRefused(spec: axis.spec, reason: "value \(value.text): \(error)")
                }
            }
        }
        var count = 1
        for axis in axes {
            let (product, overflow) = count.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, product <= TuningGrid.maxPoints else {
                throw .tooManyPoints(count: overflow ? Int.max : product, limit: TuningGrid.maxPoints)
            }
            count = product
        }
        var points: [Point] = []
        var skipped: [Skipped] = []
        var odometer = [Int](repeating: 0, count: axes.count)
        for index in 1...count {
            let values = axes.indices.map { axes[$0].values[odometer[$0]] }
            var document = json
            for (axis, value) in zip(axes, values) { document = try axis.path.setting(value, in: document) }
            do {
                let policy = try Policy(json: document)
                let problems = policy.validate()
                if problems.isEmpty {
                    points.append(Point(index: index, values: values, policy: policy))
                } else {
                    skipped.append(Skipped(index: index, values: values, problems: problems.map(\.description)))
                }
            } catch {
                skipped.append(Skipped(index: index, values: values, problems: [error.description]))
            }
            var a = axes.count - 1
            while a >= 0 {
                odometer[a] += 1
                if odometer[a] < axes[a].values.count { break }
                odometer[a] = 0
                a -= 1
            }
        }
        self.points = points
        self.skipped = skipped
    }

    /// Grid points in all (valid and skipped).
    public var count: Int { points.count + skipped.count }
}
