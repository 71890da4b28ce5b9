import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

/// Same seed, same bytes; common random numbers make identical policies identical.
@Suite struct ReplayDeterminismTests {
    static func behaviour() -> ReplayBehaviour {
        var b = ReplayFixtures.constant(0.04)
        b.channelCoefficients = [0.8, 0.5, 0.6, 0.9, 0.2]
        b.reach = [0.9, 0.95, 0.6, 0.7, 1]
        b.promiseGivenReach = [0.05, 0.05, 0.2, 0.3, 0]
        b.disputeByTone = [0.005, 0.01, 0.02, 0.03]
        b.partialPayment = 0.1
        b.clientEffects = ["C001": .init(effect: 0.5, standardError: 0.2), "C002": .init(effect: -0.7, standardError: 0.4)]
        b.unknownClientSD = 0.3
        return b
    }

    @Test func sameSeedSameBytesWhateverTheThreads() throws {
        let ledger = ReplayFixtures.ledger(clients: 30, perClient: 4)
        let fixed = try ReplayFixtures.policy("fixed", steps: [CadenceStep(day: 1, channel: .email), CadenceStep(day: 8, channel: .voiceAgent, tone: .firm)])
        let a = try ReplayFixtures.simulate(ledger, Self.behaviour(), [.none, fixed], runs: 16, seed: 11, threads: 2).json
        let b = try ReplayFixtures.simulate(ledger, Self.behaviour(), [.none, fixed], runs: 16, seed: 11, threads: 1).json
        let c = try ReplayFixtures.simulate(ledger, Self.behaviour(), [.none, fixed], runs: 16, seed: 12, threads: 2).json
        #expect(a == b)
        #expect(a != c)
        #expect(a.hasPrefix("[\n  { \"policy\": \"none\", \"mode\": \"autonomous\", \"verified\": true, \"invoices\": 120, \"runs\": 16"))
    }

    @Test func identicalPoliciesDifferByExactlyNothing() throws {
        let ledger = ReplayFixtures.ledger(clients: 20, perClient: 3)
        let fixed = try ReplayFixtures.policy("fixed", steps: [CadenceStep(day: 2, channel: .sms)])
        var twin = fixed
        twin.name = "twin"
        let r = try ReplayFixtures.simulate(ledger, Self.behaviour(), [fixed, twin], runs: 10)
        for metric in ProjectionMetric.allCases {
            let d = try #require(r.projections[1].difference?[metric])
            #expect(abs(d.lo) < 1e-12 && abs(d.hi) < 1e-12 && abs(d.mean) < 1e-12, "\(metric)")
        }
    }

    @Test func theJSONHasSpecSixMembersInOrder() throws {
        let ledger = ReplayFixtures.ledger(clients: 3, perClient: 2)
        let json = try ReplayFixtures.simulate(ledger, Self.behaviour(), [.none], runs: 4).json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(object.count == 1)
        for key in ["policy", "mode", "invoices", "runs", "horizonDays", "dso", "collectionRate", "costPerInvoice",
                    "humanHoursPerWeek", "contactsPerInvoice", "collectionRate90", "writeOffRate"] {
            #expect(object[0][key] != nil, "\(key)")
        }
        let dso = try #require(object[0]["dso"] as? [String: Double])
        #expect(Set(dso.keys) == ["mean", "lo", "hi"])
        #expect(dso["lo"]! <= dso["mean"]! && dso["mean"]! <= dso["hi"]!)
        let positions = ["\"dso\"", "\"collectionRate\"", "\"costPerInvoice\"", "\"humanHoursPerWeek\"", "\"contactsPerInvoice\"",
                         "\"collectionRate90\"", "\"writeOffRate\""].map { json.range(of: $0)?.lowerBound }
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted() && positions.allSatisfy { $0 != nil })
    }
}
