import Foundation
import RecoupModel
import RecoupPolicy

extension ReplayBehaviour {
    /// The behaviour of a fitted payment-response model (`recoup train`'s `response`), with the
    /// lags its outcome models do not keep taken from the ledger it was trained on: the days
    /// from a promise to its promised day and the days disputes stayed open, drawn uniformly
    /// from those observed.
    ///
    /// Coefficients are read by column name (`HazardFeatureLayout.columnNames`), so a model with
    /// fewer columns leaves the missing effects at 0. A channel's effect is the shared
    /// `contacts_all` plus its own deviation.
    /// - Complexity: O(columns + clients + ledger promises and disputes).
    public init(model: PaymentResponseModel, ledger: Ledger) {
        self.init()
        var byName: [String: Double] = [:]
        for (name, beta) in zip(model.columnNames, model.coefficients) { byName[name] = beta }
        func beta(_ name: String) -> Double { byName[name] ?? 0 }
        dpdCoefficients = HazardFeatureLayout.dpdBinNames.map(beta)
        weekdayCoefficients = [0] + ["weekday_tue", "weekday_wed", "weekday_thu", "weekday_fri"].map(beta)
        segmentNames = model.layout.segments
        segmentMeanLogAmount = model.layout.segmentMeanLogAmount
        segmentCoefficients = model.layout.segments.enumerated().map { $0.offset == 0 ? 0 : beta("segment_\($0.element)") }
        logAmountCoefficient = beta("log_amount_c")
        termsCoefficient = beta("terms_30")
        autopayCoefficient = beta("autopay")
        promiseWaitingCoefficient = beta("promise_waiting")
        disputeResolvedCoefficient = beta("dispute_resolved_14")
        let shared = beta("contacts_all")
        channelCoefficients = Channel.allCases.map { shared + beta("contact_\($0.rawValue)") }
        firmCoefficient = beta("contact_firm")
        humanCoefficient = beta("contact_human")
        fatigueCoefficient = beta("fatigue")
        halfLife = model.layout.halfLife
        unreachedWeight = model.layout.unreachedWeight
        var effects: [String: ClientEffect] = [:]
        for e in model.clientEffects { effects[e.clientID] = ClientEffect(effect: e.effect, standardError: e.standardError) }
        clientEffects = effects
        unknownClientSD = model.clientEffectSD
        if let shifts = model.drawShifts { drawShifts = shifts }  // a wrong count is one of `problems()`

        let o = model.outcomes
        func rate(_ table: [String: RateEstimate], _ key: String, fallback: Double) -> Double {
            table[key]?.rate ?? fallback
        }
        func pooled(_ table: [String: RateEstimate], empty: Double) -> Double {
            let events = table.values.reduce(0) { $0 + $1.events }, trials = table.values.reduce(0) { $0 + $1.trials }
            return trials > 0 ? Double(events) / Double(trials) : empty
        }
        let reachPooled = pooled(o.reachByChannel, empty: 1)
        reach = Channel.allCases.map { rate(o.reachByChannel, $0.rawValue, fallback: reachPooled) }
        let promisePooled = pooled(o.promiseGivenReachByChannel, empty: 0)
        promiseGivenReach = Channel.allCases.map { rate(o.promiseGivenReachByChannel, $0.rawValue, fallback: promisePooled) }
        promiseKept = o.promiseKept.rate
        let disputePooled = pooled(o.disputeByTone, empty: 0)
        disputeByTone = Tone.allCases.map { rate(o.disputeByTone, $0.rawValue, fallback: disputePooled) }
        partialPayment = o.partialPayment.events > 0 ? o.partialPayment.rate : 0
        partialShare = o.partialPaymentMeanShare > 0 && o.partialPaymentMeanShare < 1 ? o.partialPaymentMeanShare : 0.5
        autopaySuccess = o.autopaySuccess.rate

        let lags = ledger.promises.map { $0.promisedOn - $0.madeOn }.filter { $0 >= 0 }.sorted()
        promiseLagDays = lags.isEmpty ? [7] : lags
        let durations = ledger.disputes.compactMap { d in d.resolvedOn.map { $0 - d.openedOn } }.filter { $0 >= 1 }.sorted()
        disputeDurationDays = durations.isEmpty ? [max(1, Int(o.disputeDurationMeanDays.rounded()))] : durations
        self.model = model
        // Covariance of the day-to-day coefficients: A Σ Aᵀ, A picking (or, for channels,
        // summing the shared and own) columns.
        let p = model.coefficients.count
        if model.covariance.count == p * p {
            func index(_ name: String) -> Int? { model.columnNames.firstIndex(of: name) }
            var rows: [[Int]] = HazardFeatureLayout.dpdBinNames.map { index($0).map { [$0] } ?? [] }
            rows += ["weekday_tue", "weekday_wed", "weekday_thu", "weekday_fri", "promise_waiting", "dispute_resolved_14"]
                .map { index($0).map { [$0] } ?? [] }
            let shared = index("contacts_all")
            rows += Channel.allCases.map { ch in [shared, index("contact_\(ch.rawValue)")].compactMap { $0 } }
            rows += ["contact_firm", "contact_human", "fatigue"].map { index($0).map { [$0] } ?? [] }
            let q = rows.count
            var c = [Double](repeating: 0, count: q * q)
            for i in 0..<q {
                for j in 0..<q {
                    var s = 0.0
                    for a in rows[i] { for b in rows[j] { s += model.covariance[a * p + b] } }
                    c[i * q + j] = s
                }
            }
            dynamicCovariance = c
        }
    }

    /// The fixed part of every cohort invoice's logit. With a fitted model this is one BLAS
    /// `dgemv` over a design of the invoices' fixed columns (`PaymentResponseModel.linearPredictors`);
    /// otherwise `base(amount:termsDays:autopay:segment:)` per invoice.
    /// - Complexity: O(invoices × columns).
    public func bases(for cohort: ReplayCohort) -> [Double] {
        guard let model else {
            return (0..<cohort.count).map { g in
                let client = cohort.clients[cohort.clientOf[g]]
                return base(amount: Money(minorUnits: cohort.amount[g]), termsDays: cohort.dueOn[g] - cohort.issuedOn[g],
                            autopay: client.autopay, segment: client.segment)
            }
        }
        let layout = model.layout
        let p = layout.columnCount
        let n = cohort.count
        let names = model.columnNames
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let logAmount = column("log_amount_c"), terms = column("terms_30"), autopay = column("autopay")
        let segmentColumns = layout.segments.map { column("segment_\($0)") }
        var x = [Double](repeating: 0, count: n * p)
        for g in 0..<n {
            let client = cohort.clients[cohort.clientOf[g]]
            let k = layout.segmentIndex(HazardFeatureLayout.segmentName(client.segment)) ?? 0
            let mean = k < layout.segmentMeanLogAmount.count ? layout.segmentMeanLogAmount[k] : 0
            if let j = logAmount { x[g * p + j] = log(max(Money(minorUnits: cohort.amount[g]).units, 0.01)) - mean }
            if let j = terms { x[g * p + j] = Double(cohort.dueOn[g] - cohort.issuedOn[g]) / 30 }
            if let j = autopay, client.autopay { x[g * p + j] = 1 }
            if k > 0, let j = segmentColumns[k] { x[g * p + j] = 1 }
        }
        // No client ids: the client effects are added per run by the replay.
        return model.linearPredictors(x: x, rows: n, clientIndex: [Int32](repeating: 0, count: n), clientIDs: [""])
    }
}
