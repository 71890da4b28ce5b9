import Foundation
import RecoupModel
import RecoupPolicy
import RecoupSimulation

/// The true daily payment hazard of an open invoice (docs/synthetic-world.md):
///
///     logit h = b(dpd bin) + u_c + β_amount·(ln amount − segment mean ln amount)
///             + Σ_ch β_ch·ln(1 + S_ch(d)) + β_firm·ln(1 + S_firm(d)) + β_fatigue·max(0, n7(d) − 2)
///
/// `S_ch(d)` sums, over the channel's contacts so far (a contact on `d` counts from `d`),
/// `w · 0.5^(business days since / half-life)` with `w = 1` if reached else `unreachedWeight`;
/// `S_firm` the same over firm and final contacts; `n7` counts contacts in the 7 days ending `d`.
struct PaymentHazard {
    let parameters: WorldParameters
    /// The client's constant part of the logit (u_c).
    let clientTerm: Double
    let meanLogAmount: Double
    /// 0.5^(k / half-life) for k = 0…`decay.count − 1` business days.
    let decay: [Double]

    init(parameters: WorldParameters, client: WorldClient) {
        self.parameters = parameters
        self.clientTerm = client.propensity
        self.meanLogAmount = parameters.meanLogAmount(client.segment)
        let half = parameters.contactHalfLifeBusinessDays
        self.decay = (0..<400).map { pow(0.5, Double($0) / half) }
    }

    /// The logit on `day` (the invoice is open and `day` is a business day).
    func logit(day: Day, invoice: LiveInvoice) -> Double {
        let p = parameters
        let dpd = day - invoice.invoice.dueOn
        var x = p.baselineLogit[HazardFeatureLayout.dpdBin(dpd)] + clientTerm
            + p.betaAmount * (log(Double(invoice.invoice.amount)) - meanLogAmount)
        if !invoice.marks.isEmpty {
            var stock = (0.0, 0.0, 0.0, 0.0, 0.0)
            var firm = 0.0
            var last7 = 0
            for m in invoice.marks where m.day <= day {
                let k = BusinessCalendar.businessDays(from: m.day, to: day)
                let v = m.weight * (k < decay.count ? decay[k] : 0)
                switch m.channel {
                case 0: stock.0 += v
                case 1: stock.1 += v
                case 2: stock.2 += v
                case 3: stock.3 += v
                default: stock.4 += v
                }
                if m.isFirm { firm += v }
                if day - m.day < 7 { last7 += 1 }
            }
            let b = p.betaChannel
            x += b[0] * log1p(stock.0) + b[1] * log1p(stock.1) + b[2] * log1p(stock.2) + b[3] * log1p(stock.3)
                + b[4] * log1p(stock.4)
            x += p.betaFirm * log1p(firm) + p.betaFatigue * Double(max(0, last7 - 2))
        }
        return x
    }

    func probability(day: Day, invoice: LiveInvoice) -> Double {
        RandomDistributions.sigmoid(logit(day: day, invoice: invoice))
    }
}
