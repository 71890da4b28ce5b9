import Foundation

extension Policy {
    /// Bounds the engine relies on (documented in docs/policy.md).
    public enum Bounds {
        /// Tiers per policy.
        public static let maxTiers = 8
        /// Steps per cadence (the engine keeps carried-over steps in a 32-bit mask).
        public static let maxStepsPerCadence = 32
        /// Earliest step, in days before the due date.
        public static let earliestStepDay = -90
        /// `limits.maxContactsPer7Days` range.
        public static let contactsPer7Days = 1...7
        /// `copilot.approvalDelayDays` range.
        public static let approvalDelayDays = 0...7
        /// `writeOffAfterDays` range.
        public static let writeOffAfterDays = 1...3650
        /// `holds.promiseGraceDays` range.
        public static let promiseGraceDays = 0...90
        /// `escalation.daysPastDue`: at least one day past due (and before the write-off).
        public static let earliestEscalationDay = 1
        /// `escalation.afterContacts` range.
        public static let afterContacts = 1...1000
        /// `copilot.reviewMinutes` range, in minutes.
        public static let reviewMinutes = 0.0...240.0
        /// The largest magnitude of a risk model's intercept and coefficients (the score is a
        /// sigmoid: beyond this it saturates, and infinities would give NaN risks).
        public static let maxRiskWeight = 1e6
        /// The largest magnitude of a feature mean and the largest feature scale.
        public static let maxFeatureMagnitude = 1e15
        /// `projections.dso` range, in days.
        public static let projectedDSO = 0.0...36500.0
    }

    /// Whether `x` is finite and within `range`.
    static func isWithin(_ x: Double, _ range: ClosedRange<Double>) -> Bool { x.isFinite && range.contains(x) }

