import Foundation
import RecoupPolicy

extension SimulationReport {
    static func jsonInterval(_ i: Interval?, significant: Bool = false) -> String {
        guard let i else { return "null" }
        var s = "{ \"mean\": \(JSONText.number(i.mean)), \"lo\": \(JSONText.number(i.lo)), \"hi\": \(JSONText.number(i.hi))"
        if significant { s += ", \"significant\": \(i.excludesZero)" }
        return s + " }"
    }

    /// SPEC §6's JSON array, one object per policy: its members first, in its order, then the
    /// extras of docs/simulation.md (`extras`, `difference` against the first policy, and
    /// `backTest` on the history's object).
    public var json: String {
        var objects: [String] = []
        for (p, projection) in projections.enumerated() {
            var lines = ["  { \"policy\": \(JSONText.string(projection.policy)), \"mode\": \(JSONText.string(projection.mode)), \"verified\": \(projection.isVerified), \"invoices\": \(projection.invoices), \"runs\": \(projection.runs), \"horizonDays\": \(projection.horizonDays)"]
            for metric in ProjectionMetric.spec {
                lines.append("    \(JSONText.string(metric.rawValue)): \(SimulationReport.jsonInterval(projection.figures[metric]))")
            }
            lines.append("    \"from\": \"\(from.iso)\", \"to\": \"\(to.iso)\", \"seed\": \(seed)")
            let extras = ProjectionMetric.extras.map {
                "      \(JSONText.string($0.rawValue)): \(SimulationReport.jsonInterval(projection.figures[$0]))"
            }
            lines.append("    \"extras\": {\n" + extras.joined(separator: ",\n") + " }")
            if let difference = projection.difference {
                let items = ProjectionMetric.allCases.map {
                    "      \(JSONText.string($0.rawValue)): \(SimulationReport.jsonInterval(difference[$0], significant: true))"
                }
                lines.append("    \"difference\": { \"against\": \(JSONText.string(projections[0].policy)),\n" + items.joined(separator: ",\n") + " }")
            }
            if let s = support.first(where: { $0.policy == projection.policy }) { lines.append("    " + s.json) }
            if projection.mode == "history", let h = historyPolicy {
                lines.append("    \"historyPolicy\": { \"kind\": \"estimatedPolicy\", \"invoices\": \(h.invoices), \"contactedShare\": \(JSONText.number(h.contactedShare)), \"summary\": [\(h.summaryLines.map { JSONText.string($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: ", "))] }")
            }
            if projection.mode == "history", let b = backTest {
                lines.append("    \"backTest\": { \"from\": \"\(b.from)\", \"to\": \"\(b.to)\", \"invoices\": \(b.actual.invoices), \"actualDso\": \(JSONText.number(b.actual.dso)), \"actualCollectionRate\": \(JSONText.number(b.actual.collectionRate)), \"actualCollectionRate90\": \(JSONText.number(b.actual.collectionRate90)), \"actualWriteOffRate\": \(JSONText.number(b.actual.writeOffRate)), \"unresolvedInvoices\": \(b.actual.unresolved), \"dsoOutsideInterval\": \(b.dsoOutside), \"collectionRateOutsideInterval\": \(b.collectionRateOutside)\(b.comparisonJSON.isEmpty ? "" : ", " + b.comparisonJSON) }")
            }
            if let o = offPolicy.first(where: { $0.policy == projection.policy }) {
                func block(_ m: [ProjectionMetric: Interval]?) -> String {
                    guard let m else { return "null" }
                    return "{ \"dso\": \(SimulationReport.jsonInterval(m[.dso])), \"collectionRate\": \(SimulationReport.jsonInterval(m[.collectionRate])) }"
                }
                let head = "    \"offPolicy\": { \"eligibleInvoices\": \(o.eligibleInvoices), \"matchedInvoices\": \(o.matchedInvoices), \"effectiveSampleSize\": \(Int(o.effectiveSampleSize.rounded())), \"thin\": \(o.isThin)"
                if let why = o.withheldBecause {
                    lines.append(head + ", \"estimated\": false, \"withheldBecause\": \(JSONText.string(why)) }")
                } else {
                    lines.append(head + ", \"estimated\": true,\n      \"ips\": \(block(o.ips)),\n      \"snips\": \(block(o.snips)),\n      \"doublyRobust\": \(block(o.doublyRobust)),\n      \"disagreesWithModel\": [\(o.disagreements.map { JSONText.string($0.rawValue) }.joined(separator: ", "))] }")
                }
            }
            _ = p
            objects.append(lines.joined(separator: ",\n") + " }")
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    static func cell(_ i: Interval?, decimals: Int) -> String {
        guard let i, i.mean.isFinite else { return "–" }
        return String(format: "%.\(decimals)f [%.\(decimals)f, %.\(decimals)f]", i.mean, i.lo, i.hi)
    }

    /// Rows of the side-by-side table: a header, then one row per policy with each SPEC §6
    /// figure as `mean [lo, hi]`.
    public var tableRows: [[String]] {
        var rows = [["policy", "mode"] + ProjectionMetric.spec.map(\.heading)]
        for projection in projections {
            rows.append([projection.label, projection.mode]
                + ProjectionMetric.spec.map { metric in
                    SimulationReport.cell(projection.figures[metric].map(metric.scaledForTable), decimals: metric.tableDecimals)
                })
        }
        return rows
    }

    /// Rows of the differences against the first policy; a `*` marks a difference whose 95%
    /// interval excludes 0.
    public var differenceRows: [[String]] {
        guard projections.count > 1 else { return [] }
        var rows = [["vs \(projections[0].label)", ""] + ProjectionMetric.spec.map(\.heading)]
        for projection in projections.dropFirst() {
            rows.append([projection.label, projection.mode] + ProjectionMetric.spec.map { metric in
                guard let d = projection.difference?[metric] else { return "–" }
                return SimulationReport.cell(metric.scaledForTable(d), decimals: metric.tableDecimals) + (d.excludesZero ? " *" : "")
            })
        }
        return rows
    }

    /// Aligned plain text of `rows` (first column left, the rest right).
    /// Cells are escaped for the terminal (`TerminalText.escaped`: policy names come from files).
    public static func aligned(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { row in
            row.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return i < 2 ? c + pad : pad + c
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    /// `aligned(rows)` split into blocks of columns that each fit `width` columns: every block
    /// repeats the first `keep` columns (the policy and its mode), then as many figures as fit,
    /// so a terminal table stays readable however many figures there are.
    public static func alignedFitting(_ rows: [[String]], keep: Int = 2, width: Int = 100) -> String {
        guard let n = rows.first?.count, n > keep, rows.allSatisfy({ $0.count == n }) else { return aligned(rows) }
        func block(_ range: Range<Int>) -> String { aligned(rows.map { Array($0[0..<keep]) + Array($0[range]) }) }
        func widest(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }
        var blocks: [String] = []
        var start = keep
        while start < n {
            var end = start + 1
            while end < n, widest(block(start..<(end + 1))) <= width { end += 1 }
            blocks.append(block(start..<end))
            start = end
        }
        return blocks.joined(separator: "\n")
    }

    /// `line` broken into lines of at most `width` columns when it is longer: after the last
    /// "; " that fits, else at the last space, continuation lines indented by two spaces
    /// (support lines name several channels and can run long).
    static func brokenAtClause(_ line: String, width: Int = 100) -> String {
        guard line.count > width else { return line }
        // Break at the last "; " that fits, else at the last space; continuation lines are
        // indented two spaces and broken the same way.
        var lines: [String] = [], rest = Substring(line), indent = ""
        while indent.count + rest.count > width {
            let room = width - indent.count
            let head = rest.prefix(room)
            if let cut = head.range(of: "; ", options: .backwards) {
                lines.append(indent + String(rest[..<cut.lowerBound]) + ";")
                rest = rest[cut.upperBound...]
            } else if let space = head.lastIndex(of: " ") {
                lines.append(indent + String(rest[..<space]))
                rest = rest[rest.index(after: space)...]
            } else {
                break
            }
            indent = "  "
        }
        lines.append(indent + String(rest))
        return lines.joined(separator: "\n")
    }

    /// What the short column names mean, under the projections (each line under 100 columns).
    static let legend = [
        "DSO: cohort DSO (days); collected %, collected@90 %, written off %: of the amount invoiced",
        "(differences in percentage points); cost/inv: collections cost per invoice ($);",
        "hours/wk: people's hours a week on collections (contacts, copilot reviews, disputes, promise",
        "follow-ups); `recoup report time-audit` adds reconciliation, data entry and reporting.",
    ]

    /// The plain-text report: the projections, the differences (with significance), the
    /// back-test lines.
    public var text: String {
        var out = marked("Projections for invoices issued \(from.iso)…\(to.iso), \(projections.first?.runs ?? 0) runs, seed \(seed) (mean [95% interval])") + "\n\n"
        out += SimulationReport.alignedFitting(tableRows)
        out += "\n" + SimulationReport.legend.joined(separator: "\n") + "\n"
        if projections.count > 1 {
            out += "\nDifferences against \(projections[0].label) (* : the 95% interval excludes 0)\n\n"
            out += SimulationReport.alignedFitting(differenceRows)
        }
        let supportLines = support.flatMap(\.lines)
        if !supportLines.isEmpty { out += "\n" + supportLines.map { SimulationReport.brokenAtClause($0) }.joined(separator: "\n") + "\n" }
        if let h = historyPolicy { out += "\n" + h.summaryLines.joined(separator: "\n") + "\n" }
        if let b = backTest { out += "\n" + b.lines.joined(separator: "\n") + "\n" }
        if !offPolicy.isEmpty { out += "\n" + offPolicy.flatMap(\.lines).joined(separator: "\n") + "\n" }
        return out
    }
}

extension SimulationReport {
    /// One row per policy and figure: `policy,mode,figure,mean,lo,hi` (RFC 4180; extras and
    /// differences against the first policy included, the latter as `difference_<figure>`).
    /// An unverified policy's name carries `[UNVERIFIED]` (CSV has no title to mark).
    public var csv: String {
        func q(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = ["policy,mode,figure,mean,lo,hi"]
        for p in projections {
            for metric in ProjectionMetric.allCases {
                if let i = p.figures[metric] {
                    lines.append([q(p.label), q(p.mode), metric.rawValue, JSONText.number(i.mean),
                                  JSONText.number(i.lo), JSONText.number(i.hi)].joined(separator: ","))
                }
            }
            for metric in ProjectionMetric.allCases {
                if let i = p.difference?[metric] {
                    lines.append([q(p.label), q(p.mode), "difference_" + metric.rawValue, JSONText.number(i.mean),
                                  JSONText.number(i.lo), JSONText.number(i.hi)].joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The tables of `text` as Markdown.
    public var markdown: String {
        func table(_ rows: [[String]]) -> String {
            let rows = rows.map { $0.map(TerminalText.escaped) }
            guard let header = rows.first else { return "" }
            var out = "| " + header.joined(separator: " | ") + " |\n"
            out += "|" + header.enumerated().map { $0.offset < 2 ? " --- |" : " ---: |" }.joined() + "\n"
            for row in rows.dropFirst() { out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            return out
        }
        var out = marked("Projections for invoices issued \(from.iso)…\(to.iso), \(projections.first?.runs ?? 0) runs, seed \(seed) (mean [95% interval])") + ".\n\n"
        out += table(tableRows)
        out += "\n" + SimulationReport.legend.joined(separator: " ") + "\n"
        if projections.count > 1 {
            out += "\nDifferences against \(projections[0].label) (* : the 95% interval excludes 0).\n\n" + table(differenceRows)
        }
        let supportLines = support.flatMap(\.lines)
        if !supportLines.isEmpty { out += "\n" + supportLines.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        if let h = historyPolicy { out += "\n```\n" + h.summaryLines.joined(separator: "\n") + "\n```\n" }
        if let b = backTest { out += "\n```\n" + b.lines.joined(separator: "\n") + "\n```\n" }
        if !offPolicy.isEmpty { out += "\n```\n" + offPolicy.flatMap(\.lines).joined(separator: "\n") + "\n```\n" }
        return out
    }
}
