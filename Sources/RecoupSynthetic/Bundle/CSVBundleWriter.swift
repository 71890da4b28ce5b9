import Foundation
import RecoupPolicy
import RecoupSimulation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a bundle could not be written.
public enum BundleWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output folder could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A file could not be created or written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the folder \"\(path)\": \(reason); choose another --out"
        case .cannotWrite(let path, let reason):
            return "cannot write \"\(path)\": \(reason); check the folder's permissions and free space"
        }
    }
}

/// One CSV file written through a 1 MB buffer, RFC 4180 quoting, `\n` line ends.
///
/// The rows go to a temporary file next to it (`.NAME.XXXXXXXX.tmp`); `commit()` renames it over
/// `NAME`, so an earlier file of that name is replaced whole or not at all, and a link or a
/// folder of that name is never followed or removed.
final class CSVFile {
    let path: String
    /// The file written until `commit()`.
    let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(directory: URL, name: String, header: [String]) throws(BundleWriteError) {
        path = directory.appendingPathComponent(name).path
        temporaryPath = directory.appendingPathComponent("." + name + "." + String(UUID().uuidString.prefix(8)) + ".tmp").path
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        buffer.reserveCapacity(1 << 20)
        try row(header)
    }

    func row(_ fields: [String]) throws(BundleWriteError) {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            CSVFile.appendField(field, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends one field, quoted when it holds a comma, a quote or a line break (quotes doubled).
    static func appendField(_ field: String, to buffer: inout [UInt8]) {
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13
        let needsQuotes = field.utf8.contains { (byte: UInt8) -> Bool in
            byte == comma || byte == quote || byte == lineFeed || byte == carriageReturn
        }
        guard needsQuotes else { buffer.append(contentsOf: field.utf8); return }
        buffer.append(UInt8(ascii: "\""))
        for b in field.utf8 {
            if b == UInt8(ascii: "\"") { buffer.append(b) }
            buffer.append(b)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    func flush() throws(BundleWriteError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes the buffer and the file to disk and closes it.
    func close() throws(BundleWriteError) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch { throw .cannotWrite(path: path, reason: error.localizedDescription) }
    }

    /// Renames the closed temporary file over `path`.
    func commit() throws(BundleWriteError) {
        guard rename(temporaryPath, path) == 0 else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
    }

    /// Removes the temporary file (after a failure).
    func discard() {
        try? handle.close()
        unlink(temporaryPath)
    }
}

/// Writes ledger rows as the nine CSV files of a SPEC §2 bundle, as they arrive.
///
/// Each file is written beside its final name and renamed into place by `close()`, all nine
/// after all are complete; nothing else in the folder is touched, and nothing is removed but
/// the writer's own temporary files (`discard()`).
public final class CSVBundleWriter: LedgerRecordSink {
    private let clients, invoices, payments, actions, promises, disputes, adjustments, deposits, timesheet: CSVFile

    /// The names of the nine files, in the order they are written.
    public static let fileNames = ["clients.csv", "invoices.csv", "payments.csv", "actions.csv", "promises.csv",
                                   "disputes.csv", "adjustments.csv", "deposits.csv", "timesheet.csv"]

    private var files: [CSVFile] { [clients, invoices, payments, actions, promises, disputes, adjustments, deposits, timesheet] }

    /// Creates `directory` if needed and opens the nine files (as temporary files).
    public init(directory: URL) throws(BundleWriteError) {
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        var opened: [CSVFile] = []
        func file(_ name: String, _ header: [String]) throws(BundleWriteError) -> CSVFile {
            do {
                let file = try CSVFile(directory: directory, name: name, header: header)
                opened.append(file)
                return file
            } catch {
                for file in opened { file.discard() }
                throw error
            }
        }
        clients = try file("clients.csv", ["client_id", "name", "segment", "since", "terms_days", "autopay", "preferred_channel"])
        invoices = try file("invoices.csv", ["invoice_id", "client_id", "issued_on", "due_on", "amount", "currency", "number"])
        payments = try file("payments.csv", ["payment_id", "client_id", "received_on", "amount", "invoice_id", "method"])
        actions = try file("actions.csv", ["action_id", "invoice_id", "at", "channel", "actor", "tone", "outcome", "minutes",
                                       "propensity"])
        promises = try file("promises.csv", ["invoice_id", "made_on", "promised_on", "amount"])
        disputes = try file("disputes.csv", ["invoice_id", "opened_on", "resolved_on", "reason"])
        adjustments = try file("adjustments.csv", ["invoice_id", "on", "amount", "kind"])
        deposits = try file("deposits.csv", ["deposit_id", "received_on", "amount", "reference"])
        timesheet = try file("timesheet.csv", ["date", "person", "task", "minutes"])
    }

    public func add(_ c: Client) throws {
        try clients.row([c.id, c.name ?? "", c.segment ?? "", c.since?.iso ?? "", String(c.termsDays),
                         c.autopay ? "true" : "false", c.preferredChannel?.rawValue ?? ""])
    }
    public func add(_ i: Invoice) throws {
        try invoices.row([i.id, i.clientID, i.issuedOn.iso, i.dueOn.iso, i.amount.decimalString, i.currency, i.number ?? ""])
    }
    public func add(_ p: Payment) throws {
        try payments.row([p.id, p.clientID, p.receivedOn.iso, p.amount.decimalString, p.invoiceID ?? "",
                          p.method?.rawValue ?? ""])
    }
    public func add(_ a: CollectionAction) throws {
        try actions.row([a.id, a.invoiceID, a.at.iso, a.channel.rawValue, a.actor.rawValue, a.tone.rawValue,
                         a.outcome?.rawValue ?? "", a.minutes.map(DecimalText.format) ?? "",
                         a.propensity.map(DecimalText.format) ?? ""])
    }
    public func add(_ p: PaymentPromise) throws {
        try promises.row([p.invoiceID, p.madeOn.iso, p.promisedOn.iso, p.amount?.decimalString ?? ""])
    }
    public func add(_ d: Dispute) throws {
        try disputes.row([d.invoiceID, d.openedOn.iso, d.resolvedOn?.iso ?? "", d.reason ?? ""])
    }
    public func add(_ a: Adjustment) throws {
        try adjustments.row([a.invoiceID, a.on.iso, a.amount.decimalString, a.kind.rawValue])
    }
    public func add(_ d: Deposit) throws {
        try deposits.row([d.id, d.receivedOn.iso, d.amount.decimalString, d.reference ?? ""])
    }
    public func add(_ t: TimesheetEntry) throws {
        try timesheet.row([t.date.iso, t.person, t.task.rawValue, DecimalText.format(t.minutes)])
    }

    /// Flushes and closes every file, then renames each into place.
    public func close() throws(BundleWriteError) {
        do {
            for file in files { try file.close() }
        } catch {
            discard()
            throw error
        }
        for file in files { try file.commit() }
    }

    /// Removes the temporary files of a bundle that will not be completed.
    public func discard() {
        for file in files { file.discard() }
    }
}

/// Deterministic decimal text for rates and minutes: at most 6 decimals, trailing zeros dropped.
public enum DecimalText {
    public static func format(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded()
        guard scaled.isFinite, abs(scaled) < 9e18 else { return String(value) }
        let n = Int64(scaled)
        let negative = n < 0
        let m = n.magnitude
        let whole = m / 1_000_000
        var frac = m % 1_000_000
        var text = (negative ? "-" : "") + String(whole)
        if frac > 0 {
            var digits = 6
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            text += "." + zeroPadded(Int(frac), width: digits)
        }
        return text
    }
}

extension SyntheticWorld {
    /// Writes the observed history under `history` as a SPEC §2 bundle folder, streaming (one
    /// client at a time). The same parameters and history give the same bytes.
    /// - Throws: `BundleWriteError`.
    public func writeBundle(to directory: URL, history: HistoryCadence = .randomised,
                            progress: ((Int, Int) -> Void)? = nil) throws(BundleWriteError) -> GenerateSummary {
        let writer = try CSVBundleWriter(directory: directory)
        var sink = writer
        let summary: GenerateSummary
        do { summary = try generateHistory(into: &sink, history: history, progress: progress) } catch let error as BundleWriteError {
            writer.discard()
            throw error
        } catch {
            writer.discard()
            throw .cannotWrite(path: directory.path, reason: String(describing: error))
        }
        try writer.close()
        return summary
    }
}
