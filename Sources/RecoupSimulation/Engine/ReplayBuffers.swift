import RecoupPolicy

/// The per-invoice state of one `ClientReplay`, in raw buffers of `capacity` invoices each.
///
/// Raw rather than arrays because the replay writes them on every simulated invoice-day, and an
/// array write checks uniqueness (a runtime call) and bounds every time: 8% of the replay's time
/// when measured. Safe because a replayer, and so its buffers, belongs to one worker thread,
/// and `ClientReplay.reserve` sizes them before a client's invoices are indexed into them.
/// Contents are not kept across a `reserve` that grows them: each invoice's state is set when
/// it is issued.
final class ReplayBuffers {
    let capacity: Int
    let open: UnsafeMutablePointer<Int64>
    let closed: UnsafeMutablePointer<Bool>
    let state: UnsafeMutablePointer<InvoicePolicyState>
    /// 7 per invoice.
    let stock: UnsafeMutablePointer<Double>
    let stockAt: UnsafeMutablePointer<Int>
    let contactCount: UnsafeMutablePointer<Int>
    let recent: UnsafeMutablePointer<SIMD8<Int32>>
    let todayContacts: UnsafeMutablePointer<Int>
    let disputeOpen: UnsafeMutablePointer<Bool>
    let disputeEnds: UnsafeMutablePointer<Int>
    let disputeResolvedOn: UnsafeMutablePointer<Int>
    let hadDispute: UnsafeMutablePointer<Bool>
    let promiseMadeOn: UnsafeMutablePointer<Int>
    let promisedOn: UnsafeMutablePointer<Int>
    let promisePayOn: UnsafeMutablePointer<Int>
    let promiseKept: UnsafeMutablePointer<Bool>
    let autopayAttempt: UnsafeMutablePointer<Int>
    let creditNext: UnsafeMutablePointer<Int>
    let disputeNext: UnsafeMutablePointer<Int>
    let actionNext: UnsafeMutablePointer<Int>
    let prefix: UnsafeMutablePointer<UInt64>
    let invoiceWeightedDays: UnsafeMutablePointer<Double>
    let invoiceCollected: UnsafeMutablePointer<Double>
    let nextDecision: UnsafeMutablePointer<Int>
    let live: UnsafeMutablePointer<Int>
    // The shared replay's (`ClientReplay.replayShared`), where an entry is a variant of an
    // invoice: the next variant of its invoice (-1: last), the days it was open, and the
    // outcomes of today's contacts (`contactsPerDay` each); and per invoice (index `k`) its
    // first and last variant.
    let variantNext: UnsafeMutablePointer<Int>
    let variantDays: UnsafeMutablePointer<Int>
    let outcomes: UnsafeMutablePointer<ClientReplay.ContactOutcome>
    let firstVariant: UnsafeMutablePointer<Int>
    let lastVariant: UnsafeMutablePointer<Int>

    /// The most contacts one invoice can receive on one day (`DayDecision.capacity`).
    static let contactsPerDay = DayDecision.capacity

