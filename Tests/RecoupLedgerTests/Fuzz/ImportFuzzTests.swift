import Foundation
import RecoupPolicy
import Testing
@testable import RecoupLedger

/// Seeded, time-bounded fuzzing of everything the importer reads (issue 22, item 8): the CSV
/// reader, the mapping file parser, and whole imports of mutated small bundles.
///
/// `RECOUP_FUZZ_SECONDS` bounds the time of the tests (default 5 s: 30/20/50 % for the three
/// bundle tests, and 20 % more for mutated vendor exports through the presets); `RECOUP_FUZZ_SEED` fixes the seed (default 22). A failure prints the seed,
/// the iteration and the input, so it can be replayed:
/// `RECOUP_FUZZ_SEED=123 RECOUP_FUZZ_SECONDS=60 swift test --filter ImportFuzzTests`.
@Suite(.serialized) struct ImportFuzzTests {
    /// The run's time budget and seed, from the environment.
    struct Budget {
        let seconds: Double
        let seed: UInt64

        static let current: Budget = {
            let env = ProcessInfo.processInfo.environment
            let seconds = env["RECOUP_FUZZ_SECONDS"].flatMap(Double.init).map { max(0.1, $0) } ?? 5
            let seed = env["RECOUP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 22
            return Budget(seconds: seconds, seed: seed)
        }()

        /// Runs `body(rng, iteration)` until `share` of the budget has passed (at least once).
        func run(share: Double, salt: UInt64, _ body: (inout FuzzRandom, Int) throws -> Bool) rethrows {
            var rng = FuzzRandom(seed: seed ^ salt)
            let deadline = Date().addingTimeInterval(seconds * share)
            var iteration = 0
            repeat {
                guard try body(&rng, iteration) else { return }
                iteration += 1
            } while Date() < deadline
        }
    }

    // MARK: CSV reader

    @Test func theCSVReaderNeverTrapsAndReportsLines() throws {
        let budget = Budget.current
        let folder = try BundleFixture([:])
        let path = folder.folder + "/fuzz.csv"
        try budget.run(share: 0.3, salt: 0xC5) { rng, iteration in
            let bytes = Self.csvBytes(&rng)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let context = "seed \(budget.seed), CSV iteration \(iteration), input \(Self.show(bytes))"
            let breaks = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count
            var record = CSVRecord()
            var lastLine = 0
            var fieldBytes = 0
            do throws(CSVSyntaxError) {
                let reader = try CSVReader(path: path)
                while try reader.read(into: &record) {
                    #expect(record.line >= max(1, lastLine) && record.line <= breaks + 1, "\(context)")
                    #expect(record.count >= 1, "\(context)")
                    lastLine = record.line
                    fieldBytes += record.storage.count
                }
                #expect(fieldBytes <= bytes.count, "\(context)")
            } catch {
                switch error {
                case .unterminatedQuote(let line), .textAfterClosingQuote(let line), .quoteInUnquotedField(let line):
                    #expect(line >= 1 && line <= breaks + 1, "\(context): \(error)")
                    // The error names a line the import reports as file:line.
                    let issue = LedgerImportError.from(error, fileName: "fuzz.csv").issues.first
                    #expect(issue?.line == line && issue?.file == "fuzz.csv", "\(context)")
                case .unreadable, .input:
                    Issue.record("a regular file was refused: \(error); \(context)")
                    return false
                }
            }
            return true
        }
    }

    /// Random CSV-ish bytes: quotes, commas, CR/LF mixes, BOMs, NULs, invalid UTF-8, now and
    /// then a field longer than the reader's 1 MiB block.
    static func csvBytes(_ rng: inout FuzzRandom) -> [UInt8] {
        let atoms: [[UInt8]] = [[0x22], [0x22, 0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0xEF, 0xBB, 0xBF], [0x00],
                                [0x20], [0x09], [0xFF], [0xC2, 0x9B], [0x1B], Array("abc".utf8), Array("2026-01-01".utf8),
                                Array("12.50".utf8), Array("é".utf8)]
        var bytes: [UInt8] = rng.chance(0.2) ? [0xEF, 0xBB, 0xBF] : []
        let count = rng.int(0..<200)
        for _ in 0..<count { bytes += atoms[rng.int(0..<atoms.count)] }
        if rng.chance(0.03) {
            // A huge field, quoted or not, crossing block boundaries.
            let quoted = rng.chance(0.5)
            if quoted { bytes.append(0x22) }
            bytes += [UInt8](repeating: rng.chance(0.5) ? 0x61 : 0x0A, count: (1 << 20) + rng.int(0..<5000))
            if quoted && rng.chance(0.8) { bytes.append(0x22) }
            bytes += Array(",x\n".utf8)
        }
        return bytes
    }

