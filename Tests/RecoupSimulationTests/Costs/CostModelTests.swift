import Foundation
import RecoupPolicy
import Testing
@testable import RecoupSimulation

@Suite struct CostModelTests {
    let costs = CostModel()

    // Hand-computed from SPEC §5: $45/h = 75 cents a minute.
    @Test(arguments: [
        (Channel.email, ActorKind.agent, ContactExecution.automated, Int64(1), 0.0),
        (.sms, .agent, .automated, 2, 0),
        (.voiceAgent, .agent, .automated, 30, 0),            // $0.12 × 2.5 min
        (.letter, .agent, .automated, 120, 0),
        (.call, .human, .automated, 675, 9),                 // 9 min × 75¢
        (.call, .agent, .automated, 675, 9),                 // a call is always a person's
        (.voiceAgent, .agent, .manual, 675, 9),              // manual: voice agent becomes a human call
        (.email, .agent, .manual, 300, 4),                   // 4 min × 75¢
        (.sms, .human, .automated, 150, 2),
        (.letter, .agent, .manual, 570, 6),                  // 6 min × 75¢ + $1.20 postage
        (.voiceAgent, .agent, .reviewed(minutes: 1.5), 143, 1.5),  // 30¢ + 112.5¢ rounded half up
        (.email, .agent, .reviewed(minutes: 1.5), 114, 1.5),       // 1¢ + 113¢
    ])
    func contactCosts(channel: Channel, actor: ActorKind, execution: ContactExecution, cents: Int64, minutes: Double) {
        let c = costs.contact(channel: channel, actor: actor, execution: execution)
        #expect(c.money == Money(minorUnits: cents))
        #expect(c.humanMinutes == minutes)
    }

    @Test func tasksAndFixedHumanWork() {
        #expect(costs.contact(channel: .call, actor: .human, execution: .automated).task == .calls)
        #expect(costs.contact(channel: .email, actor: .human, execution: .automated).task == .reminders)
        #expect(costs.dispute.money == Money(minorUnits: 3_375) && costs.dispute.humanMinutes == 45)
        #expect(costs.promiseFollowUp.money == Money(minorUnits: 375))
        #expect(costs.reconciliationException.money == Money(minorUnits: 450))
        #expect(abs(costs.copilotReviewMinutes(policyValue: nil) - 1.5) < 1e-12)
        #expect(costs.copilotReviewMinutes(policyValue: 3) == 3)
        #expect(costs.labour(minutes: 60) == Money(minorUnits: 4_500))
    }

    @Test(arguments: [
        (PaymentMethod.card, Int64(10_000), Int64(320)),  // 2.9% of $100 = $2.90 + $0.30
        (.card, 50, 31),                                  // 1.45¢ → 1¢, + 30¢
        (.ach, 10_000, 80),                               // 0.8% of $100
        (.ach, 100_000, 500),                             // $8.00 capped at $5
        (.check, 100_000, 0),
        (.wire, 100_000, 0),
    ])
    func paymentFees(method: PaymentMethod, amount: Int64, fee: Int64) {
        var withFees = costs
        withFees.includeFees = true
        #expect(withFees.paymentFee(amount: Money(minorUnits: amount), method: method) == Money(minorUnits: fee))
        #expect(costs.paymentFee(amount: Money(minorUnits: amount), method: method) == .zero)  // off by default
    }

    @Test func costOfCapital() {
        // $10,000 × 8% × 365/365 = $800; × 30/365 = $65.7534… → $65.75.
        #expect(costs.capitalCost(balance: Money(minorUnits: 1_000_000), days: 365) == Money(minorUnits: 80_000))
        #expect(costs.capitalCost(balance: Money(minorUnits: 1_000_000), days: 30) == Money(minorUnits: 6_575))
    }

    @Test func costFileOverridesOnlyWhatItSets() throws {
        let json = """
            { "email": "0.02", "voiceAgentMinutes": 3, "hourlyRate": 60,
              "humanMinutes": { "call": 12 }, "includeFees": true,
              "paymentFees": { "ach": { "percent": "1", "cap": null } } }
            """
        let c = try CostModel.decode(Data(json.utf8))
        #expect(c.email == Money(minorUnits: 2))
        #expect(c.voiceAgentCall == Money(minorUnits: 36))
        #expect(c.hourlyRate == Money(minorUnits: 6_000))
        #expect(c.humanMinutes.call == 12 && c.humanMinutes.email == 4)
        #expect(c.contact(channel: .call, actor: .human, execution: .automated).money == Money(minorUnits: 1_200))
        #expect(c.paymentFee(amount: Money(minorUnits: 100_000), method: .ach) == Money(minorUnits: 1_000))
        #expect(c.paymentFee(amount: Money(minorUnits: 10_000), method: .card) == Money(minorUnits: 320))
        #expect(c.sms == Money(minorUnits: 2))
    }

    @Test func defaultsRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode(costs)
        #expect(try CostModel.decode(data) == costs)
    }

    @Test(arguments: [
        (#"{"emial": "0.01"}"#, CostModelError.unknownKey(file: "c.json", path: "emial")),
        (#"{"humanMinutes": {"calls": 9}}"#, .unknownKey(file: "c.json", path: "humanMinutes.calls")),
        (#"{"paymentFees": {"card": {"percent": "2.9", "fix": "0.3"}}}"#,
         .unknownKey(file: "c.json", path: "paymentFees.card.fix")),
    ])
    func unknownKeysAreErrorsNamingTheKey(json: String, expected: CostModelError) {
        #expect(throws: expected) { try CostModel.decode(Data(json.utf8), file: "c.json") }
    }

    @Test func badValuesNameTheirPath() {
        do {
            _ = try CostModel.decode(Data(#"{"letter": "1.205"}"#.utf8), file: "c.json")
            Issue.record("accepted 3 decimals")
        } catch {
            #expect(error.description.contains("letter"))
            #expect(error.description.contains("1.205"))
        }
        #expect(throws: CostModelError.self) { try CostModel.decode(Data(#"{"humanMinutes": {"call": -1}}"#.utf8)) }
        #expect(throws: CostModelError.self) { try CostModel.decode(Data("not json".utf8)) }
        #expect(throws: CostModelError.self) { try CostModel.load(contentsOf: URL(fileURLWithPath: "/nonexistent/costs.json")) }
    }
}
