import Foundation
import RecoupPolicy
@testable import RecoupModel

/// A small generated ledger whose true payment behaviour is the hazard family the response
/// model fits (the lead's design notes): daily logit = b(dpd bin) + u_client
/// + β_amount·(ln amount − segment mean) + Σ β_ch·ln(1 + S_ch) + β_firm·ln(1 + S_firm)
/// + β_fatigue·max(0, n7 − 2), no payments at weekends, contacts at randomised days so their
/// effects are identified.
struct TestWorld {
    static let baseline: [Double] = [-4.6, -3.2, -2.0, -2.75, -2.6, -2.75, -3.2, -3.5, -3.9]
    static let segmentMeans: [String: Double] = ["mid": 0.3, "smb": -0.3]
    static let betaAmount = -0.15
    static let betaChannel: [Channel: Double] = [.email: 0.5, .sms: 0.6, .voiceAgent: 0.8, .call: 1.0, .letter: 0.4]
    static let betaFirm = 0.25
    static let betaFatigue = -0.3
    static let clientSD = 0.7
    static let halfLife = 5.0
    static let unreachedWeight = 0.3

    var ledger = Ledger()
    /// True client deviation from the segment mean.
    var clientDeviation: [String: Double] = [:]
    let start = Day(year: 2025, month: 1, day: 1)!
    var until: Day { start + 14 * 30 }

    /// Training options up to `until` that try only these half-lives and reach weights (a
    /// short grid keeps a test's training quick).
    func trainingOptions(halfLives: [Double], unreachedWeights: [Double]) -> TrainingOptions {
        var options = TrainingOptions(until: until)
        options.halfLifeGrid = halfLives
        options.unreachedWeightGrid = unreachedWeights
        return options
    }

    init(clients: Int, months: Int, seed: UInt64) {
        var rng = SplitMix(seed: seed)
        func normal() -> Double {
            let u = max(Double.random(in: 0..<1, using: &rng), 1e-300), v = Double.random(in: 0..<1, using: &rng)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        var payID = 0, actID = 0
        for c in 0..<clients {
            let segment = c % 3 == 0 ? "mid" : "smb"
            let id = String(format: "C%04d", c)
            ledger.clients.append(Client(id: id, segment: segment, since: start - 200))
            let deviation = TestWorld.clientSD * normal()
            clientDeviation[id] = deviation
            let u = (TestWorld.segmentMeans[segment] ?? 0) + deviation
            let baseLog = segment == "mid" ? log(2000.0) : log(400.0)
            for m in 0..<months {
                let issued = start + m * 30 + c % 5
                let due = issued + 30
                let amountUnits = exp(baseLog + 0.5 * normal())
                let invID = "\(id)-\(m)"
                let amount = Money(minorUnits: max(100, Int64((amountUnits * 100).rounded())))
                ledger.invoices.append(Invoice(id: invID, clientID: id, issuedOn: issued, dueOn: due, amount: amount))
                // Randomised contact plan: (dpd, channel, probability, firm share).
                var plan: [(Day, Channel, Tone, ActorKind, ActionOutcome)] = []
                let steps: [(Int, Channel, Double, Double)] = [(-3, .email, 0.6, 0), (2, .sms, 0.5, 0), (6, .voiceAgent, 0.4, 0.3),
                                                              (9, .email, 0.5, 0.4), (12, .call, 0.4, 0.5), (25, .letter, 0.3, 1)]
                for (dpd, channel, p, firmShare) in steps where Double.random(in: 0..<1, using: &rng) < p {
                    let jitter = Int.random(in: -2...2, using: &rng)
                    let day = (due + dpd + jitter).nextBusinessDay
                    let tone: Tone = Double.random(in: 0..<1, using: &rng) < firmShare ? (channel == .letter ? .final : .firm) : .standard
                    let missProbability = channel == .email ? 0.15 : (channel == .call || channel == .voiceAgent ? 0.3 : 0.05)
                    let missed = Double.random(in: 0..<1, using: &rng) < missProbability
                    let outcome: ActionOutcome = missed ? (channel == .email ? .bounced : .noAnswer) : .none
                    plan.append((day, channel, tone, channel == .call ? .human : .agent, outcome))
                }
                plan.sort { $0.0 < $1.0 }
                // Daily truth.
                var stock = ContactStock(halfLife: TestWorld.halfLife, unreachedWeight: TestWorld.unreachedWeight)
                var next = 0
                var day = issued
                let centred = log(amount.units) - baseLog
                while day <= until {
                    while next < plan.count && plan[next].0 <= day {
                        let a = plan[next]
                        stock.record(on: a.0, channel: a.1, tone: a.2, actor: a.3, reached: ContactStock.isReached(a.4))
                        ledger.actions.append(CollectionAction(id: "A\(actID)", invoiceID: invID, at: a.0, channel: a.1,
                                                               actor: a.3, tone: a.2, outcome: a.4))
                        actID += 1
                        next += 1
                    }
                    stock.advance(to: day)
                    if !day.isWeekend {
                        var eta = TestWorld.baseline[HazardFeatureLayout.dpdBin(day - due)] + u + TestWorld.betaAmount * centred
                        for ch in Channel.allCases { eta += (TestWorld.betaChannel[ch] ?? 0) * log1p(stock.stock(of: ch)) }
                        eta += TestWorld.betaFirm * log1p(stock.firmStock)
                        eta += TestWorld.betaFatigue * Double(max(0, stock.contactsInLast7Days - 2))
                        if Double.random(in: 0..<1, using: &rng) < 1 / (1 + exp(-eta)) {
                            ledger.payments.append(Payment(id: "P\(payID)", clientID: id, receivedOn: day, amount: amount, invoiceID: invID))
                            payID += 1
                            break
                        }
                    }
                    day = day + 1
                }
            }
        }
    }
}
