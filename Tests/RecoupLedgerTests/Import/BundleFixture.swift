import Foundation
@testable import RecoupLedger

/// A temporary bundle folder written from file name → content, removed on deinit.
final class BundleFixture {
    let folder: String

    init(_ files: [String: String]) throws {
        folder = NSTemporaryDirectory() + "recoup-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, content) in files {
            try Data(content.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
    }

    init(bytes files: [String: [UInt8]]) throws {
        folder = NSTemporaryDirectory() + "recoup-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, content) in files {
            try Data(content).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// A small valid bundle: 2 clients, 3 invoices, payments, actions and every other file.
    static let valid: [String: String] = [
        "clients.csv": """
            client_id,name,segment,since,terms_days,autopay,preferred_channel
            C1,Acme IT,smb,2024-01-01,30,false,email
            C2,Beta Ltd,mid,2025-06-01,15,true,
            """,
        "invoices.csv": """
            invoice_id,client_id,issued_on,due_on,amount,currency,number
            I1,C1,2026-01-01,2026-01-31,1000.00,USD,1001
            I2,C1,2026-02-01,2026-03-03,500.50,,1002
            I3,C2,2026-02-10,2026-02-25,250,USD,
            """,
        "payments.csv": """
            payment_id,client_id,received_on,amount,invoice_id,method
            P1,C1,2026-02-05,1000.00,I1,ach
            P2,C2,2026-03-01,100.00,I3,card
            P3,C2,2026-03-02,20.00,,
            """,
        "actions.csv": """
            action_id,invoice_id,at,channel,actor,tone,outcome,minutes,propensity
            A1,I1,2026-02-03T09:00:00Z,email,agent,soft,none,,0.5
            A2,I3,2026-02-27,call,human,firm,promise,9,1
            """,
        "promises.csv": """
            invoice_id,made_on,promised_on,amount
            I3,2026-02-27,2026-03-05,150.00
            """,
        "disputes.csv": """
            invoice_id,opened_on,resolved_on,reason
            I2,2026-03-10,2026-03-20,"wrong hours, see ticket"
            """,
        "adjustments.csv": """
            invoice_id,on,amount,kind
            I2,2026-03-20,50.50,credit_note
            """,
        "deposits.csv": """
            deposit_id,received_on,amount,reference
            D1,2026-02-05,1000.00,ACME FEB
            """,
        "timesheet.csv": """
            date,person,task,minutes
            2026-02-27,ann,calls,30
            """,
    ]

    /// `valid` with `file` replaced by `content`.
    static func valid(replacing file: String, with content: String) -> [String: String] {
        var files = valid
        files[file] = content
        return files
    }
}

/// Imports `files` into `store`, returning the thrown import error (nil on success).
func importError(_ files: [String: String], into store: LedgerStore) throws -> LedgerImportError? {
    let fixture = try BundleFixture(files)
    do {
        _ = try LedgerImporter(store: store).importBundle(at: fixture.folder)
        return nil
    } catch {
        return error
    }
}
