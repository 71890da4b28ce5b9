import RecoupPolicy
import Testing
@testable import RecoupSimulation

@Suite struct TuningAxisTests {
    @Test(arguments: [
        ("escalation.daysPastDue=30..60/10", ["30", "40", "50", "60"]),
        ("escalation.daysPastDue=30..59/10", ["30", "40", "50"]),       // HI not on a step: never past it
        ("tiers[0].below=0.1..0.3/0.1", ["0.1", "0.2", "0.3"]),          // exact decimals, no 0.30000000000000004
        ("cadences.high[0].day=-7..-3/2", ["-7", "-5", "-3"]),
        ("copilot.reviewMinutes=1..2/0.25", ["1", "1.25", "1.5", "1.75", "2"]),
        ("limits.maxContactsPer7Days=2..2/1", ["2"]),
        (" escalation.amountOver = 100.5..101/0.25 ", ["100.5", "100.75", "101"]),
    ])
    func values(spec: String, expected: [String]) throws {
        let axis = try TuningAxis(parsing: spec)
        #expect(axis.values.map(\.text) == expected)
        for v in axis.values { #expect(Double(v.text) == v.value) }
    }

    @Test func wholeNumbersStayIntegers() throws {
        let axis = try TuningAxis(parsing: "escalation.daysPastDue=30..40/5")
        #expect(axis.values.allSatisfy { !$0.text.contains(".") })
        let mixed = try TuningAxis(parsing: "copilot.reviewMinutes=1.0..2/1")
        #expect(mixed.values.map(\.text) == ["1", "2"])
    }

    @Test(arguments: [
        ("escalation.daysPastDue=60..30/5", "LO 60 is greater than HI 30"),
        ("escalation.daysPastDue=30..60/0", "STEP 0 is not positive"),
        ("escalation.daysPastDue=30..60/-5", "STEP -5 is not positive"),
        ("escalation.daysPastDue=30..60/0.0", "STEP 0.0 is not positive"),
        ("escalation.daysPastDue 30..60/5", "no \"=\""),
        ("escalation.daysPastDue=30..60", "has no \"/STEP\""),
        ("escalation.daysPastDue=30-60/5", "no \"..\""),
        ("escalation.daysPastDue=a..60/5", "LO \"a\" is not a plain decimal"),
        ("escalation.daysPastDue=30..1e2/5", "HI \"1e2\" is not a plain decimal"),
        ("escalation.daysPastDue=0..1/0.0000001", "7 decimals"),
        ("escalation.daysPastDue=0..100000/1", "100001 values"),
        ("=1..2/1", "the field before \"=\" is empty"),
    ])
    func badSpecs(spec: String, fragment: String) {
        #expect {
            _ = try TuningAxis(parsing: spec)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(fragment) && text.hasPrefix("--vary ")
        }
    }

    @Test func badPathNamesColumn() {
        #expect(throws: TuningError.badPath(path: "cadences.high[x].day", column: 15, reason: "expected an index (0, 1, …) after \"[\"")) {
            _ = try TuningAxis(parsing: "cadences.high[x].day=1..2/1")
        }
    }
}

@Suite struct PolicyFieldPathTests {
    let json = TuningFixtures.base.jsonValue

    @Test(arguments: [
        ("escalation.daysPastDue", "45"),
        ("tiers[0].below", "0.2"),
        ("tiers[1].below", "0.5"),
        ("cadences.high[1].day", "1"),
        ("cadences.medium[3].day", "21"),
        ("copilot.approvalDelayDays", "1"),
        ("limits.maxContactsPer7Days", "2"),
        ("riskModel.coefficients[2]", "0.2"),
        ("writeOffAfterDays", "120"),
    ])
    func reads(path: String, expected: String) throws {
        let value = try #require(try PolicyFieldPath(parsing: path).number(in: json))
        #expect(abs(value.value - (try #require(Double(expected)))) < 1e-12)
    }

    @Test func nullEscalationFieldsCanBeSet() throws {
        let path = try PolicyFieldPath(parsing: "escalation.afterContacts")
        #expect(try path.number(in: json) == nil)
        let changed = try path.setting(JSONNumber(3), in: json)
        let policy = try Policy(json: changed)
        #expect(policy.escalation.afterContacts == 3)
        #expect(policy.escalation.daysPastDue == 45)  // nothing else moved
    }

    @Test func setsNestedArrayElementsOnly() throws {
        let changed = try PolicyFieldPath(parsing: "cadences.high[1].day").setting(JSONNumber(4), in: json)
        let policy = try Policy(json: changed)
        var expected = TuningFixtures.base
        expected.cadences["high"]?[1].day = 4
        #expect(policy == expected)
        let tier = try Policy(json: try PolicyFieldPath(parsing: "tiers[1].below").setting(JSONNumber(0.45), in: json))
        #expect(tier.tiers.map(\.below) == [0.2, 0.45, nil])
    }

    @Test(arguments: [
        ("escalation.daysPastDu", "escalation has no field \"daysPastDu\" (it has: daysPastDue, amountOver, riskOver, afterContacts, stopAutomation)"),
        ("limit.maxContactsPer7Days", "the policy has no field \"limit\""),
        ("cadences.high[9].day", "cadences.high has 4 elements (indices 0…3), so [9] does not exist"),
        ("tiers[2].below", "tiers[2] has no \"below\": the last tier has no bound"),
        ("tiers[0].name", "it is a string, not a number"),
        ("escalation.stopAutomation", "it is a boolean, not a number"),
        ("cadences.high", "it is an array, not a number"),
        ("writeOffAfterDays.days", "writeOffAfterDays is a number, so it has no field \"days\""),
        ("escalation[0]", "escalation is an object, not an array"),
    ])
    func unknownOrNonNumeric(path: String, fragment: String) throws {
        let parsed = try PolicyFieldPath(parsing: path)
        #expect {
            _ = try parsed.number(in: json)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(fragment) && text.hasPrefix("field \(path):")
        }
    }

    @Test(arguments: [
        ("", 1, "the path is empty"),
        ("escalation.", 12, "the path ends after a dot"),
        ("escalation..x", 12, "expected a field name, found \".\""),
        ("tiers[0", 8, "expected \"]\" after the index"),
        ("tiers[]", 7, "expected an index (0, 1, …) after \"[\""),
        ("tiers 0", 6, "expected \".\" or \"[\" after tiers, found \" \""),
        ("1tiers", 1, "expected a field name, found \"1\""),
    ])
    func parseErrors(path: String, column: Int, reason: String) {
        #expect(throws: TuningError.badPath(path: path, column: column, reason: reason)) {
            _ = try PolicyFieldPath(parsing: path)
        }
    }

    @Test func informationalFieldsRefused() {
        #expect { _ = try PolicyFieldPath(parsing: "projections.dso") } throws: { String(describing: $0).contains("projections describes the policy") }
    }
}
