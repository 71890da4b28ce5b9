import ArgumentParser

/// `recoup report …`: the reports of SPEC §3, one subcommand each.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports over the ledger: aging, KPIs, … .",
        subcommands: [
            ReportAgingCommand.self,
            ReportKPIsCommand.self,
            ReportTimeAuditCommand.self,
            ReportROICommand.self,
            ReportLeadershipCommand.self,
        ]
    )
}

