import Foundation
import RecoupModel
import RecoupPolicy
import RecoupSynthetic
import Testing
@testable import RecoupSimulation

/// A history whose every contact was a person's cannot tell a person's contact from an agent's:
/// the fit holds the `contact_human` term at 0 (an agent's email is taken to work as the
/// bookkeeper's) and the simulator draws the difference from its prior, so a policy of agent
/// contacts gets the prior's uncertainty and a person's contacts keep their fitted effect.
@Suite struct HeldHumanTermTests {
    static func ledger(_ history: HistoryCadence) -> Ledger {
        var parameters = WorldParameters()
        parameters.clients = 120
        parameters.months = 12
        parameters.seed = 4
        return SyntheticWorld(parameters: parameters).makeHistoryLedger(history: history)
    }

    static func trained(_ ledger: Ledger) throws -> PaymentResponseModel {
        try #require(try ModelTrainer.train(ledger: ledger).response)
    }

    static func sd(_ xs: [Double]) -> Double {
        let m = xs.reduce(0, +) / Double(xs.count)
        var squares = 0.0
        for x in xs { squares += (x - m) * (x - m) }
        return (squares / Double(xs.count - 1)).squareRoot()
    }

    @Test func aBookkeepersHistoryHoldsTheTermAndDrawsItsPrior() throws {
        let ledger = Self.ledger(.manual)
        let model = try Self.trained(ledger)
        #expect(ledger.actions.allSatisfy { $0.actor == .human })
        #expect(model.heldHumanTerm == .init(reason: .noAgentContacts, priorSD: 0.5))
        let human = try #require(model.columnNames.firstIndex(of: "contact_human"))
        #expect(model.coefficients[human] == 0)

        let behaviour = ReplayBehaviour(model: model, ledger: ledger)
        let runs = 400
        let draws = try #require(CoefficientDraws(behaviour: behaviour, runs: runs, seed: 9, enabled: true).values)
        let q = CoefficientDraws.count, email = 15 + Channel.email.index, humanSlot = 21
        let agent = (0..<runs).map { draws[$0 * q + email] }
        let person = (0..<runs).map { draws[$0 * q + email] + draws[$0 * q + humanSlot] }
        // A person's email keeps its estimation spread s; an agent's adds the prior's 0.5 to
        // it, √(s² + 0.25), within the sampling error of 400 runs (about 4%; 8% allowed).
        let s = Self.sd(person), expected = (s * s + 0.25).squareRoot()
        #expect(abs(Self.sd(agent) - expected) < 0.08 * expected, "person \(s), agent \(Self.sd(agent))")
    }

    /// The randomised history's people make only calls: a person's email is unseen, so the term
    /// is held the other way. With a tenth of its emails sent by a person instead, both sides
    /// are seen and the term is fitted.
    @Test func whichSideIsUnseen() throws {
        var ledger = Self.ledger(.randomised)
        #expect(try Self.trained(ledger).heldHumanTerm?.reason == .noPersonContacts)
        var emails = 0
        for i in ledger.actions.indices where ledger.actions[i].channel == .email {
            emails += 1
            if emails % 10 == 0 { ledger.actions[i].actor = .human; ledger.actions[i].minutes = 4 }
        }
        #expect(try Self.trained(ledger).heldHumanTerm == nil)
    }
}
