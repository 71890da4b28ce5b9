import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// Every numeric field of a policy has a sensible range, and a value outside it is a problem
/// naming the field's JSON path (docs/policy.md, "Validation").
@Suite struct PolicyRangeTests {
    /// The copilot template with `edit` applied.
    static func problems(_ edit: (inout Policy) -> Void) -> [PolicyProblem] {
        var policy = PolicyTemplate.copilot.policy
        edit(&policy)
        return policy.validate()
    }

    static func money(_ text: String) -> Money { (try? Money(decimal: text)) ?? Money(minorUnits: 0) }

    static let cases: [(path: String, edit: @Sendable (inout Policy) -> Void)] = [
        ("escalation.daysPastDue", { $0.escalation.daysPastDue = -10 }),
        ("escalation.daysPastDue", { $0.escalation.daysPastDue = 0 }),
        ("escalation.daysPastDue", { $0.escalation.daysPastDue = 120 }),
        ("escalation.afterContacts", { $0.escalation.afterContacts = 0 }),
        ("escalation.afterContacts", { $0.escalation.afterContacts = 5000 }),
        ("escalation.amountOver", { $0.escalation.amountOver = money("-1") }),
        ("escalation.amountOver", { $0.escalation.amountOver = Money(minorUnits: LedgerLimits.maxAmountMinorUnits + 1) }),
        ("escalation.riskOver", { $0.escalation.riskOver = 1 }),
        ("tiers[0].below", { $0.tiers[0].below = 1.5 }),
        ("tiers[0].below", { $0.tiers[0].below = -0.1 }),
        ("holds.promiseGraceDays", { $0.holds.promiseGraceDays = -1 }),
        ("limits.maxContactsPer7Days", { $0.limits.maxContactsPer7Days = 0 }),
        ("copilot.approvalDelayDays", { $0.copilot.approvalDelayDays = -1 }),
        ("copilot.reviewMinutes", { $0.copilot.reviewMinutes = -1 }),
        ("copilot.reviewMinutes", { $0.copilot.reviewMinutes = .infinity }),
        ("writeOffAfterDays", { $0.writeOffAfterDays = 0 }),
        ("riskModel.intercept", { $0.riskModel?.intercept = 1e300 }),
        ("riskModel.intercept", { $0.riskModel?.intercept = .nan }),
        ("riskModel.coefficients[0]", { $0.riskModel?.coefficients[0] = -1e7 }),
        ("riskModel.means[0]", { $0.riskModel?.means[0] = 1e300 }),
        ("riskModel.scales[0]", { $0.riskModel?.scales[0] = 0 }),
        ("riskModel.scales[0]", { $0.riskModel?.scales[0] = 1e300 }),
        ("riskModel.lateThresholdDays", { $0.riskModel?.lateThresholdDays = -1 }),
        ("projections.collectionRate", { $0.projections = Projections(collectionRate: 1.5) }),
        ("projections.writeOffRate", { $0.projections = Projections(writeOffRate: -0.1) }),
        ("projections.dso", { $0.projections = Projections(dso: -3) }),
        ("projections.costPerInvoice", { $0.projections = Projections(costPerInvoice: -1) }),
        ("projections.humanHoursPerWeek", { $0.projections = Projections(humanHoursPerWeek: -1) }),
        ("projections.contactsPerInvoice", { $0.projections = Projections(contactsPerInvoice: .infinity) }),
        ("name", { $0.name = "tiered\u{1B}[2J" }),
        ("name", { $0.name = "tiered\u{9B}31m" }),
        ("name", { $0.name = "tiered\u{7F}" }),
        ("tiers[0].name", { $0.tiers[0].name = "low\u{07}" }),
        ("provenance.trainedOn", { $0.provenance = Provenance(trainedOn: Day(year: 1850, month: 1, day: 1)) }),
    ]

    @Test(arguments: cases.indices)
    func outOfRangeIsAProblemAtItsPath(index: Int) {
        let (path, edit) = Self.cases[index]
        let problems = Self.problems(edit)
        #expect(problems.contains { $0.path == path }, "\(path): \(problems)")
    }

    @Test func theTemplatesAndInRangeValuesAreValid() {
        for template in PolicyTemplate.allCases { #expect(template.policy.validate().isEmpty, "\(template)") }
        #expect(Self.problems {
            $0.escalation.daysPastDue = 1
            $0.escalation.afterContacts = 1000
            $0.projections = Projections(dso: 41.2, collectionRate: 1, costPerInvoice: 0, humanHoursPerWeek: 3, contactsPerInvoice: 1.7, writeOffRate: 0)
            $0.provenance = Provenance(trainedOn: Day(year: 2026, month: 11, day: 22))
        }.isEmpty)
    }

    @Test func negativeDaysPastDueMessageSaysWhatToDo() throws {
        let text = PolicyTemplate.copilot.fileContents.replacingOccurrences(of: "\"daysPastDue\": 45", with: "\"daysPastDue\": -10")
        #expect(text != PolicyTemplate.copilot.fileContents)
        #expect { try PolicyDocument.load(data: Data(text.utf8), signature: .unverifiedForAnalysis(trustedKeys: [])) } throws: { error in
            "\(error)".contains("escalation.daysPastDue: -10 is not a number of days past due (at least 1); use null to turn the condition off")
        }
    }
}
