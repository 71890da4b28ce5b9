import Foundation
import GRDB
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// Money sums at the bounds of `LedgerLimits` never trap: inside them the KPI calculator and
/// the risk features are exact; a store holding rows beyond them (written by an older build
/// or by hand) gives a clean typed error.
@Suite struct KPIBoundsTests {
    static let max = LedgerLimits.maxAmountMinorUnits
    static let base = Day(ordinal: 20454)  // 2026-01-01

    /// 10^6 invoices of exactly the largest amount (so the invoices total exactly
    /// `maxTableTotalMinorUnits`), half of them paid in full, a tenth carrying a credit of
    /// −max (a negative adjustment, as a hand-edited store may hold): every sum, exact.
    ///
    /// Worked out: odd invoices stay open (500,000), of which those with i % 10 == 1 (100,000)
    /// owe 2 × max after their −max credit: AR = 400,000 × max + 100,000 × 2 × max = 6 × 10^16.
    @Test func oneMillionInvoicesAtTheLargestAmountSumExactly() throws {
        let n = 1_000_000
        let issued = (0..<n).map { Int32(Self.base.ordinal + $0 % 28) }
        var credits: [KPICalculator.Credit] = []
        for i in 0..<n {
            if i % 2 == 0 { credits.append(.init(invoice: Int32(i), day: issued[i] + 10, amount: Self.max, kind: 0)) }
            if i % 10 == 1 { credits.append(.init(invoice: Int32(i), day: issued[i] + 5, amount: -Self.max, kind: 1)) }
        }
        let kpis = KPICalculator(clientNames: ["C"], invoiceClient: [Int32](repeating: 0, count: n), issued: issued,
                                 due: issued.map { $0 + 30 }, amount: [Int64](repeating: Self.max, count: n),
                                 credits: credits, currency: "USD", latestDay: Self.base + 40)
        #expect(Self.max * Int64(n) == LedgerLimits.maxTableTotalMinorUnits)
        let end = Self.base + 40
        #expect(kpis.sales(from: Self.base, to: end).minorUnits == LedgerLimits.maxTableTotalMinorUnits)
        #expect(kpis.receivables(on: end).ar.minorUnits == 60_000_000_000_000_000)
        let report = try kpis.report(asOf: end, from: Self.base, to: end)
        #expect(report.period.arEnd.minorUnits == 60_000_000_000_000_000)
        #expect(report.aging.total.total.minorUnits == 60_000_000_000_000_000)
        // Collection rate: half the invoiced amount received, within 90 days of due.
        #expect(abs((report.period.collectionRate ?? 0) - 0.5) < 1e-12)
    }

