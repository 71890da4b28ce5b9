/// The payment hazard's coefficients that the replay reads every simulated day, copied out of
/// `ReplayBehaviour`'s arrays into fixed-size values so that the hot path reads no array. They
/// change per run when coefficients are drawn, so a replay loads them at its start.
struct PaymentHazardTerms {
    /// The contact coefficients: channels in `Channel.allCases` order, firm, human, fatigue.
    var contact = SIMD8<Double>()
    /// The days-past-due bins (`HazardFeatureLayout.dpdBin`).
    var dpd = SIMD16<Double>()
    /// Monday … Friday.
    var weekday = SIMD8<Double>()
    /// While a promise is awaited, and for 14 days after a dispute resolves.
    var promiseWaiting = 0.0
    var disputeResolved = 0.0

    /// Loads the current coefficients of `behaviour`.
    mutating func load(_ behaviour: ReplayBehaviour) {
        for c in 0..<5 { contact[c] = behaviour.channelCoefficients[c] }
        contact[5] = behaviour.firmCoefficient
        contact[6] = behaviour.humanCoefficient
        contact[7] = behaviour.fatigueCoefficient
        dpd = SIMD16<Double>()
        weekday = SIMD8<Double>()
        for b in 0..<9 { dpd[b] = behaviour.dpdCoefficients[b] }
        for w in 0..<5 { weekday[w] = behaviour.weekdayCoefficients[w] }
        promiseWaiting = behaviour.promiseWaitingCoefficient
        disputeResolved = behaviour.disputeResolvedCoefficient
    }
}
