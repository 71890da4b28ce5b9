import Foundation
import Testing
@testable import RecoupModel

/// A reference case from Fixtures/ (made by Fixtures/make_reference.py with scikit-learn).
struct ReferenceCase {
    struct Expected: Decodable {
        var C: Double
        var intercept: Double
        var coefficients: [Double]
        var groupEffects: [Double]
        var logLoss: Double
        var objective: Double
        var standardErrors: [Double]
        var groupStandardErrors: [Double]
    }

    var problem: LogisticProblem
    var expected: Expected

    /// Loads `<name>.csv` and `<name>.json`, prepending an intercept column (penalty 0) and
    /// giving every other column penalty 1/C.
    static func load(_ name: String) throws -> ReferenceCase {
        let csvURL = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"))
        let jsonURL = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: jsonURL))
        let lines = try String(contentsOf: csvURL, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let features = header.filter { $0.hasPrefix("x") }.count
        let hasGroups = header.contains("group")
        var x: [Double] = [], y: [Double] = [], w: [Double] = [], g: [Int32] = []
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",").map { Double($0) ?? .nan }
            x.append(1)
            x.append(contentsOf: cells[0..<features])
            y.append(cells[features]); w.append(cells[features + 1])
            if hasGroups { g.append(Int32(cells[features + 2])) }
        }
        let lambda = 1 / expected.C
        let groups = hasGroups
            ? LogisticProblem.GroupIntercepts(count: expected.groupEffects.count, index: g, penalty: lambda) : nil
        let problem = try LogisticProblem(rows: y.count, columns: features + 1, x: x, y: y, weights: w,
                                          penalties: [0] + Array(repeating: lambda, count: features), groups: groups)
        return ReferenceCase(problem: problem, expected: expected)
    }
}

@Suite struct LogisticReferenceTests {
    static let cases = ["plain", "weighted", "collinear", "separable", "groups"]

    /// Log-loss within 1e-6 relative of scikit-learn's (SPEC §8), coefficients within 1e-5, and
    /// standard errors within 1e-4 relative of numpy's inverse penalised Hessian.
    @Test(arguments: cases, [LogisticFitOptions.Method.newton, .lbfgs])
    func matchesScikitLearn(name: String, method: LogisticFitOptions.Method) throws {
        let reference = try ReferenceCase.load(name)
        var options = LogisticFitOptions()
        options.method = method
        let fit = try LogisticSolver.fit(reference.problem, options: options)
        let e = reference.expected
        #expect(fit.converged)
        #expect(abs(fit.logLoss - e.logLoss) <= 1e-6 * e.logLoss, "\(name): log-loss \(fit.logLoss) vs \(e.logLoss)")
        #expect(abs(fit.objective - e.objective) <= 1e-8 * e.objective, "\(name): objective \(fit.objective) vs \(e.objective)")
        let want = [e.intercept] + e.coefficients
        for (j, v) in want.enumerated() {
            #expect(abs(fit.coefficients[j] - v) < 1e-5, "\(name) β\(j): \(fit.coefficients[j]) vs \(v)")
        }
        for (c, v) in e.groupEffects.enumerated() {
            #expect(abs(fit.groupEffects[c] - v) < 1e-5, "\(name) a\(c): \(fit.groupEffects[c]) vs \(v)")
        }
        for (j, v) in e.standardErrors.enumerated() {
            #expect(abs(fit.standardErrors[j] - v) < 1e-4 * v, "\(name) se\(j): \(fit.standardErrors[j]) vs \(v)")
        }
        for (c, v) in e.groupStandardErrors.enumerated() {
            #expect(abs(fit.groupStandardErrors[c] - v) < 1e-4 * v, "\(name) se(a\(c)): \(fit.groupStandardErrors[c]) vs \(v)")
        }
    }

    /// Separable data converges (the penalty keeps β finite) and says so in a warning.
    @Test func separableConvergesWithAWarning() throws {
        let fit = try LogisticSolver.fit(ReferenceCase.load("separable").problem)
        #expect(fit.converged)
        #expect(fit.coefficients.allSatisfy { $0.isFinite })
        #expect(fit.coefficients.allSatisfy { abs($0) < 50 })
    }

