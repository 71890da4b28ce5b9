import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The report commands through the built binary, on one small generated, imported and trained
/// ledger shared by the tests (made once; each test writes only its own files).
@Suite struct ReportsCLITests {
    /// A trained store on 30 clients over 8 months. Its folder is left in the temporary
    /// directory for the rest of the test process (a static is never deinitialised).
    struct Store: Sendable {
        let path: String
        var db: String { path + "/r.db" }
        func file(_ name: String) -> String { path + "/" + name }
    }

    static let shared: Result<Store, any Error> = Result {
        let store = Store(path: NSTemporaryDirectory() + "recoup-cli-reports-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
        for args in [["generate", "--out", store.file("bundle"), "--clients", "30", "--months", "8", "--seed", "5"],
                     ["import", store.file("bundle"), "--db", store.db], ["train", "--db", store.db]] {
            let run = try CLIRunner.run(args)
            guard run.status == 0 else { throw SetupError(command: args.joined(separator: " "), stderr: run.stderr) }
        }
        return store
    }

    struct SetupError: Error { var command: String; var stderr: String }

    static func store() throws -> Store { try shared.get() }

    /// A bundled policy file of the repository (policies/NAME.json).
    static func policy(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("policies/\(name).json").path
    }

    /// Every `http://` or `https://` in `text` other than the SVG namespace name. The namespace
    /// (`xmlns="http://www.w3.org/2000/svg"`) is an identifier a browser never fetches; anything
    /// else would be a reference to the network.
    static func urls(in text: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: "https?://[^\"'\\s)<>]*")
        let range = NSRange(text.startIndex..., in: text)
        return (pattern?.matches(in: text, range: range) ?? []).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
            .filter { $0 != "http://www.w3.org/2000/svg" }
    }