    /// Buffers for `capacity` invoices, zeroed (states at tier 0, empty contact slots).
    init(capacity: Int) {
        self.capacity = capacity
        func make<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
            p.initialize(repeating: value, count: max(1, count))
            return p
        }
        open = make(capacity, 0); closed = make(capacity, false)
        state = make(capacity, InvoicePolicyState(tier: 0, risk: 0))
        stock = make(7 * capacity, 0); stockAt = make(capacity, 0); contactCount = make(capacity, 0)
        recent = make(capacity, SIMD8(repeating: .min)); todayContacts = make(capacity, 0)
        disputeOpen = make(capacity, false); disputeEnds = make(capacity, 0); disputeResolvedOn = make(capacity, 0)
        hadDispute = make(capacity, false); promiseMadeOn = make(capacity, 0); promisedOn = make(capacity, 0)
        promisePayOn = make(capacity, 0); promiseKept = make(capacity, false); autopayAttempt = make(capacity, 0)
        creditNext = make(capacity, 0); disputeNext = make(capacity, 0); actionNext = make(capacity, 0)
        prefix = make(capacity, 0); invoiceWeightedDays = make(capacity, 0); invoiceCollected = make(capacity, 0)
        nextDecision = make(capacity, 0); live = make(capacity, 0)
        variantNext = make(capacity, -1); variantDays = make(capacity, 0)
        outcomes = make(capacity * ReplayBuffers.contactsPerDay, .nothing)
        firstVariant = make(capacity, -1); lastVariant = make(capacity, -1)
    }

    /// Buffers for `capacity` invoices holding a copy of the first `count` of `other`'s (the
    /// shared replay grows its variants' buffers mid-replay).
    convenience init(capacity: Int, copying other: ReplayBuffers, count: Int) {
        precondition(count <= capacity && count <= other.capacity, "ReplayBuffers: copying \(count) entries into \(capacity)")
        self.init(capacity: capacity)
        for i in 0..<count {
            copyEntry(i, from: other, to: i)
            live[i] = other.live[i]
            variantNext[i] = other.variantNext[i]; variantDays[i] = other.variantDays[i]
            firstVariant[i] = other.firstVariant[i]; lastVariant[i] = other.lastVariant[i]
        }
        outcomes.update(from: other.outcomes, count: count * ReplayBuffers.contactsPerDay)
    }

    /// Copies entry `from` of `source` into entry `to` of these buffers: the invoice's simulated
    /// state (not `live` nor the shared replay's lists).
    func copyEntry(_ from: Int, from source: ReplayBuffers, to: Int) {
        open[to] = source.open[from]; closed[to] = source.closed[from]; state[to] = source.state[from]
        for j in 0..<7 { stock[7 * to + j] = source.stock[7 * from + j] }
        stockAt[to] = source.stockAt[from]; contactCount[to] = source.contactCount[from]; recent[to] = source.recent[from]
        todayContacts[to] = source.todayContacts[from]; disputeOpen[to] = source.disputeOpen[from]
        disputeEnds[to] = source.disputeEnds[from]; disputeResolvedOn[to] = source.disputeResolvedOn[from]
        hadDispute[to] = source.hadDispute[from]; promiseMadeOn[to] = source.promiseMadeOn[from]
        promisedOn[to] = source.promisedOn[from]; promisePayOn[to] = source.promisePayOn[from]
        promiseKept[to] = source.promiseKept[from]; autopayAttempt[to] = source.autopayAttempt[from]
        creditNext[to] = source.creditNext[from]; disputeNext[to] = source.disputeNext[from]
        actionNext[to] = source.actionNext[from]; prefix[to] = source.prefix[from]
        invoiceWeightedDays[to] = source.invoiceWeightedDays[from]; invoiceCollected[to] = source.invoiceCollected[from]
        nextDecision[to] = source.nextDecision[from]
    }

    deinit {
        // Every element type is trivial: deallocation needs no deinitialisation.
        open.deallocate(); closed.deallocate(); state.deallocate(); stock.deallocate(); stockAt.deallocate()
        contactCount.deallocate(); recent.deallocate(); todayContacts.deallocate(); disputeOpen.deallocate()
        disputeEnds.deallocate(); disputeResolvedOn.deallocate(); hadDispute.deallocate(); promiseMadeOn.deallocate()
        promisedOn.deallocate(); promisePayOn.deallocate(); promiseKept.deallocate(); autopayAttempt.deallocate()
        creditNext.deallocate(); disputeNext.deallocate(); actionNext.deallocate(); prefix.deallocate()
        invoiceWeightedDays.deallocate(); invoiceCollected.deallocate(); nextDecision.deallocate(); live.deallocate()
        variantNext.deallocate(); variantDays.deallocate(); outcomes.deallocate(); firstVariant.deallocate()
        lastVariant.deallocate()
    }
}
