import Foundation

extension Policy {
    /// The top-level fields of v1, in the order they are written.
    static let topLevelFields = [
        "schema", "name", "mode", "riskModel", "tiers", "cadences", "escalation", "holds", "limits",
        "copilot", "writeOffAfterDays", "provenance", "projections", "signature",
    ]

    /// Decodes a parsed `recoup.policy/v1` document strictly, without validating it (see
    /// `validate()`) or checking its signature (see `Policy.load`).
    ///
    /// - Throws: `PolicyError.field` naming the JSON path of the first unknown field, wrong
    ///   type, unknown vocabulary word or missing required field.
    public init(json root: JSONValue) throws(PolicyError) {
        let r = try JSONObjectReader(root, at: JSONPath(), known: Policy.topLevelFields)
        let schema = try r.required("schema", JSONDecode.string)
        guard schema == Policy.schemaIdentifier else {
            throw .field(path: "schema",
                         reason: "unsupported schema \"\(schema)\"; this version reads \"\(Policy.schemaIdentifier)\"")
        }
        let name = try r.required("name", JSONDecode.string)
        let mode = try r.required("mode") { v, p throws(PolicyError) in
            try JSONDecode.enumeration(PolicyMode.self, "mode", v, p)
        }
        let riskModel = try r.optional("riskModel", Policy.decodeRiskModel)
        let tiers = try r.required("tiers") { v, p throws(PolicyError) in
            var out: [Tier] = []
            for (i, e) in try JSONDecode.array(v, p).enumerated() {
                let t = try JSONObjectReader(e, at: p.appending(i), known: ["name", "below"])
                out.append(Tier(name: try t.required("name", JSONDecode.string),
                                below: try t.optional("below", nullable: true, JSONDecode.double)))
            }
            return out
        }
        let cadences = try r.required("cadences", Policy.decodeCadences)
        let escalation = try r.optional("escalation") { v, p throws(PolicyError) in
            let e = try JSONObjectReader(v, at: p, known: ["daysPastDue", "amountOver", "riskOver", "afterContacts", "stopAutomation"])
            return Escalation(
                daysPastDue: try e.optional("daysPastDue", nullable: true, JSONDecode.int),
                amountOver: try e.optional("amountOver", nullable: true, JSONDecode.money),
                riskOver: try e.optional("riskOver", nullable: true, JSONDecode.double),
                afterContacts: try e.optional("afterContacts", nullable: true, JSONDecode.int),
                stopAutomation: try e.optional("stopAutomation", JSONDecode.bool) ?? true)
        } ?? Escalation()
        let holds = try r.optional("holds") { v, p throws(PolicyError) in
            let h = try JSONObjectReader(v, at: p, known: ["promiseGraceDays", "pauseOnDispute", "skipAutopay"])
            return Holds(promiseGraceDays: try h.optional("promiseGraceDays", JSONDecode.int) ?? 3,
                         pauseOnDispute: try h.optional("pauseOnDispute", JSONDecode.bool) ?? true,
                         skipAutopay: try h.optional("skipAutopay", JSONDecode.bool) ?? false)
        } ?? Holds()
        let limits = try r.optional("limits") { v, p throws(PolicyError) in
            let l = try JSONObjectReader(v, at: p, known: ["maxContactsPer7Days", "businessDaysOnly", "consolidatePerClient"])
            return ContactLimits(maxContactsPer7Days: try l.optional("maxContactsPer7Days", JSONDecode.int) ?? 2,
                                 businessDaysOnly: try l.optional("businessDaysOnly", JSONDecode.bool) ?? true,
                                 consolidatePerClient: try l.optional("consolidatePerClient", JSONDecode.bool) ?? false)
        } ?? ContactLimits()
        let copilot = try r.optional("copilot", Policy.decodeCopilot) ?? CopilotSettings()
        let writeOff = try r.optional("writeOffAfterDays", JSONDecode.int) ?? 120
        let provenance = try r.optional("provenance") { v, p throws(PolicyError) in
            let o = try JSONObjectReader(v, at: p, known: ["ledger", "trainedOn", "recoupVersion"])
            return Provenance(ledger: try o.optional("ledger", JSONDecode.string),
                              trainedOn: try o.optional("trainedOn", JSONDecode.day),
                              recoupVersion: try o.optional("recoupVersion", JSONDecode.string))
        }
        let projections = try r.optional("projections") { v, p throws(PolicyError) in
            let o = try JSONObjectReader(v, at: p, known: ["dso", "collectionRate", "costPerInvoice",
                                                            "humanHoursPerWeek", "contactsPerInvoice", "writeOffRate"])
            return Projections(dso: try o.optional("dso", JSONDecode.double),
                               collectionRate: try o.optional("collectionRate", JSONDecode.double),
                               costPerInvoice: try o.optional("costPerInvoice", JSONDecode.double),
                               humanHoursPerWeek: try o.optional("humanHoursPerWeek", JSONDecode.double),
                               contactsPerInvoice: try o.optional("contactsPerInvoice", JSONDecode.double),
                               writeOffRate: try o.optional("writeOffRate", JSONDecode.double))
        }
        let signature = try r.optional("signature") { v, p throws(PolicyError) in
            let o = try JSONObjectReader(v, at: p, known: ["alg", "keyId", "value"])
            let alg = try o.required("alg", JSONDecode.string)
            guard alg == "ed25519" else {
                throw .field(path: p.appending("alg").description,
                             reason: "unsupported signature algorithm \"\(alg)\"; only \"ed25519\" is accepted")
            }
            return PolicySignature(alg: alg, keyId: try o.required("keyId", JSONDecode.string),
                                   value: try o.required("value", JSONDecode.string))
        }
        self.init(name: name, mode: mode, riskModel: riskModel, tiers: tiers, cadences: cadences,
                  escalation: escalation, holds: holds, limits: limits, copilot: copilot,
                  writeOffAfterDays: writeOff, provenance: provenance, projections: projections,
                  signature: signature)
    }