    @Test func compareHTMLIsOneSelfContainedPageWithTheTablesAndCharts() throws {
        let store = try Self.store()
        let page = store.file("compare.html")
        let run = try CLIRunner.run(["compare", "--unverified", Self.policy("fixed"), Self.policy("tiered-copilot"), "--db", store.db,
                                     "--runs", "4", "--seed", "3", "--html", page])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(Self.urls(in: html).isEmpty, "\(Self.urls(in: html))")
        for forbidden in ["<script", "<link", "<img", "src=", "@import"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The summary and difference tables, with every policy named.
        #expect(html.components(separatedBy: "<table").count - 1 == 2)
        for name in ["history", "fixed", "tiered-copilot"] { #expect(html.contains(">\(name)<"), "\(name)") }
        // The four charts, inline: DSO vs cost, cash collected, aging, hours by task.
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        for title in ["DSO vs cost per invoice", "Cost per invoice ($)", "Hours per week"] {
            #expect(html.contains(title), "\(title)")
        }
    }

    @Test func roiPrintsEachFigureWithItsIntervalAndTheAssumptions() throws {
        let store = try Self.store()
        let page = store.file("roi.html")
        let run = try CLIRunner.run(["report", "roi", "--unverified", "--policy", Self.policy("tiered-autonomous"), "--tool-cost-per-month", "250",
                                     "--db", store.db, "--runs", "4", "--seed", "3", "--html", page])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ROI of tiered-autonomous against today") == true, "\(lines.first ?? "")")
        // Today's figures are the ledger's own (one value, no interval); the rest are per run.
        for figure in ["collections cost per invoice before ($)", "fully loaded AR cost per invoice before ($)"] {
            let line = try #require(lines.first { $0.hasPrefix(figure) }, "\(figure)")
            #expect(line.range(of: #"[0-9]\.[0-9]{2}$"#, options: .regularExpression) != nil, "\(line)")
        }
        for figure in ["hours of AR work freed a week", "collections cost per invoice after ($)", "fully loaded AR cost per invoice after ($)",
                       "people's time saved a year ($)", "contact costs saved a year ($)", "collections cost saved a year ($)",
                       "cash released", "financing value", "write-offs avoided a year ($)", "monthly savings",
                       "payback of a year of the tool (months, median)"] {
            let line = try #require(lines.first { $0.hasPrefix(figure) }, "\(figure)")
            // "mean  [lo, hi]": a number (thousands grouped), then an interval (payback may say "never").
            #expect(line.range(of: #"(-?[0-9][0-9,.]*|never)\s+\[(-?[0-9][0-9,.]*|never), (-?[0-9][0-9,.]*|never)\]$"#, options: .regularExpression) != nil,
                    "\(line)")
        }
        #expect(run.stdout.contains("assumption: annual credit sales: $"))
        #expect(run.stdout.contains("cost of capital 8.0% a year; tool cost $250.00 a month"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(Self.urls(in: html).isEmpty)
        #expect(html.contains("payback of a year of the tool (months, median)") && html.contains("tool cost $250.00 a month"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
    }

    @Test func roiRefusesABadToolCostAsUsage() throws {
        let store = try Self.store()
        let policy = Self.policy("fixed")
        let words = try CLIRunner.run(["report", "roi", "--unverified", "--policy", policy, "--tool-cost-per-month", "lots", "--db", store.db])
        #expect(words.status == 2)
        #expect(words.stderr.contains("--tool-cost-per-month lots: "), "\(words.stderr)")
        let negative = try CLIRunner.run(["report", "roi", "--unverified", "--policy", policy, "--tool-cost-per-month=-5", "--db", store.db])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--tool-cost-per-month -5: a price cannot be negative"), "\(negative.stderr)")
    }

    /// `report leadership`: the verdict first, every figure the verdict quotes in a table of the
    /// same page, one self-contained HTML page with its three charts, and usage errors.
    @Test func leadershipLeadsWithAVerdictWhoseFiguresAreOnThePage() throws {
        let store = try Self.store()
        let page = store.file("leadership.html")
        let run = try CLIRunner.run(["report", "leadership", "--unverified", "--policy", Self.policy("tiered-copilot"),
                                     "--policy", Self.policy("manual"), "--tool-cost-per-month", "250", "--db", store.db,
                                     "--runs", "4", "--seed", "3", "--html", page])
        #expect(run.status == 0, "\(run.stderr)")
        let sections = ["Verdict", "Where the hours go", "What an invoice costs to collect", "The return, with its working",
                        "Cash and DSO", "Reconciliation", "What the projection cannot see"]
        let positions = sections.compactMap { run.stdout.range(of: "\n" + $0 + "\n")?.lowerBound }
        #expect(positions.count == sections.count && positions == positions.sorted(), "\(run.stdout.prefix(400))")
        let wide = run.stdout.split(separator: "\n").filter { $0.count > 100 }
        #expect(wide.isEmpty, "\(wide)")
        // Every number in the verdict is a cell (or part of one) of a table below it.
        let verdict = String(run.stdout[positions[0]..<positions[1]])
        let tables = String(run.stdout[positions[1]...])
        let numbers = verdict.matches(of: /-?[0-9][0-9,]*\.?[0-9]*/).map { String($0.output).trimmingCharacters(in: CharacterSet(charactersIn: ".,")) }
        #expect(!numbers.isEmpty)
        for number in numbers where number != "8.0" && number != "250.00" {
            let plain = number.hasPrefix("-") ? String(number.dropFirst()) : number
            #expect(tables.contains(plain), "verdict figure \(number) is in no table")
        }
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(Self.urls(in: html).isEmpty)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        // Well-formed: the page parses as XML (what a browser renders without guessing).
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(!html.contains("<script") && !html.contains("<link"))
        let none = try CLIRunner.run(["report", "leadership", "--db", store.db])
        #expect(none.status == 2 && none.stderr.contains("give at least one --policy FILE"), "\(none.stderr)")
    }

    /// `report kpis --html`: one well-formed, self-contained page with the KPIs, the aging chart
    /// and table (most overdue first, at most 25 clients) and the DSO trend; the text output is
    /// the same as without `--html`.
    @Test func kpisPageHasTheAgingChartAndTheTrend() throws {
        let store = try Self.store()
        let page = store.file("kpis.html")
        let plain = try CLIRunner.run(["report", "kpis", "--db", store.db])
        let run = try CLIRunner.run(["report", "kpis", "--db", store.db, "--html", page])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == plain.stdout)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(Self.urls(in: html).isEmpty && !html.contains("<script"))
        for heading in ["Key figures", "Aging", "Monthly trend"] { #expect(html.contains(">\(heading)<"), "\(heading)") }
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.contains("most overdue first"))
        let wrong = try CLIRunner.run(["report", "kpis", "--db", store.db, "--html", store.file("kpis.png")])
        #expect(wrong.status == 2 && wrong.stderr.contains("name the file *.html"), "\(wrong.stderr)")
    }

