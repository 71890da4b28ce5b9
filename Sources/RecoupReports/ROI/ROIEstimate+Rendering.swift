import Foundation
import RecoupSimulation

extension ROIEstimate {
    /// The figures as a table (figure, mean, 95% interval), money in currency units.
    public func table() -> ReportTable {
        func money(_ x: Double) -> String { x.isFinite ? ReportFormatting.number(x, decimals: 0) : "never" }
        func cents(_ x: Double) -> String { ReportFormatting.number(x, decimals: 2) }
        func months(_ x: Double) -> String { x.isFinite ? ReportFormatting.number(x, decimals: 1) : "never" }
        var t = ReportTable(title: "ROI of \(policy) against \(baseline) (mean [95% interval of the paired per-run figure])",
                            columns: [.init("figure"), .init("mean", alignment: .right), .init("95% interval", alignment: .right)])
        let rows: [(String, Interval, (Double) -> String)] = [
            ("cost per invoice before ($)", costPerInvoiceBefore, cents),
            ("cost per invoice after ($)", costPerInvoiceAfter, cents),
            ("collections cost saved a year ($)", annualCostSaved, money),
            ("cash released (DSO fall × sales / 365) ($)", cashReleased, money),
            ("financing value of that cash a year ($)", annualFinancingValue, money),
            ("write-offs avoided a year ($)", annualWriteOffsAvoided, money),
            ("monthly savings, all three ($)", monthlySavings, money),
            ("payback of a year of the tool (months)", paybackMonths, months),
        ]
        for (name, v, f) in rows { t.append([name, f(v.mean), "[\(f(v.lo)), \(f(v.hi))]"]) }
        return t
    }

    /// The assumptions printed beside the numbers.
    public var assumptions: [String] {
        [
            String(format: "annual credit sales: $%.0f (the window's invoiced total × 365 / window days)", annualSales),
            String(format: "invoices a year: %.0f; cost of capital %.1f%% a year; tool cost $%.2f a month", invoicesPerYear,
                   costOfCapital * 100, toolCostPerMonth),
            "costs per contact and per human minute: the cost model (SPEC §5 defaults unless --costs)",
        ]
    }

    /// Table text followed by the assumptions.
    public func rendered(as format: ReportTable.Format) -> String {
        table().rendered(as: format) + "\n" + assumptions.map { "assumption: " + $0 }.joined(separator: "\n") + "\n"
    }
}