    static func decodeRiskModel(_ v: JSONValue, _ p: JSONPath) throws(PolicyError) -> RiskModel {
        let o = try JSONObjectReader(v, at: p, known: ["features", "intercept", "coefficients", "means", "scales", "lateThresholdDays"])
        let features = try o.required("features") { v, p throws(PolicyError) in
            var out: [String] = []
            for (i, e) in try JSONDecode.array(v, p).enumerated() { out.append(try JSONDecode.string(e, p.appending(i))) }
            return out
        }
        let model = RiskModel(
            features: features,
            intercept: try o.required("intercept", JSONDecode.double),
            coefficients: try o.required("coefficients", JSONDecode.doubles),
            means: try o.optional("means", JSONDecode.doubles),
            scales: try o.optional("scales", JSONDecode.doubles),
            lateThresholdDays: try o.optional("lateThresholdDays", JSONDecode.int) ?? 15)
        return model
    }

    static func decodeCadences(_ v: JSONValue, _ p: JSONPath) throws(PolicyError) -> [String: [CadenceStep]] {
        guard case .object(let members) = v else { throw JSONDecode.typeError("an object of tier name → steps", v, p) }
        var out: [String: [CadenceStep]] = [:]
        for member in members {
            let tierPath = p.appending(member.name)
            var steps: [CadenceStep] = []
            for (i, e) in try JSONDecode.array(member.value, tierPath).enumerated() {
                let s = try JSONObjectReader(e, at: tierPath.appending(i), known: ["day", "channel", "actor", "tone"])
                steps.append(CadenceStep(
                    day: try s.required("day", JSONDecode.int),
                    channel: try s.required("channel") { v, p throws(PolicyError) in
                        try JSONDecode.enumeration(Channel.self, "channel", v, p)
                    },
                    actor: try s.optional("actor") { v, p throws(PolicyError) in
                        try JSONDecode.enumeration(ActorKind.self, "actor", v, p)
                    } ?? .agent,
                    tone: try s.optional("tone") { v, p throws(PolicyError) in
                        try JSONDecode.enumeration(Tone.self, "tone", v, p)
                    } ?? .standard))
            }
            out[member.name] = steps
        }
        return out
    }

    static func decodeCopilot(_ v: JSONValue, _ p: JSONPath) throws(PolicyError) -> CopilotSettings {
        let o = try JSONObjectReader(v, at: p, known: ["approve", "approvalDelayDays", "reviewMinutes"])
        let defaults = CopilotSettings()
        let approve = try o.optional("approve") { v, p throws(PolicyError) in
            var out: [ApprovalTrigger] = []
            for (i, e) in try JSONDecode.array(v, p).enumerated() {
                let name = try JSONDecode.string(e, p.appending(i))
                guard let trigger = ApprovalTrigger(name: name) else {
                    throw .field(path: p.appending(i).description,
                                 reason: "unknown approval trigger \"\(name)\"; expected a channel (email, sms, voice_agent, call, letter), an actor (agent, human) or a tone (soft, standard, firm, final)")
                }
                out.append(trigger)
            }
            return out
        } ?? defaults.approve
        return CopilotSettings(approve: approve,
                               approvalDelayDays: try o.optional("approvalDelayDays", JSONDecode.int) ?? defaults.approvalDelayDays,
                               reviewMinutes: try o.optional("reviewMinutes", JSONDecode.double) ?? defaults.reviewMinutes)
    }
}

