import Foundation
import RecoupSimulation

extension ROIEstimate {
    /// The figures as a table (figure, mean, 95% interval), money in currency units.
    /// - Parameter grouping: thousands separators in whole amounts (`102,021`), for people;
    ///   off for CSV so each amount stays one plain number.
    public func table(grouping: Bool = true) -> ReportTable {
        func money(_ x: Double) -> String {
            x.isFinite ? ChartNumberFormat.fixed(x, decimals: 0, grouping: grouping) : "never"
        }
        func cents(_ x: Double) -> String { ReportFormatting.number(x, decimals: 2) }
        func months(_ x: Double) -> String { x.isFinite ? ReportFormatting.number(x, decimals: 1) : "never" }
        var t = ReportTable(title: UnverifiedMarking.title("ROI of \(policy) against \(baseline) (mean [95% interval of the paired per-run figure])",
                                                          unverified: unverifiedPolicies),
                            columns: [.init("figure"), .init("mean", alignment: .right), .init("95% interval", alignment: .right)])
        func hours(_ x: Double) -> String { ReportFormatting.number(x, decimals: 1) }
        var rows: [(String, Interval, (Double) -> String)] = [
            ("hours of AR work freed a week", hoursFreedPerWeek, hours),
            ("collections cost per invoice before ($)", costPerInvoiceBefore, cents),
            ("collections cost per invoice after ($)", costPerInvoiceAfter, cents),
        ]
        if let fullyLoadedBefore, let fullyLoadedAfter {
            rows += [("fully loaded AR cost per invoice before ($)", fullyLoadedBefore, cents),
                     ("fully loaded AR cost per invoice after ($)", fullyLoadedAfter, cents)]
        }
        rows += [
            ("people's time saved a year ($)", annualLabourSaved, money),
            ("contact costs saved a year ($)", annualContactCostSaved, money),
            ("collections cost saved a year ($)", annualCostSaved, money),
            ("cash released (DSO fall × sales / 365) ($)", cashReleased, money),
            ("financing value of that cash a year ($)", annualFinancingValue, money),
            ("write-offs avoided a year ($)", annualWriteOffsAvoided, money),
            ("monthly savings, all of the above ($)", monthlySavings, money),
            ("payback of a year of the tool (months, median)", paybackMonths, months),
        ]
        for (name, v, f) in rows {
            if name.hasPrefix("payback"), toolCostPerMonth <= 0 {
                t.append([name, "no tool cost given", ""])
            } else if v.lo == v.hi {
                t.append([name, f(v.mean), ""])
            } else {
                t.append([name, f(v.mean), "[\(f(v.lo)), \(f(v.hi))]"])
            }
        }
        return t
    }

    /// The assumptions printed beside the numbers.
    public var assumptions: [String] {
        [
            "annual credit sales: $\(ChartNumberFormat.fixed(annualSales, decimals: 0, grouping: true)) "
                + "(the window's invoiced total × 365 / window days)",
            "invoices a year: \(ChartNumberFormat.fixed(invoicesPerYear, decimals: 0, grouping: true)); "
                + "cost of capital \(ChartNumberFormat.fixed(costOfCapital * 100, decimals: 1))% a year; "
                + "tool cost $\(ChartNumberFormat.fixed(toolCostPerMonth, decimals: 2, grouping: true)) a month",
            "costs per contact and per human minute: the cost model (docs/costs.md, or --costs); people's time at "
                + "$\(ChartNumberFormat.fixed(hourlyRate, decimals: 2, grouping: true)) an hour",
        ] + (isObservedBaseline ? [
            "baseline: the ledger's own hours (timesheets) and contact prices; the change in DSO and write-offs is the "
                + "simulator's, paired against the replayed history in the same runs",
        ] : []) + (annualContactCostSaved.mean < 0 ? [
            "contact costs rise: \(policy)'s agent contacts carry channel prices (email, sms, voice calls, letters), "
                + "while a contact made by a person costs only the person's time, counted under people's time",
        ] : []) + (annualLabourSaved.mean < 0 ? [
            "people's time rises: \(policy) adds people's work (copilot reviews, calls, or the disputes and promises its "
                + "extra contacts bring), the time audit shows by task",
        ] : [])
    }

    /// Table text followed by the verdict (not in CSV, which is one table) and the assumptions.
    public func rendered(as format: ReportTable.Format, verdict: ROIVerdict? = nil) -> String {
        let table = table(grouping: format != .csv).rendered(as: format)
        let assumptions = assumptions.map { line in
            format == .text ? TextWrap.wrapped("assumption: " + line) : "assumption: " + line
        }.joined(separator: "\n") + "\n"
        guard let verdict, format != .csv else { return table + "\n" + assumptions }
        let paragraph = "Verdict: " + verdict.text
        let text = format == .text ? TextWrap.wrapped(paragraph) : paragraph
        return table + "\n" + text + "\n\n" + assumptions
    }
}
