import Foundation
import RecoupLedger
import RecoupPolicy
import Testing
@testable import RecoupSynthetic

/// `Reconciler` against the synthetic world's known truth.
///
/// Where the truth comes from: `SyntheticWorld.generateHistory` (RecoupSynthetic/History/
/// HistoryGeneration.swift) writes one deposit per payment, with the same sequence number,
/// day and amount (`DEP-0000042` is `PAY-0000042`, which names its invoice), and its memo
/// (`DepositMemo.text`) names the invoice number except for the share
/// `WorldParameters.reconciliationExceptionShare` (5%) of payments, whose memo carries only
/// the payer and a bank reference. So the known rate of memos with the invoice number is
/// 1 − that share (95%), and every deposit's true payment and invoice are known.
@Suite struct ReconcileTruthTests {
    static let ledger = WorldFixtures.smallHistory
    static let result = Result { try Reconciler.reconcile(ledger) }

    /// The true payment of a deposit: the payment with the deposit's sequence number.
    static func truePayment(of deposit: Deposit) -> String { "PAY-" + deposit.id.dropFirst("DEP-".count) }

    static let paymentsByID = Dictionary(uniqueKeysWithValues: ledger.payments.map { ($0.id, $0) })

    @Test func theAutomaticShareIsAtLeastTheKnownMemoRate() throws {
        let summary = try Self.result.get().summary
        let knownRate = 1 - WorldFixtures.small.parameters.reconciliationExceptionShare
        #expect(summary.deposits == Self.ledger.deposits.count && summary.deposits > 1_000)
        // Tolerance 2 points: the exceptions are drawn at random (5% of a few thousand payments).
        #expect((summary.shareMatched ?? 0) >= knownRate - 0.02, "\(summary)")
        // The memo-number matches alone sit at the known rate, within the same tolerance.
        let byMemo = Double(summary.byMethod[.memoInvoiceNumber] ?? 0) / Double(summary.deposits)
        #expect(abs(byMemo - knownRate) <= 0.02, "\(byMemo)")
    }

    @Test func everyHighConfidenceMatchIsTheTrueOne() throws {
        let matches = try Self.result.get().matches
        let high = matches.filter { $0.confidence == .high }
        #expect(high.count > 1_000)
        for match in high {
            let truth = try #require(Self.paymentsByID[Self.truePayment(of: match.deposit)])
            #expect(match.invoiceIDs == [truth.invoiceID ?? ""], "\(match.deposit.id)")
            #expect(match.paymentIDs.isEmpty || match.paymentIDs == [truth.id], "\(match.deposit.id)")
        }
    }

    /// Medium matches (client and amount, through the recorded payment) are right too, but
    /// are not promised to be: at least 95% here.
    @Test func mediumConfidenceMatchesAreMostlyTrue() throws {
        let medium = try Self.result.get().matches.filter { $0.confidence == .medium }
        let correct = medium.filter { match in
            guard let truth = Self.paymentsByID[Self.truePayment(of: match.deposit)] else { return false }
            return match.invoiceIDs == [truth.invoiceID ?? ""]
        }
        #expect(medium.isEmpty || Double(correct.count) / Double(medium.count) >= 0.95, "\(correct.count) of \(medium.count)")
    }
}
