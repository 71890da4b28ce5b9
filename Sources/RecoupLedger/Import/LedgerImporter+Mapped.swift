import Foundation
import RecoupPolicy

extension LedgerImporter {
    /// Imports one exported CSV file into the bundle table `mapping.target`, renaming and
    /// converting its columns as `mapping` says (`--map mapping.json`, see `ColumnMapping`;
    /// the vendor presets are built-in mappings).
    ///
    /// Rows the mapping drops are counted per reason in the report's `dropped`; values that do
    /// not convert are problems naming the file, line and source column, as the row checks'.
    ///
    /// - Throws: `LedgerImportError`; the store is then unchanged.
    public func importMapped(at path: String, mapping: ColumnMapping, progress: (@Sendable (String, Int) -> Void)? = nil)
        throws(LedgerImportError) -> ImportReport {
        let source = try Self.mappedSource(at: path, mapping: mapping)
        guard let spec = BundleFileSpec.named(mapping.target) else { throw .store("unreachable: target checked") }
        return try write(progress: progress) { session throws(LedgerImportError) in
            session.createsMissingClients = spec.name == "invoices" && mapping.createClients
            try TableImport(spec: spec, source: source, session: session).run()
            Self.absorb(source, into: session)
            if session.createdClients > 0 {
                session.warnings.append("\(session.createdClients) clients were created from \(source.fileName) with default terms (30 days, no autopay)")
            }
        }
    }

    /// Adds what `source` found (conversion problems, dropped rows, counts) to the session:
    /// problems merged with the row checks' in line order.
    static func absorb(_ source: MappedSource, into session: ImportSession) {
        for (reason, rows) in source.dropped {
            session.dropped.append(ImportReport.DroppedRows(file: source.fileName, reason: reason, rows: rows))
        }
        var note = "\(source.fileName): \(source.rowsRead) rows read"
        if source.groupedInvoices > 0 {
            note += "; \(source.groupedLineItems) line items grouped into \(source.groupedInvoices) invoices"
        }
        let droppedRows = source.dropped.reduce(0) { $0 + $1.rows }
        if droppedRows > 0 { note += "; \(droppedRows) dropped" }
        session.notes.append(note)
        if !source.ignoredColumns.isEmpty {
            session.notes.append("\(source.fileName): not imported: \(source.ignoredColumns.joined(separator: ", "))")
        }
        guard !source.issues.isEmpty || droppedRows > 0 else { return }
        // A file whose every row was dropped or refused is not "a header but no rows".
        var merged = session.issues.filter { !($0.line == 1 && $0.reason.hasPrefix("the file has a header but no rows")) }
        if merged.count < session.issues.count, source.issues.isEmpty {
            merged.append(ImportIssue(file: source.fileName, line: 1, column: "-",
                reason: "every row was dropped (\(source.dropped.map { "\($0.rows) × \($0.reason)" }.joined(separator: "; "))); there is no invoice to import"))
        }
        merged += source.issues
        merged.sort { $0.line < $1.line }
        let more = session.moreIssues + source.moreIssues + max(0, merged.count - LedgerImporter.issueLimit)
        session.issues = Array(merged.prefix(LedgerImporter.issueLimit))
        session.moreIssues = more
    }