    // MARK: Mapping files

    static let validMapping = """
        {"target": "invoices", "columns": {"Invoice No": "invoice_id", "Customer": "client_id", "Date": "issued_on", \
        "Due": "due_on", "Total": "amount"}, "constants": {"currency": "EUR"}, "dateFormat": "d.M.yyyy", \
        "decimalComma": true, "createClients": true, "skipRows": 2, "thousandsSeparator": ".", \
        "currencySymbols": true, "negativeParentheses": true, "defaultTermsDays": 30, "groupBy": "Invoice No", \
        "groupAmounts": "sum", "dropRowsWhere": [{"column": "Date", "prefix": "Total"}, {"fewerFields": true}], \
        "keepWhere": [{"column": "Status", "in": ["PAID", "OPEN"]}]}
        """

    @Test func theMappingParserNeverTrapsAndNamesAPath() throws {
        let budget = Budget.current
        let base = Array(Self.validMapping.utf8)
        let pieces: [[UInt8]] = ["{", "}", "[", "]", "\"", ":", ",", "\\", "\\u0000", "null", "true", "1e999", "-0",
                                 "\"target\"", "\"columns\"", "\"Total\": \"amount\"", "\"dateFormat\"", "\"yyyy\"",
                                 "\u{1B}", "\u{0}", "\"\u{FEFF}\"", "\"invoices\"",
                                 "\"skipRows\"", "\"keepWhere\"", "{\"column\": \"Status\", \"in\": []}", "{\"fewerFields\": 1}",
                                 "\"groupAmounts\": \"repeated\"", "\"thousandsSeparator\": \",,\"", "-1", "99999999999999999999"].map { Array($0.utf8) }
        try budget.run(share: 0.2, salt: 0x3A) { rng, iteration in
            var bytes = base
            for _ in 0..<rng.int(1..<6) {
                let at = rng.int(0..<(bytes.count + 1))
                switch rng.int(0..<4) {
                case 0: bytes.insert(contentsOf: pieces[rng.int(0..<pieces.count)], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                case 2: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: rng.next()) }
                default:
                    // Repeat a member of "columns": a duplicate key.
                    if let range = Self.validMapping.range(of: "\"Total\": \"amount\"") {
                        let offset = Self.validMapping.utf8.distance(from: Self.validMapping.startIndex, to: range.lowerBound)
                        bytes = base
                        bytes.insert(contentsOf: Array("\"Total\": \"number\", ".utf8), at: offset)
                    }
                }
            }
            let context = "seed \(budget.seed), mapping iteration \(iteration), input \(Self.show(bytes))"
            do throws(LedgerImportError) {
                let mapping = try ColumnMapping(json: Data(bytes))
                // What parses has no key twice (that would have been refused).
                #expect(JSONKeyScan.firstDuplicate(bytes) == nil, "\(context): \(mapping)")
            } catch {
                guard case .invalidMapping(let path, let reason) = error else {
                    Issue.record("not a mapping error: \(error); \(context)")
                    return false
                }
                #expect(!path.isEmpty && !reason.isEmpty, "\(context)")
                #expect(!error.description.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" },
                        "a raw control character in \(error.description); \(context)")
            }
            return true
        }
    }

    // MARK: Imports of mutated bundles

    static let fileNames = BundleFileSpec.all.map(\.fileName)

    @Test func mutatedBundlesFailCleanlyOrImportIdempotently() throws {
        let budget = Budget.current
        let base = try LedgerStore()
        #expect(try importError(BundleFixture.valid, into: base) == nil)
        var refused = 0, imported = 0
        try budget.run(share: 0.5, salt: 0x1F) { rng, iteration in
            let files = Self.mutate(BundleFixture.valid, &rng)
            // Half the runs import into an empty store, half into one holding the valid bundle.
            let store = try LedgerStore()
            if rng.chance(0.5) { #expect(try importError(BundleFixture.valid, into: store) == nil) }
            let before = try Self.digest(store)
            let context = "seed \(budget.seed), import iteration \(iteration), files \(files.sorted { $0.key < $1.key }.map { "\($0.key): \(Self.show(Array($0.value.utf8)))" })"
            if let error = try importError(files, into: store) {
                refused += 1
                #expect(try Self.digest(store) == before, "a refused import changed the store; \(context)")
                switch error {
                case .invalidRows(let issues, _):
                    #expect(!issues.isEmpty, "\(context)")
                    for issue in issues {
                        #expect(Self.fileNames.contains(issue.file) && issue.line >= 1 && !issue.column.isEmpty,
                                "not file:line: column: \(issue); \(context)")
                    }
                case .missingInvoices, .notFound, .invalidMapping:
                    break
                default:
                    Issue.record("unexpected error \(error); \(context)")
                }
                #expect(!error.description.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" },
                        "a raw control character in \(error.description); \(context)")
            } else {
                imported += 1
                let after = try Self.digest(store)
                let fixture = try BundleFixture(files)
                do {
                    let report = try LedgerImporter(store: store).importBundle(at: fixture.folder)
                    #expect(report.totalInserted == 0, "re-import inserted rows; \(context)")
                } catch {
                    Issue.record("re-import failed: \(error); \(context)")
                }
                #expect(try Self.digest(store) == after, "re-import changed the store; \(context)")
            }
            return true
        }
        #expect(refused > 0)
        _ = imported
    }

    // MARK: Vendor exports through the mapping features

    /// Awkward values for a cell of a vendor export: separators in the wrong places, dates of
    /// the other order or past midnight, negative amounts, controls, quotes.
    static let exportValues = ["", "$", "$1,2", "1,234.5.6", "(5.00)", "(", "-0.00", "0.001", "1e3", "usd", "US",
                               "31/02/2025", "13/13/2025", "2025-06-01 24:00", "2025-06-01", "99999999999",
                               "\u{1B}[31m", "\u{0}", "\"", "TOTAL", "VOIDED", "open", "PAID", "INV-0001", "1001"]

    @Test func mutatedVendorExportsFailCleanlyOrImportIdempotently() throws {
        let budget = Budget.current
        let fixtures = Fixture.presets
        var refused = 0
        try budget.run(share: 0.2, salt: 0x2B) { rng, iteration in
            let (preset, name, text) = fixtures[rng.int(0..<fixtures.count)]
            var lines = text.components(separatedBy: "\n")
            for _ in 0..<rng.int(1..<4) {
                let k = rng.int(0..<lines.count)
                var cells = lines[k].components(separatedBy: ",")
                if cells.isEmpty { continue }
                switch rng.int(0..<4) {
                case 0: lines.insert(lines[k], at: k)
                case 1: cells.removeLast(); lines[k] = cells.joined(separator: ",")
                default:
                    cells[rng.int(0..<cells.count)] = Self.exportValues[rng.int(0..<Self.exportValues.count)]
                    lines[k] = cells.joined(separator: ",")
                }
            }
            let mutated = lines.joined(separator: "\n")
            let folder = try BundleFixture([name: mutated])
            let store = try LedgerStore()
            let context = "seed \(budget.seed), export iteration \(iteration), \(preset.rawValue): \(Self.show(Array(mutated.utf8)))"
            let outcome: Result<ImportReport, LedgerImportError>
            do throws(LedgerImportError) {
                outcome = .success(try LedgerImporter(store: store).importPreset(preset, at: folder.folder + "/" + name))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success:
                let after = try Self.digest(store)
                do {
                    let again = try LedgerImporter(store: store).importPreset(preset, at: folder.folder + "/" + name)
                    #expect(again.totalInserted == 0, "re-import inserted rows; \(context)")
                } catch {
                    Issue.record("re-import failed: \(error); \(context)")
                }
                #expect(try Self.digest(store) == after, "re-import changed the store; \(context)")
            case .failure(let error):
                refused += 1
                #expect(try store.rowCounts().values.allSatisfy { $0 == 0 }, "a refused import wrote rows; \(context)")
                switch error {
                case .invalidRows(let issues, _):
                    #expect(!issues.isEmpty, "\(context)")
                    for issue in issues {
                        #expect(issue.file == name && issue.line >= 1 && !issue.column.isEmpty, "not file:line: column: \(issue); \(context)")
                    }
                case .invalidMapping:
                    break
                default:
                    Issue.record("unexpected error \(error); \(context)")
                }
                #expect(!error.description.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" },
                        "a raw control character in \(error.description); \(context)")
            }
            return true
        }
        _ = refused
    }

    /// The vendor fixtures (Tests/RecoupLedgerTests/Fixtures/Presets), read once.
    enum Fixture {
        static let presets: [(ColumnMapping.Preset, String, String)] = {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/Presets")
            return [(.qboInvoices, "qbo-invoice-list.csv"), (.xeroInvoices, "xero-invoices.csv"),
                    (.stripeInvoices, "stripe-invoices.csv"), (.connectwiseInvoices, "connectwise-invoices.csv")].map { preset, name in
                (preset, name, (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
            }
        }()
    }

    /// A content digest of `store`: row counts and a hash of every table's rows.
    static func digest(_ store: LedgerStore) throws -> String {
        let counts = try store.rowCounts().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in try store.dumpTables().utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return counts + " " + String(hash, radix: 16)
    }

    /// `files` with a few mutations: a cell replaced by an awkward value, a row repeated,
    /// removed or cut, the header's columns swapped or dropped, a file removed or emptied.
    static func mutate(_ files: [String: String], _ rng: inout FuzzRandom) -> [String: String] {
        var files = files
        let values = ["", " ", "-1", "0", "0.001", "1e9", "1000000000.01", "92233720368547758.07", "9999-12-31",
                      "1899-12-31", "2026-02-30", "2026-01-01T25:00", "EUR", "usd", "\u{1B}[31m", "C1\u{0}",
                      "\u{9B}", "\"", ",", "\n", "\r\n", "I1", "I2", "I3", "C1", "C2", "P1", "true", "yes", "nan",
                      "email", "write_off", String(repeating: "x", count: 300), "Ä", "\u{FEFF}"]
        for _ in 0..<rng.int(1..<4) {
            let names = files.keys.sorted()
            guard !names.isEmpty else { break }
            let name = names[rng.int(0..<names.count)]
            var lines = (files[name] ?? "").components(separatedBy: "\n")
            switch rng.int(0..<10) {
            case 0...4:
                // Replace a cell (quoted when it needs it, or raw to break the row).
                guard lines.count > 1 else { continue }
                let row = rng.int(1..<lines.count)
                var cells = lines[row].components(separatedBy: ",")
                let value = values[rng.int(0..<values.count)]
                let quote = rng.chance(0.7) && value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" })
                cells[rng.int(0..<cells.count)] = quote ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
                lines[row] = cells.joined(separator: ",")
            case 5:
                let row = rng.int(0..<lines.count)
                lines.insert(lines[row], at: rng.int(0..<(lines.count + 1)))
            case 6:
                if lines.count > 1 { lines.remove(at: rng.int(1..<lines.count)) }
            case 7:
                var header = lines[0].components(separatedBy: ",")
                if rng.chance(0.5), header.count > 1 {
                    header.swapAt(rng.int(0..<header.count), rng.int(0..<header.count))
                } else if !header.isEmpty {
                    header.remove(at: rng.int(0..<header.count))
                }
                lines[0] = header.joined(separator: ",")
            case 8:
                let text = lines.joined(separator: "\n")
                let utf8 = Array(text.utf8)
                files[name] = String(decoding: utf8.prefix(rng.int(0..<(utf8.count + 1))), as: UTF8.self)
                continue
            default:
                if rng.chance(0.5) { files[name] = nil } else { files[name] = "" }
                continue
            }
            files[name] = lines.joined(separator: rng.chance(0.2) ? "\r\n" : "\n")
        }
        return files
    }

    /// Bytes as a Swift-like literal, cut to 400 characters, for failure messages.
    static func show(_ bytes: [UInt8]) -> String {
        var text = ""
        for b in bytes.prefix(400) {
            if b >= 0x20 && b < 0x7F && b != 0x5C { text.append(Character(Unicode.Scalar(b))) } else {
                text += String(format: "\\x%02X", b)
            }
        }
        return "\"" + text + "\"" + (bytes.count > 400 ? " … (\(bytes.count) bytes)" : "")
    }
}

/// SplitMix64: a small seeded generator, the same sequence on every platform.
struct FuzzRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range` (not empty).
    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
