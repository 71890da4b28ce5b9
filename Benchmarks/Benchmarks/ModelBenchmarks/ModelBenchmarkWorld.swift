import Foundation
import RecoupModel
import RecoupPolicy

/// The benchmark's data set: a generated ledger whose payment days follow the hazard family of
/// the payment-response model (2,000 clients in 4 segments, 20 monthly invoices each, randomised
/// contacts), its hazard design (≥ 2,000,000 invoice-day rows × 30 columns), and files for the
/// Python peer.
struct ModelBenchmarkWorld: Sendable {
    let ledger: Ledger
    let until: Day
    let design: HazardDesign

    static let shared = ModelBenchmarkWorld(clients: 2_000, months: 20, seed: 2026)

    init(clients: Int, months: Int, seed: UInt64) {
        var rng = SplitMix(seed: seed)
        func normal() -> Double {
            let u = max(Double.random(in: 0..<1, using: &rng), 1e-300), v = Double.random(in: 0..<1, using: &rng)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        let baseline: [Double] = [-4.6, -3.2, -2.0, -2.75, -2.6, -2.75, -3.2, -3.5, -3.9]
        let beta: [Double] = [0.5, 0.6, 0.8, 1.0, 0.4]
        let segments = ["enterprise", "mid", "smb", "startup"]
        let segmentMean = [0.5, 0.2, -0.3, -0.6]
        let start = Day(year: 2023, month: 1, day: 2)!
        until = start + months * 30 + 60
        var ledger = Ledger()
        ledger.invoices.reserveCapacity(clients * months)
        var payID = 0, actID = 0
        for c in 0..<clients {
            let s = c % segments.count
            let id = "C\(10_000 + c)"
            ledger.clients.append(Client(id: id, segment: segments[s], since: start - 100))
            let u = segmentMean[s] + 0.7 * normal()
            for m in 0..<months {
                let issued = start + m * 30 + c % 7
                let due = issued + 30
                let invoiceID = "\(id)-\(m)"
                let amount = Money(minorUnits: Int64(exp(log(80_000.0) + Double(s) * 0.5 + 0.5 * normal())))
                ledger.invoices.append(Invoice(id: invoiceID, clientID: id, issuedOn: issued, dueOn: due, amount: amount))
                var plan: [(Day, Channel, Tone, ActorKind, ActionOutcome)] = []
                let steps: [(Int, Channel, Double)] = [(-3, .email, 0.6), (2, .sms, 0.5), (6, .voiceAgent, 0.4),
                                                      (9, .email, 0.5), (12, .call, 0.4), (25, .letter, 0.3)]
                for (dpd, channel, p) in steps where Double.random(in: 0..<1, using: &rng) < p {
                    let day = (due + dpd + Int.random(in: -2...2, using: &rng)).nextBusinessDay
                    let tone: Tone = Double.random(in: 0..<1, using: &rng) < 0.3 ? .firm : .standard
                    let missed = Double.random(in: 0..<1, using: &rng) < 0.2
                    plan.append((day, channel, tone, channel == .call ? .human : .agent,
                                 missed ? (channel == .email ? .bounced : .noAnswer) : .none))
                }
                plan.sort { $0.0 < $1.0 }
                var stock = ContactStock(halfLife: 5, unreachedWeight: 0.3)
                var next = 0
                var day = issued
                while day <= until {
                    while next < plan.count && plan[next].0 <= day {
                        let a = plan[next]
                        stock.record(on: a.0, channel: a.1, tone: a.2, actor: a.3, reached: ContactStock.isReached(a.4))
                        ledger.actions.append(CollectionAction(id: "A\(actID)", invoiceID: invoiceID, at: a.0, channel: a.1,
                                                               actor: a.3, tone: a.2, outcome: a.4))
                        actID += 1; next += 1
                    }
                    stock.advance(to: day)
                    if !day.isWeekend {
                        var eta = baseline[HazardFeatureLayout.dpdBin(day - due)] + u - 0.4
                        for (k, ch) in Channel.allCases.enumerated() { eta += beta[k] * log1p(stock.stock(of: ch)) }
                        eta += 0.25 * log1p(stock.firmStock) - 0.3 * Double(max(0, stock.contactsInLast7Days - 2))
                        if Double.random(in: 0..<1, using: &rng) < 1 / (1 + exp(-eta)) {
                            ledger.payments.append(Payment(id: "P\(payID)", clientID: id, receivedOn: day, amount: amount,
                                                           invoiceID: invoiceID))
                            payID += 1
                            break
                        }
                    }
                    day = day + 1
                }
            }
        }
        self.ledger = ledger
        design = HazardDesignBuilder.build(ledger: ledger, options: .init(until: until))
    }

    /// The benchmark problem: every column penalised with λ = 1 (scikit-learn's C = 1,
    /// `fit_intercept=False`: the dpd bins are the baseline), optionally with the 2,000
    /// per-client intercepts (penalty 1, like scikit-learn's one-hot columns).
    func problem(withClients: Bool) -> LogisticProblem {
        let groups = withClients
            ? LogisticProblem.GroupIntercepts(count: design.clientIDs.count, index: design.clientIndex, penalty: 1) : nil
        // The design is valid by construction (finite, two classes); a failure here is a broken benchmark.
        guard let problem = try? LogisticProblem(rows: design.rows, columns: design.columns, x: design.x, y: design.y,
                                                 penalties: Array(repeating: 1, count: design.columns), groups: groups)
        else { fatalError("benchmark design is not a valid logistic problem") }
        return problem
    }

    /// Writes `x.f64` (row-major float64), `y.f64`, `client.i32` and `meta.json` for the peer.
    func exportForPeer(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try design.x.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: directory + "/x.f64")) }
        try design.y.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: directory + "/y.f64")) }
        try design.clientIndex.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: directory + "/client.i32")) }
        let meta = "{\"rows\": \(design.rows), \"columns\": \(design.columns), \"clients\": \(design.clientIDs.count)}\n"
        try Data(meta.utf8).write(to: URL(fileURLWithPath: directory + "/meta.json"))
    }
}

/// SplitMix64.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
