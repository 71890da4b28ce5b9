import Foundation
import RecoupPolicy

/// Fits `PaymentResponseModel`s on `HazardDesign`s.
public enum PaymentResponseFitter {
    /// Penalties and the client-effect variance. Every default is a weak prior on the natural
    /// scale of the columns.
    public struct Options: Sendable, Equatable {
        /// λ on every column except the dpd bins and segment columns (unpenalised) and the
        /// channel deviations. Default 1 (prior sd 1 on the logit scale).
        public var featurePenalty: Double = 1
        /// λ on each channel's deviation from the shared contact effect: the shared prior that
        /// lets a rare channel borrow strength from the others. Default 4 (prior sd 0.5).
        public var channelDeviationPenalty: Double = 4
        /// Starting σ_u of the client effects. Default 1.
        public var clientEffectSD: Double = 1
        /// Updates of σ_u by expectation–maximisation (σ² ← mean of u_c² + se_c² over clients
        /// with rows), each followed by a warm-started refit. Default 3; 0 keeps σ_u fixed.
        public var clientEffectSDUpdates: Int = 3
        /// Solver options.
        public var solver = LogisticFitOptions()

        public init() {}
    }

    /// The penalty of each column of `layout`.
    public static func penalties(layout: HazardFeatureLayout, options: Options) -> [Double] {
        (0..<layout.columnCount).map { j in
            if j < 9 || j >= HazardFeatureLayout.firstSegmentColumn { return 0 }
            if j > HazardFeatureLayout.contactsAllColumn && j <= HazardFeatureLayout.contactsAllColumn + Channel.allCases.count {
                return options.channelDeviationPenalty
            }
            return options.featurePenalty
        }
    }

