import RecoupSimulation

/// The ROI in three to five plain sentences, each figure the one in the ROI table (same
/// rounding), and "cannot tell from this ledger" where the ledger does not support a claim:
/// an interval that spans zero, or a write-off gain no larger than the back-test's own miss on
/// the collection rate (the simulator could not tell that gain from its own error).
public struct ROIVerdict: Sendable, Equatable {
    public var sentences: [String]

    /// - Parameters:
    ///   - roi: the estimate whose figures the sentences quote.
    ///   - backTestMiss: |actual − replayed| collection rate of the history's back-test (a
    ///     fraction), nil when there was no back-test.
    ///   - loggedActions: the actions the ledger logs, nil when unknown; 0 names an empty history.
    ///   - hasTimesheets: whether the ledger has timesheet rows; false names their absence
    ///     (nil when unknown).
    ///   - unsupported: actions the policy takes that the history never shows (`ActionSupport.never`);
    ///     the verdict then says its figures lean on the model's prior for them.
    public init(roi: ROIEstimate, backTestMiss: Double?, loggedActions: Int?, hasTimesheets: Bool? = nil,
                unsupported: [String] = []) {
        func money(_ x: Double) -> String { ChartNumberFormat.fixed(abs(x), decimals: 0, grouping: true) }
        func cents(_ x: Double) -> String { ReportFormatting.number(abs(x), decimals: 2) }
        func signed(_ x: Double) -> String { (x < 0 && money(x) != "0" ? "-" : "") + money(x) }
        /// The interval as it is, signs kept.
        func interval(_ v: Interval, _ f: (Double) -> String = money) -> String {
            "[\(v.lo < 0 ? "-" : "")\(f(v.lo)), \(v.hi < 0 ? "-" : "")\(f(v.hi))]"
        }
        /// The interval of the magnitude, for a sentence that says the direction in words.
        func magnitude(_ v: Interval, _ f: (Double) -> String = money) -> String {
            v.mean >= 0 ? interval(v, f) : interval(Interval(mean: -v.mean, lo: -v.hi, hi: -v.lo), f)
        }
        func spansZero(_ v: Interval) -> Bool { v.lo < 0 && v.hi > 0 }
        var s: [String] = []
        let who = roi.policy, base = roi.baseline
        /// "than today" against the ledger's own figures, "than (under) P0" against a policy.
        let than = roi.isObservedBaseline ? "than today" : "than \(base)"
        let thanUnder = roi.isObservedBaseline ? "than today" : "than under \(base)"
        if loggedActions == 0 {
            s.append("The ledger logs no collection actions, so the \(base) baseline counts no contacts or hours; import actions.csv "
                     + "for a baseline that shows what the firm does today.")
        }
        if hasTimesheets == false, roi.isObservedBaseline {
            s.append("The ledger has no timesheets, so today's hours are estimated from its actions, disputes and promises; "
                     + "import timesheet.csv for the hours people really spend.")
        }
        let hours = roi.hoursFreedPerWeek
        func h(_ x: Double) -> String { ReportFormatting.number(x, decimals: 1) }
        if hours.mean.isFinite, hours.lo != 0 || hours.hi != 0 {
            if spansZero(hours) {
                s.append("Whether \(who) frees people's time cannot be told from this ledger (\(h(hours.mean)) hours a week "
                         + "[\(h(hours.lo)), \(h(hours.hi))]).")
            } else if hours.mean >= 0 {
                s.append("\(who) frees about \(h(hours.mean)) hours a week [\(h(hours.lo)), \(h(hours.hi))] of AR work, "
                         + "about \(money(roi.annualLabourSaved.mean)) a year of people's time.")
            } else {
                s.append("\(who) adds about \(h(-hours.mean)) hours a week [\(h(-hours.hi)), \(h(-hours.lo))] of AR work "
                         + "for people.")
            }
        }
        let saved = roi.annualCostSaved
        if spansZero(saved) {
            s.append("Whether \(who) costs more or less \(than) in collections work cannot be told from this ledger "
                     + "(\(ReportFormatting.number(roi.costPerInvoiceBefore.mean, decimals: 2)) vs "
                     + "\(ReportFormatting.number(roi.costPerInvoiceAfter.mean, decimals: 2)) per invoice; a year's difference "
                     + "\(interval(saved))).")
        } else if let loadedBefore = roi.fullyLoadedBefore, let loadedAfter = roi.fullyLoadedAfter {
            // The year's figure counts every AR hour (reconciliation too), so the sentence quotes
            // the fully loaded cost per invoice beside the collections one.
            let more = saved.mean < 0
            s.append("AR work costs \(more ? "more" : "less") per invoice under \(who) \(thanUnder) "
                     + "(collections \(cents(roi.costPerInvoiceAfter.mean)) vs \(cents(roi.costPerInvoiceBefore.mean)), "
                     + "fully loaded \(cents(loadedAfter.mean)) vs \(cents(loadedBefore.mean))): people's time and contacts "
                     + "cost about \(money(saved.mean)) \(magnitude(saved)) a year " + (more ? "more." : "less."))
        } else {
            let more = saved.mean < 0
            s.append("Collections work costs \(more ? "more" : "less") "
                     + "per invoice under \(who) \(thanUnder) (\(cents(roi.costPerInvoiceAfter.mean)) vs "
                     + "\(cents(roi.costPerInvoiceBefore.mean))): about \(money(saved.mean)) \(magnitude(saved)) a year "
                     + (more ? "more, for its extra contacts and reviews." : "saved."))
        }
        let cash = roi.cashReleased
        if spansZero(cash) {
            s.append("Whether it collects cash sooner cannot be told from this ledger (cash released \(interval(cash))).")
        } else if cash.mean > 0 {
            s.append("It collects sooner, releasing about \(money(cash.mean)) \(interval(cash)) of cash, worth "
                     + "\(money(roi.annualFinancingValue.mean)) a year at \(ReportFormatting.number(roi.costOfCapital * 100, decimals: 1))%.")
        } else {
            s.append("It collects later, tying up about \(money(cash.mean)) \(magnitude(cash)) more cash.")
        }
        let avoided = roi.annualWriteOffsAvoided
        let rateGain = roi.annualSales > 0 ? abs(avoided.mean) / roi.annualSales : 0
        if let miss = backTestMiss, rateGain <= miss {
            s.append("The change in write-offs (\(signed(avoided.mean)) a year avoided) cannot be told from this ledger: the change in the "
                     + "write-off rate, \(ReportFormatting.number(rateGain * 100, decimals: 1)) points, is no larger than the "
                     + "back-test's own miss on the collection rate, \(ReportFormatting.number(miss * 100, decimals: 1)) points.")
        } else if spansZero(avoided) {
            s.append("Whether it changes write-offs cannot be told from this ledger (\(interval(avoided)) a year avoided).")
        } else {
            s.append("Write-offs \(avoided.mean >= 0 ? "avoided" : "added"): about \(money(avoided.mean)) \(magnitude(avoided)) a year.")
        }
        if roi.toolCostPerMonth <= 0 {
            s.append("No tool cost was given (--tool-cost-per-month), so no payback is computed.")
        } else if roi.monthlySavings.hi <= 0 {
            s.append("The tool (\(ReportFormatting.number(roi.toolCostPerMonth, decimals: 2)) a month) does not pay for itself on these figures.")
        } else if !spansZero(roi.monthlySavings) {
            let payback = roi.paybackMonths.mean.isFinite
                ? "is paid back in \(ReportFormatting.number(roi.paybackMonths.mean, decimals: 1)) months of savings (the median run)."
                : "is paid back in most runs, but not in all."
            s.append("Altogether it saves about \(money(roi.monthlySavings.mean)) \(interval(roi.monthlySavings)) a month, so a year "
                     + "of the tool (\(ReportFormatting.number(roi.toolCostPerMonth, decimals: 2)) a month) " + payback)
        } else {
            s.append("Whether the savings pay for the tool cannot be told from this ledger (monthly savings "
                     + "\(interval(roi.monthlySavings))).")
        }
        if !unsupported.isEmpty {
            let list = unsupported.count == 1 ? unsupported[0]
                : unsupported.dropLast().joined(separator: ", ") + " and " + unsupported[unsupported.count - 1]
            s.append("These figures lean on what this history cannot show: \(list) never appear in it, so their effects are "
                     + "the model's prior, not this firm's; a pilot measures them.")
        }
        sentences = s
    }

    /// The sentences as one paragraph.
    public var text: String { sentences.joined(separator: " ") }
}