    @Test func timeAuditWithAPolicyAddsTheProjectedHours() throws {
        let store = try Self.store()
        let args = ["report", "time-audit", "--unverified", "--policy", Self.policy("tiered-autonomous"), "--policy", Self.policy("manual"),
                    "--db", store.db, "--runs", "4", "--seed", "3"]
        let table = try CLIRunner.run(args)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Under tiered-autonomous [UNVERIFIED]: hours per week (mean [95% interval])"))
        #expect(table.stdout.contains("Under manual [UNVERIFIED]: hours per week"))
        #expect(table.stdout.contains("kept: no agent"))
        #expect(table.stdout.contains("UNVERIFIED policy tiered-autonomous"))
        let json = try CLIRunner.run(args + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let projections = try #require(object["projections"] as? [[String: Any]])
        #expect(projections.map { $0["policy"] as? String } == ["tiered-autonomous", "manual"], "\(projections)")
        let tasksFile = store.file("tasks.json")
        try Data(#"{"reconciliation": "people"}"#.utf8).write(to: URL(fileURLWithPath: tasksFile))
        let badTasks = try CLIRunner.run(args + ["--tasks", tasksFile])
        #expect(badTasks.status == 1)
        #expect(badTasks.stderr.contains("tasks.json: field \"reconciliation\": expected \"agent\", \"person\""), "\(badTasks.stderr)")
        let missing = try CLIRunner.run(["report", "time-audit", "--unverified", "--policy", store.file("nope.json"), "--db", store.db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.json"))
    }

    @Test func tunePrintsTheFrontierEmitsAValidPolicyAndDrawsTheSweep() throws {
        let store = try Self.store()
        let emitted = store.file("tuned.json"), chart = store.file("sweep.svg")
        let run = try CLIRunner.run(["tune", "--unverified", "--base", Self.policy("tiered-copilot"), "--vary", "escalation.daysPastDue=30..60/30",
                                     "--vary", "tiers[0].below=0.1..0.2/0.1", "--runs", "3", "--seed", "2", "--db", store.db,
                                     "--pick", "min cost", "--emit", emitted, "--name", "tiered-copilot-tuned", "--chart", chart])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Sweep of tiered-copilot: 4 points, 4 evaluated"))
        #expect(run.stdout.contains("frontier (DSO against cost per invoice, both minimised; by DSO): #"))
        #expect(run.stdout.contains("<- picked"))
        #expect(run.stderr.contains("wrote \(emitted) (point #"))
        let validate = try CLIRunner.run(["policy", "validate", emitted])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.contains("valid"))
        // --name names the emitted policy; the base keeps its own.
        let emittedText = try String(contentsOfFile: emitted, encoding: .utf8)
        #expect(emittedText.contains("\"name\": \"tiered-copilot-tuned\""), "\(emittedText.prefix(200))")
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("data-series=\"picked\""))
        // One marker per evaluated point (the picked one included).
        #expect(svg.components(separatedBy: "class=\"marker\"").count - 1 == 4)

        // An existing --emit file is not replaced without --force.
        let again = try CLIRunner.run(["tune", "--unverified", "--base", Self.policy("tiered-copilot"), "--vary", "escalation.daysPastDue=30..60/30",
                                       "--runs", "2", "--db", store.db, "--pick", "min cost", "--emit", emitted])
        #expect(again.status == 1)
        #expect(again.stderr.contains("tuned.json"), "\(again.stderr)")
    }

    @Test func tuneWithABadFieldPathFailsNamingIt() throws {
        let store = try Self.store()
        let typo = try CLIRunner.run(["tune", "--unverified", "--base", Self.policy("tiered-copilot"), "--vary", "escalation.daysPastDu=30..60/10",
                                      "--runs", "2", "--db", store.db])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("escalation.daysPastDu"), "\(typo.stderr)")
        #expect(typo.stderr.contains("daysPastDue"), "the message lists the fields that exist: \(typo.stderr)")
        let index = try CLIRunner.run(["tune", "--unverified", "--base", Self.policy("tiered-copilot"), "--vary", "cadences.high[9].day=1..2/1",
                                       "--runs", "2", "--db", store.db])
        #expect(index.status != 0)
        #expect(index.stderr.contains("cadences.high[9].day"), "\(index.stderr)")
        let range = try CLIRunner.run(["tune", "--unverified", "--base", Self.policy("tiered-copilot"), "--vary", "escalation.daysPastDue=60..30/10",
                                       "--db", store.db])
        #expect(range.status == 2)
        #expect(range.stderr.contains("escalation.daysPastDue"), "\(range.stderr)")
    }

    /// Issue 6: tune emits a policy whose projections `recoup simulate` reproduces within the
    /// tuned point's interval.
    ///
    /// Why it must: `tune` and `simulate` run the same replay over the same invoices with the same
    /// trained models, runs and seed, and every random draw is keyed by the seed, run and
    /// invoice/client (common random numbers), not by which other policies are evaluated beside
    /// it. So simulating the emitted policy replays exactly the runs that produced the picked
    /// point: its mean equals the tuned mean (up to the 6 significant digits JSON prints), and a
    /// mean over runs lies inside the 2.5–97.5 percentile interval of those same runs unless one
    /// run is an extreme outlier. A failure means tune and simulate no longer project the same
    /// thing, and a tuned policy's recorded projections could not be trusted.
    @Test func simulateReproducesTheTunedPointWithinItsInterval() throws {
        let store = try Self.store()
        let emitted = store.file("agree.json")
        let tune = try CLIRunner.run(["tune", "--unverified", "--base", Self.policy("tiered-autonomous"), "--vary", "escalation.daysPastDue=20..60/20",
                                      "--vary", "tiers[0].below=0.1..0.3/0.1", "--runs", "6", "--seed", "11", "--db", store.db,
                                      "--pick", "min cost where dso <= 1000", "--emit", emitted, "--format", "json"])
        #expect(tune.status == 0, "\(tune.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(tune.stdout.utf8)) as? [String: Any])
        let picked = try #require(report["picked"] as? Int)
        let points = try #require(report["points"] as? [[String: Any]])
        let point = try #require(points.first { $0["point"] as? Int == picked })

        #expect(try CLIRunner.run(["policy", "validate", emitted]).status == 0)
        let simulate = try CLIRunner.run(["simulate", "--unverified", "--policy", emitted, "--runs", "6", "--seed", "11", "--db", store.db,
                                          "--format", "json"])
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(simulate.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let projected = try #require(rows.first)

        for (field, name) in [("dso", "DSO"), ("costPerInvoice", "cost per invoice")] {
            let tuned = try #require(point[field] as? [String: Double], "\(field)")
            let simulated = try #require(projected[field] as? [String: Double], "\(field)")
            let (mean, lo, hi) = (try #require(tuned["mean"]), try #require(tuned["lo"]), try #require(tuned["hi"]))
            let value = try #require(simulated["mean"])
            #expect(lo <= value && value <= hi, "simulated \(name) \(value) outside the tuned interval [\(lo), \(hi)]")
            #expect(abs(value - mean) <= 1e-4 * max(1, abs(mean)), "simulated \(name) \(value) vs tuned \(mean)")
        }
        // The emitted file records the same point's projections (rounded).
        let policy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: emitted))) as? [String: Any])
        let recorded = try #require(policy["projections"] as? [String: Double])
        let tunedDSO = try #require((point["dso"] as? [String: Double])?["mean"])
        #expect(abs((recorded["dso"] ?? -1) - tunedDSO) <= 0.005 + 1e-9)
    }
}
