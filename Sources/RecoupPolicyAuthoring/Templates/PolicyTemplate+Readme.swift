import RecoupPolicy

extension PolicyTemplate {
    /// What the template is for, in a sentence.
    public var purpose: String {
        switch self {
        case .fixed: return "Plain fixed reminders: the same emails on the same days for every invoice, sent by the agent."
        case .tiered: return "Risk-tiered reminders run by the agent alone: riskier invoices are contacted earlier and harder."
        case .copilot: return "The same tiers as a copilot: calls, voice-agent calls and firm or final messages wait for a person's approval."
        case .manual: return "What a person does today: every reminder, email or call, is done by hand."
        }
    }

    /// The README `recoup policy init` writes next to the policy file: every field explained,
    /// with this template's values.
    public var readme: String {
        let p = policy
        return """
        # \(fileName): a `recoup.policy/v1` collections policy

        \(purpose)

        JSON has no comments, so this file explains the policy next to it. Edit the policy, then
        check it with `recoup policy validate \(fileName)` and read it back with
        `recoup policy show \(fileName)`. Unknown fields are errors; fields you leave out take the
        defaults below. The full reference is docs/policy.md.

        ## The policy at a glance

        ```
        \(p.summary().split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n"))
        ```

        ## Fields

        | field | this file | meaning (default) |
        | --- | --- | --- |
        | `schema` | `recoup.policy/v1` | the format; required |
        | `name` | `\(p.name)` | a short name for tables and reports; required |
        | `mode` | `\(p.mode.rawValue)` | `autonomous` (the agent acts), `copilot` (a person approves some steps), `manual` (a person does everything); required |
        | `riskModel` | \(p.riskModel == nil ? "absent" : "\(p.riskModel?.features.count ?? 0) features") | scores each invoice on its issue day: `sigmoid(intercept + Σ coefficients × (x − means) / scales)` over risk-feature names (`late_share`, `avg_days_late`, …); needed when there is more than one tier; `recoup train` refits it |
        | `tiers` | \(p.tiers.map { "`\($0.name)`" }.joined(separator: ", ")) | tried in order: the first whose `below` exceeds the risk wins; the last has no `below`; required |
        | `cadences` | one per tier | per tier, the steps: `day` (days past due, negative = before due), `channel` (email, sms, voice_agent, call, letter), `actor` (agent or human; default agent; a call is always a person), `tone` (soft, standard, firm, final; default standard); required |
        | `escalation.daysPastDue` | \(p.escalation.daysPastDue.map(String.init) ?? "null") | a person calls once the invoice is this many days past due (null = off) |
        | `escalation.amountOver` | \(p.escalation.amountOver.map { $0.description } ?? "null") | … or once past due with an open balance over this amount (null = off) |
        | `escalation.riskOver` | \(p.escalation.riskOver.map { CanonicalJSON.numberText($0) } ?? "null") | … or once past due with a risk over this (null = off) |
        | `escalation.afterContacts` | \(p.escalation.afterContacts.map(String.init) ?? "null") | … or after this many contacts with no payment (null = off) |
        | `escalation.stopAutomation` | \(p.escalation.stopAutomation) | stop the cadence once escalated (true) |
        | `holds.promiseGraceDays` | \(p.holds.promiseGraceDays) | no contact until this many days after a promised payment date (3) |
        | `holds.pauseOnDispute` | \(p.holds.pauseOnDispute) | no contact while a dispute is open (true) |
        | `holds.skipAutopay` | \(p.holds.skipAutopay) | no contact before 1 day past due for autopay clients (false) |
        | `limits.maxContactsPer7Days` | \(p.limits.maxContactsPer7Days) | at most this many contacts per invoice in any 7 days, 1–7 (2) |
        | `limits.businessDaysOnly` | \(p.limits.businessDaysOnly) | Saturday and Sunday steps move to Monday (true) |
        | `limits.consolidatePerClient` | \(p.limits.consolidatePerClient) | one client's same-day messages on one channel become one (false) |
        | `copilot.approve` | \(p.copilot.approve.map { "`\($0)`" }.joined(separator: ", ")) | in copilot mode, steps with these channels, actors or tones need approval (call, voice_agent, firm, final) |
        | `copilot.approvalDelayDays` | \(p.copilot.approvalDelayDays) | days from decision to contact for approved steps, 0–7 (1) |
        | `copilot.reviewMinutes` | \(CanonicalJSON.numberText(p.copilot.reviewMinutes)) | human minutes per approval (1.5) |
        | `writeOffAfterDays` | \(p.writeOffAfterDays) | the open balance is written off at this many days past due; after every step (120) |
        | `provenance`, `projections` | absent | written by `recoup tune --emit`: where the policy came from and what it was projected to do |
        | `signature` | absent | added by `recoup policy sign --key KEY`; the live agent loads only signed policies |

        """
    }
}
