import Foundation
import RecoupPolicy

extension TuningReport {
    /// The table's figures, in column order.
    static let tableMetrics: [(metric: TuningMetric, heading: String, decimals: Int)] = [
        (.dso, "DSO (days)", 1), (.cost, "cost/invoice ($)", 2), (.collectionRate, "collected %", 1), (.humanHours, "hours/week", 2),
    ]

    static func cell(_ i: Interval, decimals: Int) -> String {
        guard i.mean.isFinite else { return "–" }
        return String(format: "%.\(decimals)f [%.\(decimals)f, %.\(decimals)f]", i.mean, i.lo, i.hi)
    }

    /// `frontier`, or `dominated by #k`.
    static func frontierCell(_ r: Result) -> String { r.dominatedBy.map { "dominated by #\($0)" } ?? "frontier" }

    var pickedIndex: Int? { if case .success(let i)? = picked { return i } else { return nil } }

    /// Header and rows of the points table: one row per evaluated point, figures as
    /// `mean [lo, hi]`, the frontier mark, whether the constraints hold, the pick.
    public var tableRows: [[String]] {
        var header = ["point"] + axes.map(\.path.text) + Self.tableMetrics.map(\.heading) + ["frontier"]
        if !constraints.isEmpty { header.append("feasible") }
        if pick != nil { header.append("pick") }
        var rows = [header]
        for r in results {
            var row = ["#\(r.index)"] + r.values.map(\.text)
            row += Self.tableMetrics.map { column in
                // Shares are shown in percent, as in every table for people; JSON keeps fractions.
                let i = r.figures[column.metric], k = column.metric == .collectionRate ? 100.0 : 1
                return Self.cell(Interval(mean: i.mean * k, lo: i.lo * k, hi: i.hi * k), decimals: column.decimals)
            }
            row.append(Self.frontierCell(r))
            if !constraints.isEmpty { row.append(r.isFeasible ? "yes" : "no") }
            if pick != nil { row.append(pickedIndex == r.index ? "<- picked" : "") }
            rows.append(row)
        }
        return rows
    }

    var heading: String {
        var parts = ["Sweep of \(baseName): \(results.count + skipped.count) points, \(results.count) evaluated"]
        if let from = context.from, let to = context.to { parts.append("invoices issued \(from.iso)…\(to.iso)") }
        parts.append("\(invoices) invoices, \(runs) runs" + (context.seed.map { ", seed \($0)" } ?? ""))
        return UnverifiedMarking.title(parts.joined(separator: "; ") + " (mean [95% interval])",
                                       unverified: context.isBaseVerified ? [] : [baseName])
    }

    var footerLines: [String] {
        var lines: [String] = []
        let frontier = results.filter(\.isOnFrontier).sorted {
            ($0.figures.dso.mean, $0.index) < ($1.figures.dso.mean, $1.index)
        }
        lines.append("frontier (DSO against cost per invoice, both minimised; by DSO): " + frontier.map { "#\($0.index)" }.joined(separator: ", "))
        if !constraints.isEmpty { lines.append("constraints (on the mean): " + constraints.map(\.description).joined(separator: " and ")) }
        if let pick {
            switch picked {
            case .success(let i)?: lines.append("picked (\(pick)): #\(i)")
            case .failure(let e)?: lines.append("no pick (\(pick)): \(e.description)")
            case nil: break
            }
        }
        for s in skipped {
            let settings = zip(axes, s.values).map { "\($0.path.text)=\($1.text)" }.joined(separator: ", ")
            lines.append("skipped #\(s.index) (\(settings)): invalid policy: " + s.problems.joined(separator: "; "))
        }
        if let support { lines += support.lines }
        return lines
    }

