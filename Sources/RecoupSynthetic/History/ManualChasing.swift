import Foundation
import RecoupSimulation
import RecoupPolicy

/// The `manual` history: a bookkeeper chasing by hand from their mailbox.
///
/// Each invoice has the steps of `WorldParameters.manualSteps` (by default an email at 5 and at
/// 20 days past due, and a call at 35 when the emails have not worked). A step is due on its day
/// past due plus 0…`manualMaxDelayDays` days of lateness of its own; from then on the bookkeeper
/// makes it on the first day that is
///
/// - a weekday,
/// - not in a busy week (a share `manualBusyWeekShare` of weeks, the whole firm's, when nobody
///   chases and the week's steps wait for the next), and
/// - not held for the invoice (open dispute, or a promise with `day ≤ promised_on + grace`, as
///   `LoggingCadence` holds contacts).
///
/// When several steps are due at once (after a long hold or a busy week), only the latest is
/// made. A step is forgotten with probability `manualSkipShare`, and a call is made only when an
/// email has gone `manualCallWaitDays` unanswered (the invoice is still open): until then it
/// waits, and after forgotten emails it never comes. Tone: the step's, and firm
/// from `firmFromDays` past due. Every action logs actor `human`, its minutes (email
/// Normal(4, 1.5²) floored at 2, call Normal(9, 3²) floored at 3, each rounded to a minute) and
/// no propensity: a real firm has none.
///
/// Draws come from `CounterRandom` with the `manual…` purposes, keyed by the invoice (or the
/// week's Monday), so they are deterministic and shift no other draw of the world.
public struct ManualChasing: ContactDecider {
    public let parameters: WorldParameters
    public let rng: CounterRandom
    /// From this many days past due an email or call is firm, whatever its step says.
    public static let firmFromDays = 15

    /// Where one invoice is in its steps.
    struct Progress {
        /// The first step not yet made, skipped or passed.
        var next = 0
        /// The day of the last email made, if any.
        var lastEmailOn: Day?
    }
    /// Progress of the current client's invoices, by global index.
    private var progress: [Int: Progress] = [:]

    public init(parameters: WorldParameters) {
        self.parameters = parameters
        self.rng = CounterRandom(seed: parameters.seed, run: 0)
    }

    public mutating func begin(client: WorldClient) {
        progress.removeAll(keepingCapacity: true)
    }

    /// Whether the week holding `day` is too busy to chase (one draw per week for the firm).
    func isBusyWeek(_ day: Day) -> Bool {
        let monday = day - (day.isoWeekday - 1)
        return rng.bernoulli(parameters.manualBusyWeekShare, entity: 0, day: monday.ordinal, purpose: .manualBusyWeek)
    }

    /// The day step `step` of `invoice` becomes due: its offset past due plus its own lateness.
    func dueDay(step: Int, invoice: WorldInvoice) -> Day {
        let delay = rng.integer(in: 0...max(0, parameters.manualMaxDelayDays), entity: invoice.index,
                                day: invoice.dueOn.ordinal, purpose: .manualDelay, index: step)
        return invoice.dueOn + parameters.manualSteps[step].day + delay
    }

    /// The minutes a person spends on a contact by `channel` on `day` for `invoice`.
    func minutes(channel: Channel, invoice: Int, on day: Day) -> Double {
        let p = parameters
        let isCall = channel == .call
        let drawn = rng.normal(mean: isCall ? p.manualCallMinutesMean : p.manualEmailMinutesMean,
                               standardDeviation: isCall ? p.manualCallMinutesSD : p.manualEmailMinutesSD,
                               entity: invoice, day: day.ordinal, purpose: .manualMinutes)
        return max(isCall ? 3 : 2, drawn.rounded())
    }

    public mutating func contacts(on day: Day, client: WorldClient, invoices: [InvoiceView]) -> [PlannedContact] {
        let p = parameters
        guard !day.isWeekend, !p.manualSteps.isEmpty, !isBusyWeek(day) else { return [] }
        var out: [PlannedContact] = []
        for view in invoices where !view.isHeld(on: day, graceDays: p.promiseGraceDays) {
            let invoice = view.invoice
            var state = progress[invoice.index] ?? Progress()
            guard state.next < p.manualSteps.count else { continue }
            // A call waits until an email has gone a week unanswered.
            let isCallReady = state.lastEmailOn.map { day - $0 >= p.manualCallWaitDays } ?? false
            // The latest step due by today that can be made; earlier ones still waiting are passed over.
            guard let step = (state.next..<p.manualSteps.count).last(where: {
                dueDay(step: $0, invoice: invoice) <= day && (p.manualSteps[$0].channel != .call || isCallReady)
            }) else { continue }
            state.next = step + 1
            let planned = p.manualSteps[step]
            let isForgotten = rng.bernoulli(p.manualSkipShare, entity: invoice.index, day: invoice.dueOn.ordinal,
                                            purpose: .manualSkip, index: step)
            if !isForgotten {
                if planned.channel != .call { state.lastEmailOn = day }
                out.append(PlannedContact(invoices: [invoice.index], channel: planned.channel, actor: .human,
                                          tone: view.dpd >= ManualChasing.firmFromDays ? .firm : planned.tone,
                                          propensity: nil,
                                          humanMinutes: minutes(channel: planned.channel, invoice: invoice.index, on: day)))
            }
            progress[invoice.index] = state
        }
        return out
    }
}
