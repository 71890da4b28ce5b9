import Foundation
import RecoupPolicy

/// A rate estimated with a light Beta prior: posterior mean `(events + m·r₀) / (trials + m)`,
/// where `r₀` is the prior mean (the pooled rate over all categories) and `m` its strength in
/// pseudo-trials, so a category with few trials is pulled towards the pooled rate.
public struct RateEstimate: Sendable, Equatable, Codable {
    public var events: Int
    public var trials: Int
    /// Posterior mean.
    public var rate: Double
    /// 95% interval (normal approximation to the Beta posterior, clipped to [0, 1]).
    public var lo: Double
    public var hi: Double

    public init(events: Int, trials: Int, priorMean: Double, priorStrength: Double) {
        self.events = events; self.trials = trials
        let a = Double(events) + priorStrength * priorMean
        let total = Double(trials) + priorStrength
        rate = total > 0 ? a / total : priorMean
        let sd = (rate * (1 - rate) / (total + 1)).squareRoot()
        lo = max(0, rate - 1.96 * sd); hi = min(1, rate + 1.96 * sd)
    }
}

/// The small models of what contacts cause, used by the simulator to project other policies.
///
/// Every rate uses a Beta prior centred on its pooled rate with strength `priorStrength`
/// (default 10 pseudo-trials); keys of the dictionaries are channel or tone names (SPEC §2),
/// encoded in sorted order.
public struct ContactOutcomeModels: Sendable, Equatable, Codable {
    /// P(reach | channel): the contact's outcome is not `bounced` or `no_answer`.
    public var reachByChannel: [String: RateEstimate]
    /// P(promise | reached contact, channel): outcome `promise`.
    public var promiseGivenReachByChannel: [String: RateEstimate]
    /// P(promise kept): a payment on the invoice between the day it was made and the promised
    /// day (inclusive; a weekend promised day extends to the next Monday).
    public var promiseKept: RateEstimate
    /// P(dispute | contact, tone): outcome `dispute`.
    public var disputeByTone: [String: RateEstimate]
    /// Resolved disputes' duration in days: mean and median (0 if none).
    public var disputeDurationMeanDays: Double
    public var disputeDurationMedianDays: Double
    public var disputesResolved: Int
    /// P(a payment event leaves the invoice open): partial payments.
    public var partialPayment: RateEstimate
    /// Mean share of the open balance a partial payment pays.
    public var partialPaymentMeanShare: Double
    /// P(autopay succeeds): an autopay client's invoice is paid in full by its autopay attempt
    /// day (the due date, or the next business day).
    public var autopaySuccess: RateEstimate

    /// Estimates every rate from the ledger rows dated on or before `until`.
    public static func estimate(ledger: Ledger, index: HazardDesignBuilder.LedgerIndex, until: Day,
                                priorStrength: Double = 10) -> ContactOutcomeModels {
        var reach: [Channel: (Int, Int)] = [:], promise: [Channel: (Int, Int)] = [:], dispute: [Tone: (Int, Int)] = [:]
        for a in ledger.actions where a.at <= until {
            let reached = ContactStock.isReached(a.outcome)
            reach[a.channel, default: (0, 0)].1 += 1
            if reached {
                reach[a.channel, default: (0, 0)].0 += 1
                promise[a.channel, default: (0, 0)].1 += 1
                if a.outcome == .promise { promise[a.channel, default: (0, 0)].0 += 1 }
            }
            dispute[a.tone, default: (0, 0)].1 += 1
            if a.outcome == .dispute { dispute[a.tone, default: (0, 0)].0 += 1 }
        }
        func pooled<K>(_ table: [K: (Int, Int)]) -> Double {
            let e = table.values.reduce(0) { $0 + $1.0 }, t = table.values.reduce(0) { $0 + $1.1 }
            return t > 0 ? Double(e) / Double(t) : 0.5
        }
        func rates<K: RawRepresentable>(_ table: [K: (Int, Int)]) -> [String: RateEstimate] where K.RawValue == String {
            let r0 = pooled(table)
            var out: [String: RateEstimate] = [:]
            for (k, v) in table { out[k.rawValue] = RateEstimate(events: v.0, trials: v.1, priorMean: r0, priorStrength: priorStrength) }
            return out
        }
        // Promises kept.
        var kept = 0, promises = 0
        var invoicePos: [String: Int] = [:]
        for (i, inv) in ledger.invoices.enumerated() { invoicePos[inv.id] = i }
        for p in ledger.promises where p.promisedOn.nextBusinessDay <= until {
            guard let i = invoicePos[p.invoiceID] else { continue }
            promises += 1
            let end = p.promisedOn.nextBusinessDay
            if index.payments[i].contains(where: { ledger.payments[$0].receivedOn >= p.madeOn && ledger.payments[$0].receivedOn <= end }) {
                kept += 1
            }
        }
        // Dispute durations.
        var durations: [Int] = []
        for d in ledger.disputes { if let r = d.resolvedOn, r <= until { durations.append(r - d.openedOn) } }
        durations.sort()
        // Partial payments and autopay.
        var paymentEvents = 0, partial = 0, shareSum = 0.0
        var autopayTrials = 0, autopayPaid = 0
        for (i, inv) in ledger.invoices.enumerated() where inv.issuedOn <= until {
            var balance = inv.amount.minorUnits
            for k in index.payments[i] where ledger.payments[k].receivedOn <= until {
                guard balance > 0 else { break }
                let amount = ledger.payments[k].amount.minorUnits
                paymentEvents += 1
                if amount < balance {
                    partial += 1
                    shareSum += Double(amount) / Double(balance)
                }
                balance -= amount
            }
            let client = index.clients[Int(index.clientOfInvoice[i])]
            let attempt = inv.dueOn.nextBusinessDay
            if client?.autopay == true && attempt <= until {
                autopayTrials += 1
                var paid: Int64 = 0
                for k in index.payments[i] where ledger.payments[k].receivedOn <= attempt { paid += ledger.payments[k].amount.minorUnits }
                if paid >= inv.amount.minorUnits { autopayPaid += 1 }
            }
        }
        let dMean = durations.isEmpty ? 0 : Double(durations.reduce(0, +)) / Double(durations.count)
        let dMedian = durations.isEmpty ? 0 : Double(durations[durations.count / 2])
        return ContactOutcomeModels(
            reachByChannel: rates(reach), promiseGivenReachByChannel: rates(promise),
            promiseKept: RateEstimate(events: kept, trials: promises, priorMean: 0.5, priorStrength: 2),
            disputeByTone: rates(dispute), disputeDurationMeanDays: dMean, disputeDurationMedianDays: dMedian,
            disputesResolved: durations.count,
            partialPayment: RateEstimate(events: partial, trials: paymentEvents, priorMean: 0.5, priorStrength: 2),
            partialPaymentMeanShare: partial > 0 ? shareSum / Double(partial) : 0,
            autopaySuccess: RateEstimate(events: autopayPaid, trials: autopayTrials, priorMean: 0.5, priorStrength: 2))
    }
}