    /// Aligned plain text: the heading, the points table (first column and settings left,
    /// figures right), the frontier, constraints, pick and skipped points.
    /// Cells, heading and footer are escaped for the terminal (`TerminalText.escaped`).
    public var text: String {
        let rows = tableRows.map { $0.map(TerminalText.escaped) }
        let heading = TerminalText.escaped(self.heading), footerLines = self.footerLines.map(TerminalText.escaped)
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        let figureColumns = (1 + axes.count)..<(1 + axes.count + Self.tableMetrics.count)
        var out = heading + "\n\n"
        for row in rows {
            var line = row.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return figureColumns.contains(i) || (i > 0 && i <= axes.count) ? pad + c : c + pad
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out + "\n" + footerLines.joined(separator: "\n") + "\n"
    }

    /// The tables of `text` as Markdown.
    public var markdown: String {
        let rows = tableRows.map { $0.map(TerminalText.escaped) }
        let heading = TerminalText.escaped(self.heading), footerLines = self.footerLines.map(TerminalText.escaped)
        guard let header = rows.first else { return "" }
        var out = heading + ".\n\n| " + header.joined(separator: " | ") + " |\n|"
        out += header.indices.map { $0 == 0 || $0 > axes.count + Self.tableMetrics.count ? " --- |" : " ---: |" }.joined() + "\n"
        for row in rows.dropFirst() {
            out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out + "\n" + footerLines.map { "- " + $0 }.joined(separator: "\n") + "\n"
    }

    /// One row per grid point (skipped ones included, with empty figures): `point`, one column
    /// per varied field, `status` (`frontier`, `dominated` or `skipped`), `dominated_by`,
    /// `feasible`, `picked`, then `<figure>_mean,_lo,_hi` for dso, collectionRate,
    /// costPerInvoice, humanHoursPerWeek, contactsPerInvoice, writeOffRate, then `problems`.
    /// RFC 4180 quoting, LF line ends.
    public var csv: String {
        func q(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let names = Self.figureNames
        var header = ["point"] + axes.map(\.path.text) + ["status", "dominated_by", "feasible", "picked"]
        for n in names { header += [n + "_mean", n + "_lo", n + "_hi"] }
        header.append("problems")
        var lines = [header.map(q).joined(separator: ",")]
        var rows: [(Int, [String])] = results.map { r in
            var row = ["\(r.index)"] + r.values.map(\.text)
            row += [r.isOnFrontier ? "frontier" : "dominated", r.dominatedBy.map(String.init) ?? "", r.isFeasible ? "true" : "false",
                    pickedIndex == r.index ? "true" : "false"]
            for i in Self.figures(r.figures) { row += [JSONText.number(i.mean), JSONText.number(i.lo), JSONText.number(i.hi)] }
            row.append("")
            return (r.index, row)
        }
        rows += skipped.map { s in
            (s.index, ["\(s.index)"] + s.values.map(\.text) + ["skipped", "", "false", "false"]
                + [String](repeating: "", count: names.count * 3) + [s.problems.joined(separator: "; ")])
        }
        for (_, row) in rows.sorted(by: { $0.0 < $1.0 }) { lines.append(row.map(q).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    static let figureNames = ["dso", "collectionRate", "costPerInvoice", "humanHoursPerWeek", "contactsPerInvoice", "writeOffRate"]

    static func figures(_ f: TuningFigures) -> [Interval] {
        [f.dso, f.collectionRate, f.costPerInvoice, f.humanHoursPerWeek, f.contactsPerInvoice, f.writeOffRate]
    }

    /// A JSON object: `base`, `baseVerified`, `invoices`, `runs`, `seed`, `from`, `to`, `axes` (`field`,
    /// `values`), `constraints`, `pick`, `picked` (point number or null), `pickError`,
    /// `points` (each with `point`, `settings` {field: value}, the SPEC §6 figures as
    /// {mean, lo, hi}, `frontier`, `dominatedBy`, `feasible`), `skipped` (`point`,
    /// `settings`, `problems`) and, when checked, the base policy's `support`. Same report,
    /// same bytes.
    public var json: String {
        func settings(_ values: [JSONNumber]) -> String {
            "{ " + zip(axes, values).map { "\(JSONText.string($0.path.text)): \($1.text)" }.joined(separator: ", ") + " }"
        }
        func interval(_ i: Interval) -> String {
            "{ \"mean\": \(JSONText.number(i.mean)), \"lo\": \(JSONText.number(i.lo)), \"hi\": \(JSONText.number(i.hi)) }"
        }
        var out = "{\n  \"base\": \(JSONText.string(baseName)),\n  \"baseVerified\": \(context.isBaseVerified),\n  \"invoices\": \(invoices),\n  \"runs\": \(runs),\n"
        out += "  \"seed\": \(context.seed.map { String($0) } ?? "null"),\n"
        out += "  \"from\": \(context.from.map { "\"\($0.iso)\"" } ?? "null"),\n  \"to\": \(context.to.map { "\"\($0.iso)\"" } ?? "null"),\n"
        out += "  \"axes\": [\n" + axes.map { a in
            "    { \"field\": \(JSONText.string(a.path.text)), \"values\": [" + a.values.map(\.text).joined(separator: ", ") + "] }"
        }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"constraints\": [" + constraints.map { JSONText.string($0.description) }.joined(separator: ", ") + "],\n"
        out += "  \"pick\": \(pick.map { JSONText.string($0.description) } ?? "null"),\n"
        out += "  \"picked\": \(pickedIndex.map(String.init) ?? "null"),\n"
        if case .failure(let e)? = picked { out += "  \"pickError\": \(JSONText.string(e.description)),\n" }
        if let support { out += "  " + support.json + ",\n" }
        out += "  \"points\": [\n" + results.map { r in
            var lines = ["    { \"point\": \(r.index), \"settings\": \(settings(r.values))"]
            for (name, i) in zip(Self.figureNames, Self.figures(r.figures)) { lines.append("      \"\(name)\": \(interval(i))") }
            lines.append("      \"frontier\": \(r.isOnFrontier), \"dominatedBy\": \(r.dominatedBy.map(String.init) ?? "null"), \"feasible\": \(r.isFeasible) }")
            return lines.joined(separator: ",\n")
        }.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"skipped\": [" + (skipped.isEmpty ? "" : "\n" + skipped.map { s in
            "    { \"point\": \(s.index), \"settings\": \(settings(s.values)), \"problems\": [" + s.problems.map(JSONText.string).joined(separator: ", ") + "] }"
        }.joined(separator: ",\n") + "\n  ") + "]\n}\n"
        return out
    }
}
