import Foundation
import RecoupPolicy

/// Which AR work an agent can take once it runs, for the time audit's projection.
///
/// Four tasks are projected by the simulator from the policy's own steps and are not
/// classified here: reminders and calls (the policy says which steps an agent makes and which
/// a person makes or reviews), disputes and promise follow-ups (always a person's, in volumes
/// the policy changes). The other three are classified:
/// - reconciliation: `agent` (the default) projects the hours from the share of deposits that
///   `recoup reconcile` matches automatically on this ledger, a measured figure;
/// - data entry between systems and standard reporting: `agent` (the default) marks them as
///   work an agent can take whose size the ledger cannot measure, so their hours are kept;
///   an analyst who knows the share may give it (`0.5`: the agent takes half);
/// - `person` keeps a task's hours as they are.
///
/// The file of `recoup report time-audit --tasks FILE` is one JSON object naming any of the
/// three (`{"reconciliation": "person", "data_entry": 0.5}`); tasks it leaves out keep the
/// standard classification (docs/reports.md).
public struct TaskClassification: Sendable, Equatable {
    /// Who takes a classified task when an agent runs.
    public enum Owner: Sendable, Equatable {
        /// An agent takes it; its size is measured (reconciliation) or not (data entry, reporting).
        case agent
        /// An agent takes this share of the hours (an analyst's figure, in [0, 1]).
        case agentShare(Double)
        /// It stays with people.
        case person
    }

    /// Where the classification came from: "standard" or the file's path.
    public var source: String
    /// Owners of the three classified tasks (the standard's `agent` for those not named).
    public private(set) var owners: [TimesheetTask: Owner]

    /// The tasks this classification decides (the simulator projects the others).
    public static let classifiedTasks: [TimesheetTask] = [.reconciliation, .dataEntry, .reporting]

    /// The standard classification: an AR agent can take payment matching and
    /// reconciliation, data entry between systems and standard reports.
    public static let standard = TaskClassification(source: "standard",
                                                    owners: Dictionary(uniqueKeysWithValues: classifiedTasks.map { ($0, .agent) }))

    init(source: String, owners: [TimesheetTask: Owner]) {
        self.source = source
        self.owners = owners
    }

    /// The owner of `task`, nil for a task the simulator projects.
    public func owner(_ task: TimesheetTask) -> Owner? { owners[task] }

    /// Reads a classification file's text.
    /// - Parameter file: the file's path, for messages and `source`.
    /// - Throws: `TaskClassificationError` naming the file and the member at fault.
    public static func parse(_ data: Data, file: String) throws(TaskClassificationError) -> TaskClassification {
        let value: JSONValue
        do { value = try JSONParser.parse(data, maxBytes: 64 * 1024) } catch {
            throw .invalid(file: file, field: nil, reason: error.description)
        }
        guard case .object(let members) = value else {
            throw .invalid(file: file, field: nil, reason: "expected one JSON object such as {\"reconciliation\": \"person\"}")
        }
        var result = TaskClassification.standard
        result.source = file
        var seen = Set<String>()
        for member in members {
            guard seen.insert(member.name).inserted else {
                throw .invalid(file: file, field: member.name, reason: "named twice")
            }
            guard let task = TimesheetTask(rawValue: member.name) else {
                throw .invalid(file: file, field: member.name, reason: "not a timesheet task; tasks are "
                               + TimesheetTask.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard classifiedTasks.contains(task) else {
                throw .invalid(file: file, field: member.name, reason: "\(task.title) is projected by the simulator from the policy's own "
                               + "steps and cannot be classified; classify reconciliation, data_entry or reporting")
            }
            switch member.value {
            case .string("agent"): result.owners[task] = .agent
            case .string("person"): result.owners[task] = .person
            case .number(let n) where n.value.isFinite && n.value >= 0 && n.value <= 1:
                result.owners[task] = .agentShare(n.value)
            default:
                throw .invalid(file: file, field: member.name,
                               reason: "expected \"agent\", \"person\" or the share an agent takes (a number from 0 to 1)")
            }
        }
        return result
    }

    /// Reads a classification file.
    public static func load(path: String) throws(TaskClassificationError) -> TaskClassification {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(data, file: path)
    }

    /// One line naming the classification, for the report's notes.
    public var summary: String {
        let parts = TaskClassification.classifiedTasks.map { task -> String in
            switch owners[task] ?? .agent {
            case .agent: return "\(task.title): agent"
            case .agentShare(let s): return "\(task.title): agent takes \(ReportFormatting.percent(share: s)) (given)"
            case .person: return "\(task.title): person"
            }
        }
        return "Classification \(source == "standard" ? "standard (docs/reports.md)" : source): " + parts.joined(separator: "; ")
            + "; reminders and calls as the policy says; disputes and promise follow-ups stay with people."
    }
}

/// Why a task classification file cannot be used.
public enum TaskClassificationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalid(file: String, field: String?, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot be read: \(reason)"
        case .invalid(let file, let field?, let reason): return "\(file): field \"\(field)\": \(reason)"
        case .invalid(let file, nil, let reason): return "\(file): \(reason)"
        }
    }
}