    /// Fits the hazard with client effects on `design` (only its first `rows` rows if given).
    /// - Parameters:
    ///   - contactsByChannel: contacts per channel behind the rows, reported with the effects.
    /// - Throws: `LogisticFitError` (e.g. no payment at all in the rows).
    public static func fit(design: HazardDesign, outcomes: ContactOutcomeModels, options: Options = .init(),
                           contactsByChannel: [Channel: Int] = [:], halfLifeSelection: [PaymentResponseModel.GridPoint] = [])
        throws(LogisticFitError) -> PaymentResponseModel
    {
        let layout = design.layout
        let p = layout.columnCount
        var lambdas = penalties(layout: layout, options: options)
        // A column that is 0 on every row (a dpd bin or segment the data never reaches, a
        // channel never used) carries no information: penalise it so the fit stays well posed.
        var used = [Bool](repeating: false, count: p)
        design.x.withUnsafeBufferPointer { x in
            for i in 0..<design.rows { for j in 0..<p where x[i * p + j] != 0 { used[j] = true } }
        }
        for j in 0..<p where !used[j] && lambdas[j] == 0 { lambdas[j] = max(options.featurePenalty, 1e-6) }
        // The human term is identified only if the history has both a person's contact other
        // than a call (a call is always a person's, so otherwise the human column equals the
        // call column and a policy whose people send emails would inherit half the call effect)
        // and an agent's contact (otherwise the human column equals the shared contacts column
        // on every row, and the split between them is the penalties', not the data's). When it
        // is not, it is held at 0 and the simulator draws the unseen side's difference from a
        // prior (`PaymentResponseModel.heldHumanTerm`).
        let humanColumn = HazardFeatureLayout.humanColumn, callColumn = HazardFeatureLayout.channelColumn(.call)
        let allColumn = HazardFeatureLayout.contactsAllColumn
        let channelColumns = Channel.allCases.map(HazardFeatureLayout.channelColumn)
        var personBeyondCalls = false, agentContact = false
        design.x.withUnsafeBufferPointer { x in
            for i in 0..<design.rows {
                let human = x[i * p + humanColumn]
                if human != x[i * p + callColumn] { personBeyondCalls = true }
                // A row's whole stock, from its channels' ln(1 + S): more than the person's
                // stock means some contact so far was an agent's.
                var stock = 0.0
                for c in channelColumns { stock += exp(x[i * p + c]) - 1 }
                if log1p(stock) > human + 1e-9 { agentContact = true }
                if personBeyondCalls && agentContact { break }
            }
        }
        let humanIdentified = personBeyondCalls && agentContact
        if !humanIdentified { lambdas[humanColumn] = 1e12 }
        var sd = options.clientEffectSD
        var problem = try LogisticProblem(
            rows: design.rows, columns: p, x: design.x, y: design.y, penalties: lambdas,
            groups: .init(count: design.clientIDs.count, index: design.clientIndex, penalty: 1 / (sd * sd)),
            columnNames: layout.columnNames)
        var solver = options.solver
        var fit = try LogisticSolver.fit(problem, options: solver)
        var rowsOfClient = [Int](repeating: 0, count: design.clientIDs.count)
        for c in design.clientIndex { rowsOfClient[Int(c)] += 1 }
        for _ in 0..<options.clientEffectSDUpdates {
            var s = 0.0, m = 0
            for c in 0..<design.clientIDs.count where rowsOfClient[c] > 0 {
                let se = c < fit.groupStandardErrors.count ? fit.groupStandardErrors[c] : 0
                s += fit.groupEffects[c] * fit.groupEffects[c] + se * se
                m += 1
            }
            guard m > 1 else { break }
            let next = max(0.05, (s / Double(m)).squareRoot())
            if abs(next - sd) < 1e-3 * sd { sd = next; break }
            sd = next
            problem.groups?.penalty = 1 / (sd * sd)
            solver.initialCoefficients = fit.coefficients
            solver.initialGroupEffects = fit.groupEffects
            fit = try LogisticSolver.fit(problem, options: solver)
        }
        // An unseen dpd bin takes the nearest seen bin's baseline (the earlier one on ties), so
        // the simulator never meets a baseline of 0 (a 50% daily hazard).
        var coefficients = fit.coefficients
        let seenBins = (0..<9).filter { used[$0] }
        if !seenBins.isEmpty {
            for b in 0..<9 where !used[b] {
                let nearest = seenBins.min { (abs($0 - b), $0) < (abs($1 - b), $1) } ?? b
                coefficients[b] = fit.coefficients[nearest]
            }
        }
        if !humanIdentified { coefficients[humanColumn] = 0 }
        // Client effects of clients with rows, sorted by id (clientIDs are sorted).
        var clientSegment = [String](repeating: "unknown", count: design.clientIDs.count)
        var seen = [Bool](repeating: false, count: design.clientIDs.count)
        for i in 0..<design.rows {
            let c = Int(design.clientIndex[i])
            guard !seen[c] else { continue }
            seen[c] = true
            var segment = 0
            for j in HazardFeatureLayout.firstSegmentColumn..<p where design.x[i * p + j] == 1 {
                segment = j - HazardFeatureLayout.firstSegmentColumn + 1
            }
            clientSegment[c] = layout.segments[min(segment, layout.segments.count - 1)]
        }
        let effects = (0..<design.clientIDs.count).filter { rowsOfClient[$0] > 0 }.map { c in
            PaymentResponseModel.ClientEffect(
                clientID: design.clientIDs[c], segment: clientSegment[c], effect: fit.groupEffects[c],
                standardError: c < fit.groupStandardErrors.count ? fit.groupStandardErrors[c] : 0, rows: rowsOfClient[c])
        }
        var model = PaymentResponseModel(
            layout: layout, columnNames: layout.columnNames, coefficients: coefficients,
            standardErrors: fit.standardErrors, covariance: fit.covariance, penalties: lambdas, clientEffectSD: sd,
            clientEffects: effects,
            contactEffects: contactEffects(fit: fit, p: p, contactsByChannel: contactsByChannel),
            halfLifeSelection: halfLifeSelection,
            fit: .init(rows: design.rows, iterations: fit.iterations, converged: fit.converged,
                       gradientNorm: fit.gradientNorm, logLoss: fit.logLoss, warnings: fit.warnings.map(\.description)),
            outcomes: outcomes)
        let eta = model.linearPredictors(x: design.x, rows: design.rows, clientIndex: design.clientIndex,
                                         clientIDs: design.clientIDs)
        model.drawShifts = DrawCalibration.binShifts(design: design, eta: eta, standardErrors: fit.groupStandardErrors)
        if !humanIdentified && used[allColumn] {
            model.heldHumanTerm = .init(reason: agentContact ? .noPersonContacts : .noAgentContacts)
        }
        return model
    }

    static func contactEffects(fit: LogisticFit, p: Int, contactsByChannel: [Channel: Int]) -> [PaymentResponseModel.ContactEffect] {
        let v = fit.covariance
        func entry(_ term: String, _ terms: [Int], contacts: Int) -> PaymentResponseModel.ContactEffect {
            let b = terms.reduce(0.0) { $0 + fit.coefficients[$1] }
            var variance = 0.0
            if v.count == p * p { for j in terms { for k in terms { variance += v[j * p + k] } } }
            let se = max(0, variance).squareRoot()
            return .init(term: term, coefficient: b, standardError: se, lo: b - 1.96 * se, hi: b + 1.96 * se, contacts: contacts)
        }
        // A `call` is always made by a person, so its effect includes the human term.
        var out = Channel.allCases.map { ch in
            entry(ch.rawValue, [HazardFeatureLayout.contactsAllColumn, HazardFeatureLayout.channelColumn(ch)]
                      + (ch == .call ? [HazardFeatureLayout.humanColumn] : []),
                  contacts: contactsByChannel[ch] ?? 0)
        }
        out.append(entry("firm", [HazardFeatureLayout.firmColumn], contacts: 0))
        out.append(entry("human", [HazardFeatureLayout.humanColumn], contacts: 0))
        out.append(entry("fatigue", [HazardFeatureLayout.fatigueColumn], contacts: 0))
        return out
    }
}