    /// Exactly collinear columns with no penalty: Newton damps the singular Hessian, converges to
    /// a minimiser (same log-loss as the penalty-free fit of the non-redundant columns) and warns.
    @Test func unpenalisedCollinearDampsAndWarns() throws {
        let base = try ReferenceCase.load("collinear").problem
        let problem = try LogisticProblem(rows: base.rows, columns: base.columns, x: base.x, y: base.y,
                                          penalties: [0, 0, 0, 0, 0])
        let fit = try LogisticSolver.fit(problem)
        #expect(fit.warnings.contains(.collinear))
        let p = base.columns
        let reduced = try LogisticProblem(rows: base.rows, columns: 3,
                                          x: (0..<base.rows).flatMap { base.x[($0 * p)..<($0 * p + 3)] },
                                          y: base.y, penalties: [0, 0, 0])
        let reference = try LogisticSolver.fit(reduced)
        #expect(abs(fit.logLoss - reference.logLoss) < 1e-9)
    }

    /// Without any penalty, separable data still stops (no crash, no NaN) and warns.
    @Test func unpenalisedSeparableWarns() throws {
        let base = try ReferenceCase.load("separable").problem
        let problem = try LogisticProblem(rows: base.rows, columns: base.columns, x: base.x, y: base.y,
                                          penalties: [0, 0, 0])
        var options = LogisticFitOptions()
        options.maxIterations = 40
        let fit = try LogisticSolver.fit(problem, options: options)
        #expect(fit.coefficients.allSatisfy { $0.isFinite })
        #expect(!fit.warnings.isEmpty)
    }

    /// Rows of weight 0 change nothing: dropping them gives the same fit.
    @Test func zeroWeightRowsAreIgnored() throws {
        let base = try ReferenceCase.load("weighted").problem
        let keep = (0..<base.rows).filter { base.weights[$0] > 0 }
        let p = base.columns
        let reduced = try LogisticProblem(rows: keep.count, columns: p,
                                          x: keep.flatMap { base.x[($0 * p)..<($0 * p + p)] },
                                          y: keep.map { base.y[$0] }, weights: keep.map { base.weights[$0] },
                                          penalties: base.penalties)
        let a = try LogisticSolver.fit(base), b = try LogisticSolver.fit(reduced)
        for j in 0..<p { #expect(abs(a.coefficients[j] - b.coefficients[j]) < 1e-10) }
        #expect(abs(a.logLoss - b.logLoss) < 1e-12)
    }

    /// A single class among the weighted rows is a clear error, not a crash.
    @Test func singleClassIsAClearError() {
        #expect(throws: LogisticFitError.singleClass(label: 1)) {
            _ = try LogisticProblem(rows: 3, columns: 1, x: [1, 1, 1], y: [1, 1, 0], weights: [1, 2, 0],
                                    penalties: [0])
        }
        let message = LogisticFitError.singleClass(label: 0).description
        #expect(message.contains("both outcomes"))
    }

    /// A client with a single row gets an effect shrunk towards 0 (its segment's mean), with a
    /// standard error close to the prior's 1/√λ.
    @Test func singleRowClientIsShrunk() throws {
        let reference = try ReferenceCase.load("groups")
        let fit = try LogisticSolver.fit(reference.problem)
        let last = reference.problem.groups!.count - 1
        #expect(abs(fit.groupEffects[last]) < 0.5)
        #expect(fit.groupStandardErrors[last] > 0.85 && fit.groupStandardErrors[last] <= 1.0 + 1e-9)
    }

    /// The analytic gradient (the one both methods step along) agrees with central finite
    /// differences of the objective at a random point, with and without groups.
    @Test(arguments: ["weighted", "groups"])
    func gradientMatchesFiniteDifferences(name: String) throws {
        let problem = try ReferenceCase.load(name).problem
        var rng = SplitMix(seed: 3)
        var options = LogisticFitOptions()
        options.initialCoefficients = (0..<problem.columns).map { _ in Double.random(in: -1...1, using: &rng) }
        options.initialGroupEffects = (0..<(problem.groups?.count ?? 0)).map { _ in Double.random(in: -1...1, using: &rng) }
        var engine = Engine(problem: problem, options: options)
        engine.accumulate(hessian: false)
        let analytic = engine.gradBeta + engine.gradGroup
        let h = 1e-6
        func objective(_ theta: [Double]) -> Double {
            var o = options
            o.initialCoefficients = Array(theta[0..<problem.columns])
            o.initialGroupEffects = Array(theta[problem.columns...])
            let e = Engine(problem: problem, options: o)
            return e.dataLoss(step: 0) + e.penalty(beta: e.beta, groups: e.groupEffects)
        }
        let theta = (options.initialCoefficients ?? []) + (options.initialGroupEffects ?? [])
        for j in theta.indices {
            var up = theta, down = theta
            up[j] += h; down[j] -= h
            let numeric = (objective(up) - objective(down)) / (2 * h)
            #expect(abs(numeric - analytic[j]) < 1e-5 * max(1, abs(numeric)), "component \(j): \(analytic[j]) vs \(numeric)")
        }
    }
}

/// SplitMix64 for test data.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
