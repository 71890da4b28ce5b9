import Foundation
import RecoupPolicyAuthoring
import Testing
@testable import RecoupPolicy

/// policies/*.json are the templates (one source of truth), and docs/policy-v1.schema.json
/// agrees with the decoder: every example passes both; every structural mistake the decoder
/// refuses, the schema refuses too; whatever the decoder and validator accept, the schema accepts.
@Suite struct ExamplePolicyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func schema() throws -> MiniSchemaChecker {
        let data = try Data(contentsOf: repository.appendingPathComponent("docs/policy-v1.schema.json"))
        return MiniSchemaChecker(root: try JSONParser.parse(data))
    }

    @Test(arguments: PolicyTemplate.allCases) func exampleFileIsTheTemplate(_ template: PolicyTemplate) throws {
        let path = Self.repository.appendingPathComponent("policies/\(template.fileName)")
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text == template.fileContents, "policies/\(template.fileName) is stale: run scripts/update-example-policies")
    }

    @Test(arguments: PolicyTemplate.allCases) func examplePassesSchemaAndDecoder(_ template: PolicyTemplate) throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("policies/\(template.fileName)"))
        let json = try JSONParser.parse(data)
        #expect(try Self.schema().errors(json) == [])
        #expect(try PolicyDocument.load(data: data, signature: .unverifiedForAnalysis(trustedKeys: [])).policy == template.policy)
    }

    @Test func specExampleAndItsBrokenVariantsAgree() throws {
        let checker = try Self.schema()
        let good = try JSONParser.parse(Data(PolicyDecodingTests.specExample.utf8))
        #expect(checker.errors(good) == [])
        for row in PolicyDecodingTests.fieldErrors {
            let text = PolicyDecodingTests.specExample.replacingOccurrences(of: row.0, with: row.1)
            let json = try JSONParser.parse(Data(text.utf8))
            if row.2 == "provenance.trainedOn" { continue }  // a calendar check (2026-02-30) is beyond a pattern
            #expect(!checker.errors(json).isEmpty, "schema accepts what the decoder refuses at \(row.2)")
        }
    }

    @Test func schemaAgreesWithDecoderOnMutatedDocuments() throws {
        let checker = try Self.schema()
        var g = SplitMix64(seed: 31)
        let bases = try PolicyTemplate.allCases.map { try JSONParser.parse(Data($0.fileContents.utf8)) }
        for i in 0..<1500 {
            var doc = bases[i % bases.count]
            for _ in 0..<Int.random(in: 1...2, using: &g) { doc = PolicyFuzzTests.mutate(doc, &g) }
            let schemaErrors = checker.errors(doc)
            do {
                let policy = try Policy(json: doc)
                if policy.validate().isEmpty {
                    #expect(schemaErrors == [], "decoder and validator accept, schema refuses: \(schemaErrors)")
                }
            } catch {
                #expect(!schemaErrors.isEmpty, "decoder refuses (\(error)), schema accepts: \(CanonicalJSON.string(of: doc).prefix(300))")
            }
        }
    }
}