    /// Every problem that makes this policy unusable, in document order; empty when valid.
    ///
    /// Checks: name present; tiers (1…8, unique non-empty names, `below` in (0, 1] strictly
    /// increasing on every tier but the last, none on the last); a cadence for every tier and
    /// none for an unknown tier, each with at most 32 steps in day order, no step before day −90
    /// and every step before `writeOffAfterDays`; a risk model when there is more than one tier,
    /// with known, distinct feature names, one coefficient, mean and scale per feature and
    /// positive scales; escalation conditions in range (`daysPastDue` before the write-off,
    /// `afterContacts` ≥ 1, `riskOver` in (0, 1), `amountOver` > 0); limits and copilot settings
    /// in their ranges; `writeOffAfterDays` in 1…3650; the risk model's numbers finite and
    /// bounded; `projections` rates in [0, 1] and the rest ≥ 0; `provenance.trainedOn` among
    /// `LedgerLimits.supportedDays`. Every message names the JSON path.
    /// - Complexity: O(steps + tiers²).
    public func validate() -> [PolicyProblem] {
        var problems: [PolicyProblem] = []
        func problem(_ path: String, _ message: String) { problems.append(PolicyProblem(path: path, message: message)) }
        func fmt(_ d: Double) -> String { CanonicalJSON.numberText(d) }

        if name.trimmingCharacters(in: .whitespaces).isEmpty { problem("name", "the name is empty; give the policy a short name") }
        if name.count > 100 { problem("name", "the name has \(name.count) characters; at most 100") }
        if let c = name.unicodeScalars.first(where: TerminalText.isControl) {
            problem("name", "the name contains a control character (\(TerminalText.controlDescription(c)))")
        }

        // Tiers.
        if tiers.isEmpty { problem("tiers", "there must be at least one tier") }
        if tiers.count > Bounds.maxTiers { problem("tiers", "\(tiers.count) tiers; at most \(Bounds.maxTiers)") }
        var seen = Set<String>()
        var previousBound = 0.0
        for (i, tier) in tiers.enumerated() {
            let path = "tiers[\(i)]"
            if tier.name.isEmpty { problem("\(path).name", "the tier name is empty") }
            if let c = tier.name.unicodeScalars.first(where: TerminalText.isControl) {
                problem("\(path).name", "the tier name contains a control character (\(TerminalText.controlDescription(c)))")
            }
            if !seen.insert(tier.name).inserted { problem("\(path).name", "tier name \"\(tier.name)\" is used twice") }
            let isLast = i == tiers.count - 1
            if isLast {
                if let below = tier.below {
                    problem("\(path).below", "the last tier has no bound (found \(fmt(below))); remove \"below\" so every risk has a tier")
                }
            } else if let below = tier.below {
                if !(below > 0 && below <= 1) {
                    problem("\(path).below", "bound \(fmt(below)) is not in (0, 1]")
                } else if below <= previousBound {
                    problem("\(path).below", "bound \(fmt(below)) does not exceed the previous tier's \(fmt(previousBound)); bounds must increase")
                }
                previousBound = max(previousBound, below)
            } else {
                problem("\(path).below", "tier \"\(tier.name)\" needs a \"below\" bound: only the last tier has none")
            }
        }

        // Cadences.
        for tier in tiers where cadences[tier.name] == nil {
            problem("cadences", "no cadence for tier \"\(tier.name)\"; add \"\(tier.name)\": [] for a tier with no reminders")
        }
        for key in cadences.keys.sorted() where !tiers.contains(where: { $0.name == key }) {
            problem("cadences.\(key)", "cadence for unknown tier \"\(key)\"; tiers are \(tiers.map(\.name).joined(separator: ", "))")
        }
        for tier in tiers {
            guard let steps = cadences[tier.name] else { continue }
            let path = "cadences.\(tier.name)"
            if steps.count > Bounds.maxStepsPerCadence {
                problem(path, "\(steps.count) steps; at most \(Bounds.maxStepsPerCadence)")
            }
            for (i, step) in steps.enumerated() {
                if i > 0, step.day < steps[i - 1].day {
                    problem("\(path)[\(i)].day", "day \(step.day) comes after day \(steps[i - 1].day); list steps in day order")
                }
                if step.day < Bounds.earliestStepDay {
                    problem("\(path)[\(i)].day", "day \(step.day) is more than \(-Bounds.earliestStepDay) days before the due date")
                }
                if step.day >= writeOffAfterDays {
                    problem("\(path)[\(i)].day", "day \(step.day) is not before the write-off at \(writeOffAfterDays) days past due; the write-off must come after the last step")
                }
                if i > 0, steps[..<i].contains(where: { $0.day == step.day && $0.channel == step.channel }) {
                    problem("\(path)[\(i)]", "a second \(step.channel.rawValue) step on day \(step.day)")
                }
            }
        }

        // Risk model.
        if let model = riskModel {
            let n = model.features.count
            if n == 0 { problem("riskModel.features", "the risk model has no features") }
            var names = Set<String>()
            for (i, feature) in model.features.enumerated() {
                if RiskFeature(rawValue: feature) == nil {
                    problem("riskModel.features[\(i)]", "unknown risk feature \"\(feature)\"; expected one of \(RiskFeature.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !names.insert(feature).inserted { problem("riskModel.features[\(i)]", "feature \"\(feature)\" is listed twice") }
            }
            if model.coefficients.count != n {
                problem("riskModel.coefficients", "\(model.coefficients.count) coefficients for \(n) features; give one per feature")
            }
            if model.means.count != n { problem("riskModel.means", "\(model.means.count) means for \(n) features; give one per feature") }
            if model.scales.count != n { problem("riskModel.scales", "\(model.scales.count) scales for \(n) features; give one per feature") }
            for (i, s) in model.scales.enumerated() where !(s > 0 && s <= Bounds.maxFeatureMagnitude) {
                problem("riskModel.scales[\(i)]", s > 0 ? "scale \(fmt(s)) is larger than \(fmt(Bounds.maxFeatureMagnitude))" : "scale \(fmt(s)) is not positive")
            }
            let weight = -Bounds.maxRiskWeight...Bounds.maxRiskWeight
            if !Policy.isWithin(model.intercept, weight) {
                problem("riskModel.intercept", "\(fmt(model.intercept)) is not in \(fmt(weight.lowerBound))…\(fmt(weight.upperBound))")
            }
            for (i, c) in model.coefficients.enumerated() where !Policy.isWithin(c, weight) {
                problem("riskModel.coefficients[\(i)]", "\(fmt(c)) is not in \(fmt(weight.lowerBound))…\(fmt(weight.upperBound))")
            }
            let magnitude = -Bounds.maxFeatureMagnitude...Bounds.maxFeatureMagnitude
            for (i, m) in model.means.enumerated() where !Policy.isWithin(m, magnitude) {
                problem("riskModel.means[\(i)]", "\(fmt(m)) is not in \(fmt(magnitude.lowerBound))…\(fmt(magnitude.upperBound))")
            }
            if !(0...365).contains(model.lateThresholdDays) {
                problem("riskModel.lateThresholdDays", "\(model.lateThresholdDays) is not in 0…365")
            }
        } else if tiers.count > 1 {
            problem("riskModel", "\(tiers.count) tiers need a risk model to choose between them; add \"riskModel\" or keep one tier")
        }

        // Escalation.
        if let d = escalation.daysPastDue {
            if d < Bounds.earliestEscalationDay {
                problem("escalation.daysPastDue", "\(d) is not a number of days past due (at least \(Bounds.earliestEscalationDay)); use null to turn the condition off")
            }
            if d >= writeOffAfterDays {
                problem("escalation.daysPastDue", "\(d) is not before the write-off at \(writeOffAfterDays) days past due")
            }
        }
        if let a = escalation.amountOver, a.minorUnits <= 0 {
            problem("escalation.amountOver", "amount \(a) is not positive; use null to turn the condition off")
        } else if let a = escalation.amountOver, a.minorUnits > LedgerLimits.maxAmountMinorUnits {
            problem("escalation.amountOver", "amount \(a) is over the largest amount a ledger holds (\(LedgerLimits.maxAmountText)); no invoice could reach it")
        }
        if let r = escalation.riskOver, !(r > 0 && r < 1) {
            problem("escalation.riskOver", "risk \(fmt(r)) is not in (0, 1); use null to turn the condition off")
        }
        if escalation.riskOver != nil && riskModel == nil {
            problem("escalation.riskOver", "risk-based escalation needs a risk model; add \"riskModel\" or set riskOver to null")
        }
        if let c = escalation.afterContacts, c < 1 {
            problem("escalation.afterContacts", "\(c) is less than 1; use null to turn the condition off")
        } else if let c = escalation.afterContacts, c > Bounds.afterContacts.upperBound {
            problem("escalation.afterContacts", "\(c) is more than \(Bounds.afterContacts.upperBound) contacts")
        }

        // Holds, limits, copilot, write-off.
        if !Bounds.promiseGraceDays.contains(holds.promiseGraceDays) {
            problem("holds.promiseGraceDays", "\(holds.promiseGraceDays) is not in \(Bounds.promiseGraceDays.lowerBound)…\(Bounds.promiseGraceDays.upperBound)")
        }
        if !Bounds.contactsPer7Days.contains(limits.maxContactsPer7Days) {
            problem("limits.maxContactsPer7Days", "\(limits.maxContactsPer7Days) is not in \(Bounds.contactsPer7Days.lowerBound)…\(Bounds.contactsPer7Days.upperBound)")
        }
        if !Bounds.approvalDelayDays.contains(copilot.approvalDelayDays) {
            problem("copilot.approvalDelayDays", "\(copilot.approvalDelayDays) is not in \(Bounds.approvalDelayDays.lowerBound)…\(Bounds.approvalDelayDays.upperBound)")
        }
        if !Policy.isWithin(copilot.reviewMinutes, Bounds.reviewMinutes) {
            problem("copilot.reviewMinutes", "\(fmt(copilot.reviewMinutes)) is not in 0…240 minutes")
        }
        var triggers = Set<ApprovalTrigger>()
        for (i, t) in copilot.approve.enumerated() where !triggers.insert(t).inserted {
            problem("copilot.approve[\(i)]", "\"\(t)\" is listed twice")
        }
        if !Bounds.writeOffAfterDays.contains(writeOffAfterDays) {
            problem("writeOffAfterDays", "\(writeOffAfterDays) is not in \(Bounds.writeOffAfterDays.lowerBound)…\(Bounds.writeOffAfterDays.upperBound)")
        }
        if let p = projections {
            let checks: [(String, Double?, ClosedRange<Double>)] = [
                ("dso", p.dso, Bounds.projectedDSO), ("collectionRate", p.collectionRate, 0...1),
                ("costPerInvoice", p.costPerInvoice, 0...1e9), ("humanHoursPerWeek", p.humanHoursPerWeek, 0...168_000),
                ("contactsPerInvoice", p.contactsPerInvoice, 0...10_000), ("writeOffRate", p.writeOffRate, 0...1),
            ]
            for (name, value, range) in checks {
                if let value, !Policy.isWithin(value, range) {
                    problem("projections.\(name)", "\(fmt(value)) is not in \(fmt(range.lowerBound))…\(fmt(range.upperBound))")
                }
            }
        }
        if let day = provenance?.trainedOn, !LedgerLimits.supportedDays.contains(day) {
            problem("provenance.trainedOn", "\(day.iso) is outside the supported days \(LedgerLimits.supportedDaysText)")
        }
        if let s = signature {
            let hex = s.keyId.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
            if s.keyId.count != 16 || !hex { problem("signature.keyId", "key id \"\(s.keyId)\" is not 16 lower-case hex digits") }
            if Base64.decode(s.value)?.count != 64 {
                problem("signature.value", "\"\(s.value.prefix(20))…\" is not a base64 64-byte Ed25519 signature")
            }
        }
        return problems
    }

    /// Throws `PolicyError.invalid` with every problem when `validate()` finds any.
    public func checkValid() throws(PolicyError) {
        let problems = validate()
        if !problems.isEmpty { throw .invalid(problems) }
    }
}
