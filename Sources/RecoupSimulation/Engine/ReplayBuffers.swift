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
    }

    deinit {
        // Every element type is trivial: deallocation needs no deinitialisation.
        open.deallocate(); closed.deallocate(); state.deallocate(); stock.deallocate(); stockAt.deallocate()
        contactCount.deallocate(); recent.deallocate(); todayContacts.deallocate(); disputeOpen.deallocate()
        disputeEnds.deallocate(); disputeResolvedOn.deallocate(); hadDispute.deallocate(); promiseMadeOn.deallocate()
        promisedOn.deallocate(); promisePayOn.deallocate(); promiseKept.deallocate(); autopayAttempt.deallocate()
        creditNext.deallocate(); disputeNext.deallocate(); actionNext.deallocate(); prefix.deallocate()
        invoiceWeightedDays.deallocate(); invoiceCollected.deallocate(); nextDecision.deallocate(); live.deallocate()
    }
}
