/// What a random draw is for: one of the five words of a counter-based key (SPEC STYLE §7).
///
/// Each purpose has its own stream, so a change in how often one kind of event is drawn (say, a
/// policy that makes more contacts) never shifts the draws of another kind (payments). Raw values
/// are fixed forever: changing one changes every synthetic ledger and every simulation.
public enum DrawPurpose: UInt64, CaseIterable, Sendable, Hashable {
    // Client-level draws (entity = client index).
    case clientSegment = 1
    case clientPropensity = 2
    case clientTerms = 3
    case clientAutopay = 4
    case clientSince = 5
    case clientName = 6
    case clientChannel = 7
    case clientBaseAmount = 8
    // Invoice-level draws (entity = client index for issuing, invoice index afterwards).
    case invoiceNoise = 20
    case projectInvoice = 21
    case projectDay = 22
    case projectSize = 23
    // Behaviour (entity = invoice index, day = the day of the event).
    case payment = 40
    case partial = 41
    case partialShare = 42
    case paymentMethod = 43
    case autopay = 44
    case reach = 50
    case promise = 51
    case promiseDelay = 52
    case promiseKept = 53
    case dispute = 54
    case spontaneousDispute = 55
    case spontaneousDisputeDelay = 56
    case disputeDuration = 57
    case disputeCredit = 58
    case disputeCreditShare = 59
    case disputeReason = 60
    /// The estimated history policy's draws (`HistoryPolicy`): whether to contact, which action.
    case historyContact = 61
    case historyAction = 62
    // The randomised logging policy of the synthetic history.
    case logging = 70
    case loggingChannel = 71
    case loggingTone = 72
    /// The bookkeeper's hand-chasing history (`ManualChasing`): whether a week is too busy to
    /// chase (entity 0, day = the week's Monday), whether a step is forgotten, how late it is,
    /// and the minutes an email or call takes.
    case manualBusyWeek = 73
    case manualSkip = 74
    case manualDelay = 75
    case manualMinutes = 76
    // Bookkeeping noise (reconciliation exceptions, timesheet assignment).
    case reconciliation = 80
    case timesheet = 81
    // Resampling for uncertainty intervals (entity = run, index = position).
    case bootstrap = 90
    // The time audit's draws of the share of deposits matched automatically (entity 0).
    case reconciliationShare = 120
}
