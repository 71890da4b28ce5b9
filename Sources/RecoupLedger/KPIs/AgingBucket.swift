import RecoupPolicy

/// The aging buckets of SPEC §3, by days past due on the report day.
public enum AgingBucket: String, CaseIterable, Sendable, Codable, Hashable {
    /// Not yet due (`d <= due_on`).
    case current
    case days1to30 = "1-30"
    case days31to60 = "31-60"
    case days61to90 = "61-90"
    case days91to120 = "91-120"
    case over120 = "over120"

    /// The bucket of an invoice `daysPastDue` days past due (≤ 0 is current).
    public init(daysPastDue: Int) {
        switch daysPastDue {
        case ...0: self = .current
        case 1...30: self = .days1to30
        case 31...60: self = .days31to60
        case 61...90: self = .days61to90
        case 91...120: self = .days91to120
        default: self = .over120
        }
    }

    /// The label for tables: `Current`, `1–30`, …, `Over 120`.
    public var title: String {
        switch self {
        case .current: return "Current"
        case .days1to30: return "1–30"
        case .days31to60: return "31–60"
        case .days61to90: return "61–90"
        case .days91to120: return "91–120"
        case .over120: return "Over 120"
        }
    }
}

/// Open balances by aging bucket: one row (per client or the total).
public struct AgingAmounts: Sendable, Equatable {
    /// Amount per bucket, in `AgingBucket.allCases` order.
    public var amounts: [Money] = Array(repeating: .zero, count: AgingBucket.allCases.count)

    public init() {}

    public subscript(bucket: AgingBucket) -> Money {
        get { amounts[AgingBucket.allCases.firstIndex(of: bucket) ?? 0] }
        set { amounts[AgingBucket.allCases.firstIndex(of: bucket) ?? 0] = newValue }
    }

    /// The total open balance.
    public var total: Money { amounts.sum() }

    mutating func add(_ minorUnits: Int64, daysPastDue: Int) {
        let index: Int
        switch daysPastDue {
        case ...0: index = 0
        case 1...30: index = 1
        case 31...60: index = 2
        case 61...90: index = 3
        case 91...120: index = 4
        default: index = 5
        }
        amounts[index].minorUnits += minorUnits
    }
}

/// The aging report on one day: per client (sorted by client id, clients with a zero balance
/// left out) and the total.
public struct AgingReport: Sendable, Equatable {
    /// One client's open balances, with the name clients.csv gave it (nil where none).
    public struct ClientRow: Sendable, Equatable {
        public var client: String
        public var name: String?
        public var amounts: AgingAmounts

        public init(client: String, name: String? = nil, amounts: AgingAmounts) {
            self.client = client; self.name = name; self.amounts = amounts
        }

        /// What a person reads: the name where known, else the client id.
        public var label: String { name ?? client }
    }

    public var asOf: Day
    public var currency: String
    public var total: AgingAmounts
    /// Sorted by client id.
    public var byClient: [ClientRow]

    public init(asOf: Day, currency: String, total: AgingAmounts, byClient: [ClientRow]) {
        self.asOf = asOf; self.currency = currency; self.total = total; self.byClient = byClient
    }
}

/// One invoice open on the aging day (`report aging --invoices`).
public struct OpenInvoice: Sendable, Equatable {
    public var invoice: String
    public var client: String
    /// The client's imported name, nil where none.
    public var clientName: String?
    public var issuedOn: Day
    public var dueOn: Day
    /// The invoice's amount and what is still open on the aging day.
    public var amount: Money
    public var open: Money
    /// Days past due on the aging day (≤ 0: current).
    public var daysPastDue: Int

    public init(invoice: String, client: String, clientName: String?, issuedOn: Day, dueOn: Day, amount: Money, open: Money,
                daysPastDue: Int) {
        self.invoice = invoice; self.client = client; self.clientName = clientName; self.issuedOn = issuedOn
        self.dueOn = dueOn; self.amount = amount; self.open = open; self.daysPastDue = daysPastDue
    }

    /// The aging bucket the invoice falls in.
    public var bucket: AgingBucket { AgingBucket(daysPastDue: daysPastDue) }
}
