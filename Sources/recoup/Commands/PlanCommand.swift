import ArgumentParser
import Foundation
import RecoupLedger
import RecoupPolicy
import RecoupPolicyAuthoring

/// `recoup plan --policy P --date D [--format table|json]`: the live agent's worklist for day D
/// from the store (SPEC §7), through the same `PolicyEngine` the agent and the simulator use.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The live agent's worklist for a day: each open invoice's actions, who does them, what needs approval, and the human queue.",
        discussion: "Invoices are ordered by expected value at risk (open balance × risk). Each invoice's policy state is rebuilt by replaying the policy over the ledger's events from its issue day."
    )

    @Option(name: .long, help: "The policy file.")
    var policy: String

    @Option(name: .long, help: "The day to plan (YYYY-MM-DD).", transform: Day.argument)
    var date: Day

    @OptionGroup var trust: PolicyTrustOptions

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try UserFacingError.wrap {
            let doc = try trust.trust.load(policy)
            let engine = try PolicyEngine(doc.policy)
            try LedgerStore(path: store.path, access: .readOnly).requirePaymentDates(for: "plan (the risk features are payment histories)")
            let ledger = try LedgerStore(path: store.path, access: .readOnly).loadLedger()
            var worklist = PolicyWorklist.make(engine: engine, ledger: ledger, on: date)
            worklist.isPolicyVerified = doc.signatureStatus.isVerified
            switch output.format {
            case .json: print(PrettyJSON.string(of: worklist.jsonValue), terminator: "")
            default: print(worklist.tableText(), terminator: "")
            }
        }
    }
}