extension Policy {
    /// The policy as a JSON document, every field written explicitly (defaults included), in
    /// the order of SPEC §4; cadences in tier order. `Policy(json: p.jsonValue) == p`.
    public var jsonValue: JSONValue {
        func num(_ d: Double) -> JSONValue { .number(JSONNumber(d)) }
        func int(_ i: Int) -> JSONValue { .number(JSONNumber(i)) }
        func opt<T>(_ v: T?, _ f: (T) -> JSONValue) -> JSONValue { v.map(f) ?? .null }
        var m: [JSONMember] = [
            JSONMember("schema", .string(Policy.schemaIdentifier)),
            JSONMember("name", .string(name)),
            JSONMember("mode", .string(mode.rawValue)),
        ]
        if let r = riskModel {
            m.append(JSONMember("riskModel", .object([
                JSONMember("features", .array(r.features.map { .string($0) })),
                JSONMember("intercept", num(r.intercept)),
                JSONMember("coefficients", .array(r.coefficients.map(num))),
                JSONMember("means", .array(r.means.map(num))),
                JSONMember("scales", .array(r.scales.map(num))),
                JSONMember("lateThresholdDays", int(r.lateThresholdDays)),
            ])))
        }
        m.append(JSONMember("tiers", .array(tiers.map { t in
            .object([JSONMember("name", .string(t.name))] + (t.below.map { [JSONMember("below", num($0))] } ?? []))
        })))
        var cadenceMembers: [JSONMember] = []
        let ordered = tiers.map(\.name).filter { cadences[$0] != nil }
            + cadences.keys.filter { k in !tiers.contains { $0.name == k } }.sorted()
        for key in ordered {
            let steps = cadences[key] ?? []
            cadenceMembers.append(JSONMember(key, .array(steps.map { s in
                var o = [JSONMember("day", int(s.day)), JSONMember("channel", .string(s.channel.rawValue))]
                if s.actor != .agent { o.append(JSONMember("actor", .string(s.actor.rawValue))) }
                o.append(JSONMember("tone", .string(s.tone.rawValue)))
                return .object(o)
            })))
        }
        m.append(JSONMember("cadences", .object(cadenceMembers)))
        m.append(JSONMember("escalation", .object([
            JSONMember("daysPastDue", opt(escalation.daysPastDue, int)),
            JSONMember("amountOver", opt(escalation.amountOver) { .number(JSONNumber(text: $0.decimalString, value: $0.units)) }),
            JSONMember("riskOver", opt(escalation.riskOver, num)),
            JSONMember("afterContacts", opt(escalation.afterContacts, int)),
            JSONMember("stopAutomation", .bool(escalation.stopAutomation)),
        ])))
        m.append(JSONMember("holds", .object([
            JSONMember("promiseGraceDays", int(holds.promiseGraceDays)),
            JSONMember("pauseOnDispute", .bool(holds.pauseOnDispute)),
            JSONMember("skipAutopay", .bool(holds.skipAutopay)),
        ])))
        m.append(JSONMember("limits", .object([
            JSONMember("maxContactsPer7Days", int(limits.maxContactsPer7Days)),
            JSONMember("businessDaysOnly", .bool(limits.businessDaysOnly)),
            JSONMember("consolidatePerClient", .bool(limits.consolidatePerClient)),
        ])))
        m.append(JSONMember("copilot", .object([
            JSONMember("approve", .array(copilot.approve.map { .string($0.description) })),
            JSONMember("approvalDelayDays", int(copilot.approvalDelayDays)),
            JSONMember("reviewMinutes", num(copilot.reviewMinutes)),
        ])))
        m.append(JSONMember("writeOffAfterDays", int(writeOffAfterDays)))
        if let p = provenance {
            var o: [JSONMember] = []
            if let l = p.ledger { o.append(JSONMember("ledger", .string(l))) }
            if let t = p.trainedOn { o.append(JSONMember("trainedOn", .string(t.iso))) }
            if let v = p.recoupVersion { o.append(JSONMember("recoupVersion", .string(v))) }
            m.append(JSONMember("provenance", .object(o)))
        }
        if let p = projections {
            var o: [JSONMember] = []
            for (k, v) in [("dso", p.dso), ("collectionRate", p.collectionRate), ("costPerInvoice", p.costPerInvoice),
                           ("humanHoursPerWeek", p.humanHoursPerWeek), ("contactsPerInvoice", p.contactsPerInvoice),
                           ("writeOffRate", p.writeOffRate)] {
                if let v { o.append(JSONMember(k, num(v))) }
            }
            m.append(JSONMember("projections", .object(o)))
        }
        if let s = signature {
            m.append(JSONMember("signature", .object([
                JSONMember("alg", .string(s.alg)), JSONMember("keyId", .string(s.keyId)), JSONMember("value", .string(s.value)),
            ])))
        }
        return .object(m)
    }
}
