import Foundation

/// The cost model of SPEC §5 as the replay charges it: agent channel prices, the loaded human
/// hourly rate, and human minutes per task. Override any of them with a JSON object of the same
/// keys (`--costs costs.json`); unknown keys are an error.
///
/// Charging rules: an agent contact costs its channel price (`voice_agent` is
/// `voiceAgentPerMinute × voiceAgentMinutes`). A contact a person makes costs that person's
/// minutes of its channel at `hourlyRate`, plus the channel price for `letter` (postage); a call
/// has no channel price. A copilot review costs the policy's `reviewMinutes`, a dispute
/// `disputeMinutes` (once when it opens), a promise `promiseFollowUpMinutes` (once when made).
public struct CostRates: Sendable, Equatable {
    public var email = 0.01
    public var sms = 0.02
    public var voiceAgentPerMinute = 0.12
    public var voiceAgentMinutes = 2.5
    public var letter = 1.20
    public var hourlyRate = 45.0
    public var emailMinutes = 4.0
    public var smsMinutes = 2.0
    public var callMinutes = 9.0
    public var letterMinutes = 6.0
    public var disputeMinutes = 45.0
    public var promiseFollowUpMinutes = 5.0

    public init() {}

    static let keys = ["email", "sms", "voiceAgentPerMinute", "voiceAgentMinutes", "letter", "hourlyRate",
                       "emailMinutes", "smsMinutes", "callMinutes", "letterMinutes", "disputeMinutes",
                       "promiseFollowUpMinutes"]

    /// The defaults with the members of a JSON object applied.
    /// - Throws: `SimulationError.badCosts` naming the key for unknown keys, non-numbers and
    ///   negative values.
    public init(json data: Data, path: String) throws(SimulationError) {
        self.init()
        let object: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SimulationError.badCosts(path: path, reason: "expected a JSON object of cost overrides")
            }
            object = o
        } catch let e as SimulationError {
            throw e
        } catch {
            throw .badCosts(path: path, reason: "not valid JSON (\(error.localizedDescription))")
        }
        for key in object.keys.sorted() {
            guard CostRates.keys.contains(key) else {
                throw .badCosts(path: path, reason: "$.\(key): unknown cost key; use one of \(CostRates.keys.joined(separator: ", "))")
            }
            guard let n = object[key] as? NSNumber, !(object[key] is Bool), n.doubleValue >= 0, n.doubleValue.isFinite else {
                throw .badCosts(path: path, reason: "$.\(key): expected a non-negative number, got \(String(describing: object[key] ?? "null"))")
            }
            let v = n.doubleValue
            switch key {
            case "email": email = v
            case "sms": sms = v
            case "voiceAgentPerMinute": voiceAgentPerMinute = v
            case "voiceAgentMinutes": voiceAgentMinutes = v
            case "letter": letter = v
            case "hourlyRate": hourlyRate = v
            case "emailMinutes": emailMinutes = v
            case "smsMinutes": smsMinutes = v
            case "callMinutes": callMinutes = v
            case "letterMinutes": letterMinutes = v
            case "disputeMinutes": disputeMinutes = v
            default: promiseFollowUpMinutes = v
            }
        }
    }

    /// The channel price of an agent contact, in currency units.
    func agentPrice(_ channel: Channel) -> Double {
        switch channel {
        case .email: return email
        case .sms: return sms
        case .voiceAgent: return voiceAgentPerMinute * voiceAgentMinutes
        case .letter: return letter
        case .call: return 0
        }
    }

    /// The human minutes of a contact a person makes.
    func humanMinutes(_ channel: Channel) -> Double {
        switch channel {
        case .email: return emailMinutes
        case .sms: return smsMinutes
        case .call, .voiceAgent: return callMinutes
        case .letter: return letterMinutes
        }
    }
}
