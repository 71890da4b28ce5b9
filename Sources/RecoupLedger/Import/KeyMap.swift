/// A hash map from key bytes (an id as written in the CSV) to two integers, for the import's
/// reference lookups: one lookup per payment, action, promise, … without making a `String`.
///
/// Keys live one after another in a single byte arena; each entry (where its key sits, its two
/// values) is one record, so a lookup touches three places in memory: its slot, its entry and
/// its key bytes. The table is open addressing with linear probing over a power-of-two number of
/// slots, kept at most half full; a slot holds the entry's number and 32 bits of its key's hash,
/// so probing past other keys rarely reads their entries. The hash is 64-bit FNV-1a with
/// MurmurHash3's finalizer, which is fine for ids (a bad file can only slow its own import).
///
/// Not thread-safe for writing: the import fills a map on one thread and reads it on another
/// only after the filling is done (the exclusivity checks are off for speed; `RowPipeline`'s
/// hand-over orders the accesses).
///
/// - Complexity: O(key length) per lookup and insert on average.
final class KeyMap {
    private struct Entry {
        var start: Int
        var count: Int
        var first: Int64
        var second: Int64
    }

    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var entries: [Entry] = []
    /// 0 = empty; otherwise (hash's high 32 bits) << 32 | (entry + 1).
    @exclusivity(unchecked) private var slots: [UInt64]
    @exclusivity(unchecked) private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        entries.reserveCapacity(capacity)
    }

    var count: Int { entries.count }

    /// The first value of `entry` (as `find` returns it).
    func first(_ entry: Int) -> Int64 { entries[entry].first }

    /// The second value of `entry`.
    func second(_ entry: Int) -> Int64 { entries[entry].second }

    @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        // MurmurHash3's finalizer: ids differ in their last characters, and FNV alone leaves
        // those differences in the high bits; mixing spreads them to the low bits the table uses.
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The entry for `bytes[range]`, or nil.
    func find(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            find(UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }

    /// The entry for the key's UTF-8 bytes, or nil.
    func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// The entry for `key`, or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = KeyMap.hash(key)
        let tag = h & 0xffff_ffff_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBufferPointer { stored in
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let value = slots[slot]
                        if value == 0 { return nil }
                        if value & 0xffff_ffff_0000_0000 == tag {
                            let entry = Int(value & 0xffff_ffff) - 1
                            let e = entries[entry]
                            if e.count == key.count, bytesEqual(stored.baseAddress.map { $0 + e.start }, key.baseAddress, key.count) {
                                return entry
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Adds `key` → (a, b); the caller has checked it is absent.
    func insert(_ bytes: [UInt8], _ range: Range<Int>, _ a: Int64, _ b: Int64) {
        bytes.withUnsafeBufferPointer { buffer in
            insert(UnsafeBufferPointer(rebasing: buffer[range]), a, b)
        }
    }

    func insert(_ key: String, _ a: Int64, _ b: Int64) {
        var key = key
        key.withUTF8 { insert($0, a, b) }
    }

    private func insert(_ key: UnsafeBufferPointer<UInt8>, _ a: Int64, _ b: Int64) {
        if (count + 1) * 2 > slots.count { grow() }
        let entry = count
        entries.append(Entry(start: arena.count, count: key.count, first: a, second: b))
        arena.append(contentsOf: key)
        place(entry, hash: KeyMap.hash(key))
    }

    private func place(_ entry: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash & 0xffff_ffff_0000_0000) | UInt64(entry + 1)
    }

    private func grow() {
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for entry in 0..<count {
            let e = entries[entry]
            let h = arena.withUnsafeBufferPointer { KeyMap.hash(UnsafeBufferPointer(rebasing: $0[e.start..<(e.start + e.count)])) }
            place(entry, hash: h)
        }
    }
}