    /// Seeded random ledgers of a few invoices at or near ±max (amounts max, max − k; credits
    /// ±max): the calculator's AR equals a reference computed invoice by invoice.
    @Test(arguments: 1...40) func randomLedgersAtTheBoundsMatchAReference(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed))
        let n = Int(rng.next() % 20) + 1
        let amount = (0..<n).map { _ in Self.max - Int64(rng.next() % 3) }
        let issued = (0..<n).map { _ in Int32(Self.base.ordinal + Int(rng.next() % 60)) }
        var credits: [KPICalculator.Credit] = []
        for i in 0..<n {
            for _ in 0..<Int(rng.next() % 4) {
                let sign: Int64 = rng.next() % 3 == 0 ? -1 : 1
                credits.append(.init(invoice: Int32(i), day: issued[i] + Int32(rng.next() % 90),
                                     amount: sign * (Self.max - Int64(rng.next() % 2)), kind: UInt8(rng.next() % 3)))
            }
        }
        let kpis = KPICalculator(clientNames: ["C"], invoiceClient: [Int32](repeating: 0, count: n), issued: issued,
                                 due: issued.map { $0 + 30 }, amount: amount, credits: credits, currency: "USD",
                                 latestDay: Self.base + 150)
        for offset in [0, 30, 60, 149] {
            let day = Int32((Self.base + offset).ordinal)
            var expected: Int64 = 0
            for i in 0..<n where issued[i] <= day {
                let balance = amount[i] - credits.filter { $0.invoice == Int32(i) && $0.day <= day }.reduce(0) { $0 + $1.amount }
                expected += Swift.max(balance, 0)
            }
            #expect(kpis.receivables(on: Self.base + offset).ar.minorUnits == expected)
        }
        _ = try kpis.report(asOf: Self.base + 150, from: Self.base, to: Self.base + 150)
    }

    /// The risk features of one client with 10^6 earlier invoices of the largest amount, all
    /// open and overdue: `open_overdue_amount` is their exact total, 10^17 minor units.
    @Test func riskFeaturesSumTheLargestAmountsExactly() {
        var history = ClientRiskHistory(since: nil, autopay: false)
        for k in 0..<1_000_000 {
            history.recordIssued(issuedOn: Self.base + k % 7, dueOn: Self.base + 10, amount: Money(minorUnits: Self.max))
        }
        let x = history.features(issuedOn: Self.base + 100, dueOn: Self.base + 130, amount: Money(minorUnits: Self.max))
        let k = RiskFeature.allCases.firstIndex(of: .openOverdueAmount) ?? 0
        let bound = Double(LedgerLimits.maxTableTotalMinorUnits) / 100
        #expect(abs(x[k] - bound) <= bound * 1e-12)  // saturated at the bound, in currency units
        // Beyond the bounds (a caller's own history): saturated, not a trap.
        var huge = ClientRiskHistory(since: nil, autopay: false)
        for _ in 0..<3 { huge.recordIssued(issuedOn: Self.base, dueOn: Self.base, amount: Money(minorUnits: .max)) }
        huge.recordPayment(position: 0, on: Self.base, amount: Money(minorUnits: .min))
        let y = huge.features(issuedOn: Self.base + 5, dueOn: Self.base + 30, amount: Money(minorUnits: 1))
        #expect(y[k] == Money(minorUnits: .max).units)
    }

    /// A store holding a row beyond the bounds (inserted with raw SQL, as a hand edit or an
    /// older build would): the KPIs and the ledger load throw a typed error naming the row.
    @Test(arguments: [
        ("INSERT INTO invoices (invoice_id, client, issued_on, due_on, amount) VALUES ('BIG', 1, 20454, 20484, 9223372036854775807)",
         "invoices BIG: amount of 9223372036854775807 minor units is beyond 1,000,000,000.00"),
        ("INSERT INTO payments (payment_id, client, received_on, amount) VALUES ('PBIG', 1, 20454, 5000000000000000000)",
         "payments PBIG: amount of 5000000000000000000 minor units"),
    ])
    func aStoreBeyondTheAmountBoundsGivesACleanError(sql: String, named: String) throws {
        let store = try LedgerStore()
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO clients (client_id) VALUES ('C1')")
            try db.execute(sql: sql)
        }
        for attempt in [{ _ = try store.kpiCalculator() }, { _ = try store.loadLedger() }] as [() throws -> Void] {
            do {
                try attempt()
                Issue.record("no error")
            } catch let error as LedgerStoreError {
                guard case .amountsTooLarge = error else { Issue.record("\(error)"); continue }
                #expect(error.description.hasPrefix("ledger store: amounts too large to sum ("))
                #expect(error.description.contains(named), "\(error)")
            }
        }
    }

    /// Two invoices of 50,000,000,000,000,000.00 each (the issue's case): each is beyond the
    /// row bound; and 1,000,001 rows at the row bound exceed the table total.
    @Test func aStoreBeyondTheTableTotalGivesACleanError() throws {
        let store = try LedgerStore()
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO clients (client_id) VALUES ('C1')")
            try db.execute(sql: """
                WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 1000001)
                INSERT INTO invoices (invoice_id, client, issued_on, due_on, amount)
                SELECT 'I' || n, 1, 20454, 20484, \(Self.max) FROM k
                """)
        }
        #expect(throws: LedgerStoreError.amountsTooLarge(what: "invoices: the amounts total 100000100000000000 minor units, beyond 10^17")) {
            try store.kpiCalculator()
        }
    }

    /// A day beyond the supported days in a store is a clean error too (no loop over 8,000
    /// years, no Int32 trap).
    @Test func aStoreWithADayBeyondTheSupportedDaysGivesACleanError() throws {
        let store = try LedgerStore()
        try store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO clients (client_id) VALUES ('C1');
                INSERT INTO invoices (invoice_id, client, issued_on, due_on, amount) VALUES ('I1', 1, 2932866, 2932896, 100);
                """)
        }
        #expect(throws: LedgerStoreError.self) { try store.loadLedger() }
        do { _ = try store.kpiCalculator() } catch {
            #expect(error.description.contains("issued_on 9999-12-01 is outside 1900-01-01 to 2199-12-31"), "\(error)")
        }
    }
}

/// SplitMix64, for seeded test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