    /// The source for `path` read through `mapping`: the header mapped onto the target's
    /// columns (without regard to case), conversions, conditions, due dates and grouping.
    /// - Throws: `LedgerImportError.invalidMapping` for a mapping that does not fit the file.
    static func mappedSource(at path: String, mapping: ColumnMapping) throws(LedgerImportError) -> MappedSource {
        try mapping.validate()
        guard InputFile.exists(path) else { throw .notFound(path: path) }
        guard let spec = BundleFileSpec.named(mapping.target) else {
            throw .invalidMapping(path: "target", reason: "\"\(mapping.target)\" is not a bundle file; use one of \(BundleFileSpec.all.map(\.name).joined(separator: ", "))")
        }
        let fileName = (path as NSString).lastPathComponent
        let (reader, header) = try MappedSource.open(path: path, fileName: fileName, skipRows: mapping.skipRows)
        let columns = header.joined(separator: ", ")
        /// The header fields named `name`, without regard to case.
        func fields(_ name: String) -> [Int] {
            let lower = name.lowercased()
            return header.indices.filter { header[$0].lowercased() == lower }
        }
        func field(_ name: String, path jsonPath: String) throws(LedgerImportError) -> Int {
            let found = fields(name)
            guard let first = found.first else {
                throw .invalidMapping(path: jsonPath, reason: "\(fileName) has no column \"\(TerminalText.escaped(name))\"; its columns are \(TerminalText.escaped(columns))")
            }
            guard found.count == 1 else {
                throw .invalidMapping(path: jsonPath, reason: "\(fileName) has \(found.count) columns named \"\(TerminalText.escaped(name))\" (without regard to case: fields \(found.map { String($0 + 1) }.joined(separator: ", "))); rename one")
            }
            return first
        }
        func conversion(_ column: Int) -> MappedSource.Conversion {
            switch spec.columns[column].kind {
            case .day(let allowTime): return .day(allowTime: allowTime)
            case .money: return .amount
            case .currency: return .currency
            default: return .none
            }
        }
        /// A target as the spec names it (bundle names are lower case).
        func bundleName(_ target: String) -> String? {
            spec.index(of: target) != nil ? target : (spec.index(of: target.lowercased()) != nil ? target.lowercased() : nil)
        }
        var targetOfField: [Int: String] = [:]
        for (sourceName, target) in mapping.columns.sorted(by: { $0.key < $1.key }) {
            let jsonPath = "columns.\(TerminalText.escaped(sourceName))"
            guard let name = bundleName(target) else {
                throw .invalidMapping(path: jsonPath,
                    reason: "\"\(TerminalText.escaped(target))\" is not a column of \(spec.fileName); use one of \(spec.columns.map(\.name).joined(separator: ", "))")
            }
            targetOfField[try field(sourceName, path: jsonPath)] = name
        }
        var outputs: [MappedSource.Output] = []
        var used = Set<String>()
        var ignored: [String] = []
        for (k, name) in header.enumerated() {
            guard let target = targetOfField[k] ?? (mapping.ignoresOtherColumns ? nil : bundleName(name)),
                !used.contains(target) else {
                if mapping.ignoresOtherColumns { ignored.append(name) } else {
                    outputs.append(.init(name: "~" + name, label: name, pick: .column(k), conversion: .none))  // kept aside, reported
                }
                continue
            }
            used.insert(target)
            outputs.append(.init(name: target, label: name, pick: .column(k), conversion: conversion(spec.index(of: target) ?? 0)))
        }
        for (target, value) in mapping.constants.sorted(by: { $0.key < $1.key }) {
            guard let name = bundleName(target) else {
                throw .invalidMapping(path: "constants.\(TerminalText.escaped(target))", reason: "\"\(TerminalText.escaped(target))\" is not a column of \(spec.fileName)")
            }
            guard !used.contains(name) else {
                throw .invalidMapping(path: "constants.\(TerminalText.escaped(target))", reason: "the column is also mapped from the file; keep one")
            }
            used.insert(name)
            outputs.append(.init(name: name, label: "constants.\(target)", pick: .constant(Array(value.utf8)),
                                 conversion: conversion(spec.index(of: name) ?? 0)))
        }
        var dueDefault: (issued: Int, due: Int, days: Int)?
        if let days = mapping.defaultTermsDays {
            guard let issued = outputs.firstIndex(where: { $0.name == "issued_on" }) else {
                throw .invalidMapping(path: "defaultTermsDays", reason: "needs an issued_on column to count the terms from")
            }
            if !used.contains("due_on") {
                outputs.append(.init(name: "due_on", label: "defaultTermsDays", pick: .constant([]), conversion: .day(allowTime: false)))
            }
            dueDefault = (issued, outputs.firstIndex { $0.name == "due_on" } ?? 0, days)
        }
        func bind(_ conditions: [RowCondition], _ name: String) throws(LedgerImportError) -> [MappedSource.BoundCondition] {
            var bound: [MappedSource.BoundCondition] = []
            for (k, condition) in conditions.enumerated() {
                let index = try condition.column.map { (column: String) throws(LedgerImportError) -> Int in
                    try field(column, path: "\(name)[\(k)].column")
                } ?? -1
                bound.append(.init(condition: condition, field: index))
            }
            return bound
        }
        var grouping: (key: Int, keyLabel: String, amount: Int)?
        if let key = mapping.groupBy {
            let keyField = try field(key, path: "groupBy")
            guard let amount = outputs.firstIndex(where: { $0.name == "amount" }) else {
                throw .invalidMapping(path: "groupBy", reason: "needs an amount column to sum the line items")
            }
            grouping = (keyField, header[keyField], amount)
        }
        let source = MappedSource(reader: reader, fileName: fileName, sourceHeaderCount: header.count, outputs: outputs,
                                  mapping: mapping, drop: try bind(mapping.dropRowsWhere, "dropRowsWhere"),
                                  keep: try bind(mapping.keepWhere, "keepWhere"), dueDefault: dueDefault, grouping: grouping)
        source.ignoredColumns = ignored
        return source
    }
}
