import Foundation
import RecoupModel
import RecoupPolicy

/// Renders `recoup train`'s evaluation (SPEC §6) as a table, JSON, CSV or Markdown. Solver
/// warnings come first (STYLE §9).
enum TrainingReport {
    /// The JSON document: SPEC §6's `risk` and `response` objects (with their calibration,
    /// back-test and contact-effect tables) plus provenance and warnings.
    struct Document: Encodable {
        var risk: RiskEvaluation
        var response: ResponseEvaluation?
        var warnings: [String]
        var until: Day
        var splitDay: Day
        var dataFingerprint: String
        var artifactVersion: Int
        var riskModel: PolicyRiskModel
        var halfLifeBusinessDays: Double?
        var clientEffectSD: Double?
    }

    static func render(_ trained: TrainedModels, format: OutputFormat, version: Int) -> String {
        switch format {
        case .json:
            let document = Document(
                risk: trained.evaluation.risk, response: trained.evaluation.response, warnings: trained.warnings,
                until: trained.until, splitDay: trained.splitDay, dataFingerprint: trained.dataFingerprint,
                artifactVersion: version, riskModel: trained.risk.policyRiskModel,
                halfLifeBusinessDays: trained.response?.layout.halfLife, clientEffectSD: trained.response?.clientEffectSD)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            guard let data = try? encoder.encode(document) else { return "{}\n" }
            return String(decoding: data, as: UTF8.self) + "\n"
        case .csv:
            var lines = ["model,train_rows,test_rows,auc,log_loss,brier"]
            let r = trained.evaluation.risk
            let auc = { (v: Double) in r.aucIsMeaningful ? f(v) : "" }
            lines.append("risk,\(r.trainRows),\(r.testRows),\(auc(r.auc)),\(f(r.logLoss)),\(f(r.brier))")
            lines.append("risk_base_rate,\(r.trainRows),\(r.testRows),\(auc(r.baselines.baseRate.auc)),\(f(r.baselines.baseRate.logLoss)),\(f(r.baselines.baseRate.brier))")
            lines.append("risk_last_late,\(r.trainRows),\(r.testRows),\(auc(r.baselines.lastLate.auc)),\(f(r.baselines.lastLate.logLoss)),\(f(r.baselines.lastLate.brier))")
            if let s = trained.evaluation.response {
                lines.append("response,\(s.trainRows),\(s.testRows),\(f(s.auc)),\(f(s.logLoss)),\(f(s.brier))")
            }
            return lines.joined(separator: "\n") + "\n"
        case .table, .markdown:
            return text(trained, markdown: format == .markdown, version: version)
        }
    }

    static func f(_ v: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", v) }

    static func table(_ header: [String], _ rows: [[String]], markdown: Bool) -> [String] {
        if markdown {
            return ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
                + rows.map { "| " + $0.joined(separator: " | ") + " |" }
        }
        var widths = header.map(\.count)
        for row in rows { for (k, cell) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { k, c in
                k == 0 ? c.padding(toLength: widths[k], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[k] - c.count) + c
            }.joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }

    static func text(_ trained: TrainedModels, markdown: Bool, version: Int) -> String {
        var out: [String] = []
        let heading = markdown ? "## " : ""
        for w in trained.warnings { out.append("warning: \(w)") }
        if !trained.warnings.isEmpty { out.append("") }
        out.append("Trained on data until \(trained.until.iso); invoices issued from \(trained.splitDay.iso) held out.")
        out.append("Stored as artifact \"models\" version \(version) (\(trained.dataFingerprint)).")
        out.append("")
        let r = trained.evaluation.risk
        out.append("\(heading)Risk model: P(paid more than \(trained.risk.lateThresholdDays) days after due), test period")
        let auc = { (v: Double) in r.aucIsMeaningful ? f(v) : "—" }
        out += table(["", "model", "base rate", "late last time"], [
            ["AUC", auc(r.auc), auc(r.baselines.baseRate.auc), auc(r.baselines.lastLate.auc)],
            ["log-loss", f(r.logLoss), f(r.baselines.baseRate.logLoss), f(r.baselines.lastLate.logLoss)],
            ["Brier", f(r.brier), f(r.baselines.baseRate.brier), f(r.baselines.lastLate.brier)],
        ], markdown: markdown)
        out.append("rows: \(r.trainRows) train, \(r.testRows) test")
        if !r.aucIsMeaningful, let late = r.testLate, let onTime = r.testOnTime {
            out.append("AUC not shown: the test period has \(late) late and \(onTime) on-time invoices; "
                       + "an AUC needs at least \(TrainingMinimum.perOutcome) of each")
        }
        out.append("")
        out += table(["feature", "coefficient (per sd)", "odds ratio"],
                     zip(trained.risk.features, trained.risk.coefficients).map { [$0.rawValue, f($1), f(exp($1), 3)] },
                     markdown: markdown)
        out.append("")
        out.append("Calibration by decile of predicted risk")
        out += table(["decile", "rows", "predicted", "observed"],
                     r.calibration.map { ["\($0.decile)", "\($0.rows)", f($0.meanPrediction, 3), f($0.observedRate, 3)] },
                     markdown: markdown)
        if let s = trained.evaluation.response, let model = trained.response {
            out.append("")
            out.append("\(heading)Payment-response model: P(payment on day d | open on d), test invoice-days")
            out += table(["", "model"], [["AUC", f(s.auc)], ["log-loss", f(s.logLoss)], ["Brier", f(s.brier)]], markdown: markdown)
            out.append("rows: \(s.trainRows) train, \(s.testRows) test")
            out.append("contact half-life \(f(model.layout.halfLife, 0)) business days, "
                       + "unreached contact weight \(f(model.layout.unreachedWeight, 1)); \(model.clientEffects.count) client effects, "
                       + "sd \(f(model.clientEffectSD, 3))")
            out.append("")
            out.append("Back-test: share of invoices paid by days past due")
            out += table(["dpd", "at risk", "predicted", "actual"],
                         s.backTest.map { ["\($0.dpd)", "\($0.atRisk)", f($0.predictedPaidShare, 3), f($0.actualPaidShare, 3)] },
                         markdown: markdown)
            out.append("")
            out.append("Contact effects on the daily logit (per unit of ln(1 + stock)), 95% intervals")
            let held = model.heldHumanTerm
            out += table(["term", "effect", "low", "high", "contacts"],
                         s.contactEffects.map { e in
                             e.term == "human" && held != nil
                                 ? [e.term, "held", "", "", ""]
                                 : [e.term, f(e.coefficient, 3), f(e.lo, 3), f(e.hi, 3), e.contacts > 0 || Channel(rawValue: e.term) != nil ? "\(e.contacts)" : ""]
                         },
                         markdown: markdown)
            if let held {
                let why = held.reason == .noAgentContacts
                    ? "every contact in this history was made by a person, so an agent's contact is taken to work as a person's"
                    : "every contact but calls was an agent's, so a person's email, sms or letter is taken to work as an agent's"
                let note = "note: human is held at 0: \(why); the simulator draws the difference from a prior "
                    + "(sd \(f(held.priorSD, 1)) on the logit) in each run, so those projections carry that uncertainty."
                out += markdown ? [note] : wrapped(note)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `text` broken at spaces into lines of at most `width` characters.
    static func wrapped(_ text: String, width: Int = 100) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
