import Foundation
import RecoupPolicy
import RecoupSimulation

/// A client of the synthetic world: its ledger row plus the latent truth the ledger does not show.
public struct WorldClient: Sendable, Hashable {
    /// Position in `SyntheticWorld.clients` (the RNG entity of client-level draws).
    public var index: Int
    /// The row written to clients.csv.
    public var client: Client
    public var segment: Segment
    /// Latent payment propensity u_c (added to the hazard logit); never written.
    public var propensity: Double
    /// Monthly base amount in cents.
    public var baseAmount: Int64
}

extension WorldClient {
    /// Client `index` of the world, drawn with entity = index, day = 0.
    static func make(index: Int, parameters p: WorldParameters, rng: CounterRandom) -> WorldClient {
        let segment = Segment.allCases[rng.categorical(p.segmentShares, entity: index, day: 0, purpose: .clientSegment)]
        let s = segment.index
        let propensity = rng.normal(mean: p.propensityMean[s], standardDeviation: p.propensitySD,
                                    entity: index, day: 0, purpose: .clientPropensity)
        let terms: Int
        switch segment {
        case .smb: terms = rng.bernoulli(p.smbShortTermsShare, entity: index, day: 0, purpose: .clientTerms) ? 15 : 30
        case .mid: terms = 30
        case .enterprise: terms = 45
        }
        let autopay = rng.bernoulli(p.autopayShare[s], entity: index, day: 0, purpose: .clientAutopay)
        let tenureDays = rng.integer(in: 0...(p.maxTenureYears * 365), entity: index, day: 0, purpose: .clientSince)
        let channel = Channel.worldOrder[rng.categorical([0.55, 0.15, 0.05, 0.20, 0.05], entity: index, day: 0,
                                                         purpose: .clientChannel)]
        let z = rng.normal(entity: index, day: 0, purpose: .clientBaseAmount)
        let base = max(5_000, Int64((Double(p.baseMedian[s]) * exp(p.baseLogSD * z)).rounded()))
        let client = Client(
            id: WorldClient.id(index), name: ClientNames.name(index: index, rng: rng), segment: segment.rawValue,
            since: p.start - tenureDays, termsDays: terms, autopay: autopay, preferredChannel: channel)
        return WorldClient(index: index, client: client, segment: segment, propensity: propensity, baseAmount: base)
    }

    /// `C00001`-style ids (five digits, more when needed).
    static func id(_ index: Int) -> String { "C" + zeroPadded(index + 1, width: 5) }
}

/// Zero-padded decimal text of a non-negative integer.
func zeroPadded(_ value: Int, width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Plausible MSP client names from fixed word lists (some with a comma, to exercise quoting).
enum ClientNames {
    static let first = [
        "Northwind", "Harbor", "Summit", "Bluewater", "Cedar", "Granite", "Maple", "Lakeside", "Ironwood",
        "Redwood", "Silverline", "Brightpath", "Oakridge", "Pinecrest", "Riverbend", "Keystone", "Clearview",
        "Stonegate", "Westfield", "Evergreen", "Highland", "Sunrise", "Copperleaf", "Fairmont", "Bayview",
        "Crescent", "Driftwood", "Foxglove", "Hillside", "Meadowbrook", "Old Mill", "Parkside",
    ]
    static let trade = [
        "Dental", "Legal", "Accounting", "Family Medicine", "Veterinary", "Logistics", "Realty", "Architects",
        "Engineering", "Insurance", "Pharmacy", "Construction", "Manufacturing", "Wealth Partners", "Clinic",
        "Auto Group", "Foods", "Credit Union", "Schools", "Hotels",
    ]
    static let suffix = ["LLC", "Inc.", "Group", "& Co", "LLP", "Ltd", "P.C.", "Holdings", "Associates", "Partners, LLC"]

    static func name(index: Int, rng: CounterRandom) -> String {
        let a = first[rng.integer(in: 0...(first.count - 1), entity: index, day: 0, purpose: .clientName, index: 0)]
        let b = trade[rng.integer(in: 0...(trade.count - 1), entity: index, day: 0, purpose: .clientName, index: 1)]
        let c = suffix[rng.integer(in: 0...(suffix.count - 1), entity: index, day: 0, purpose: .clientName, index: 2)]
        return "\(a) \(b) \(c)"
    }
}
