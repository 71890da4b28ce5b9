import RecoupPolicy

/// Why a sweep (`recoup tune`) cannot run or cannot give an answer. Every message quotes the
/// bad value and says what to do.
public enum TuningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--vary` specification that does not read as `FIELD=LO..HI/STEP`.
    case badVary(spec: String, reason: String)
    /// A field path that does not parse (`column` is 1-based in the path text).
    case badPath(path: String, column: Int, reason: String)
    /// A path that parses but names nothing numeric in the base policy.
    case fieldNotVariable(path: String, reason: String)
    /// A value the policy format refuses for the field whatever the other fields are (a
    /// fraction for a whole-number field, too many decimals for an amount).
    case valueRefused(spec: String, reason: String)
    /// The grid is too large to evaluate.
    case tooManyPoints(count: Int, limit: Int)
    /// A `--pick` expression that does not parse (`position` is 1-based).
    case badPick(expression: String, position: Int, reason: String)
    /// Every grid point failed validation.
    case noValidPoints(skipped: Int, firstProblem: String)
    /// No evaluated point satisfies the constraints.
    case noFeasiblePoint(constraints: String, evaluated: Int)
    /// The evaluator returned a different number of results than policies it was given.
    case evaluatorMismatch(expected: Int, got: Int)
    /// The picked policy failed validation (never emitted).
    case invalidPick(PolicyError)

    public var description: String {
        switch self {
        case .badVary(let spec, let reason):
            return "--vary \(spec): \(reason)"
        case .badPath(let path, let column, let reason):
            return "field path \"\(path)\", column \(column): \(reason); write members with dots and indices in brackets, e.g. cadences.high[1].day"
        case .fieldNotVariable(let path, let reason):
            return "field \(path): \(reason)"
        case .valueRefused(let spec, let reason):
            return "--vary \(spec): \(reason)"
        case .tooManyPoints(let count, let limit):
            return "the grid has \(count) points; at most \(limit) can be evaluated. Use fewer --vary fields or larger steps"
        case .badPick(let expression, let position, let reason):
            return "--pick \"\(expression)\", position \(position): \(reason). The form is: min|max METRIC [where METRIC OP NUMBER [and …]], e.g. \"min cost where dso <= 40\""
        case .noValidPoints(let skipped, let firstProblem):
            return "all \(skipped) grid points fail validation (the first: \(firstProblem)); narrow the --vary ranges"
        case .noFeasiblePoint(let constraints, let evaluated):
            return "none of the \(evaluated) evaluated points satisfies \(constraints); relax the constraints or widen the --vary ranges"
        case .evaluatorMismatch(let expected, let got):
            return "internal error: the evaluator returned \(got) projections for \(expected) policies"
        case .invalidPick(let error):
            return "the picked point is not a valid policy, so it was not emitted: \(error.description)"
        }
    }
}
