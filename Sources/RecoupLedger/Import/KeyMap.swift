/// A hash map from key bytes (an id as written in the CSV) to two integers, for the import's
/// reference lookups: one lookup per payment, action, promise, … without making a `String`.
///
/// Keys live one after another in a single byte arena; the table is open addressing with
/// linear probing over a power-of-two number of slots, kept at most half full. The hash is
/// 64-bit FNV-1a with MurmurHash3's finalizer, which is fine for ids (not exposed to adversarial keys in a way that
/// matters: a bad file can only slow its own import).
///
/// - Complexity: O(key length) per lookup and insert on average.
final class KeyMap {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var ends: [Int] = []
    private(set) var first: [Int64] = []
    private(set) var second: [Int64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { first.count }

    @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        // MurmurHash3's finalizer: ids differ in their last characters, and FNV alone leaves
        // those differences in the high bits; mixing spreads them to the low bits the table uses.
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
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

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        // Local copies (no copying of storage): class properties would be re-checked for
        // exclusive access on every probe.
        let slots = self.slots, starts = self.starts, ends = self.ends, mask = self.mask
        var slot = KeyMap.hash(key) & mask
        return arena.withUnsafeBufferPointer { stored in
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return nil }
                let start = starts[entry], end = ends[entry]
                if end - start == key.count,
                    memcmpEqual(stored.baseAddress.map { $0 + start }, key.baseAddress, key.count) {
                    return entry
                }
                slot = (slot + 1) & mask
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
        let entry = Int32(count)
        starts.append(arena.count)
        arena.append(contentsOf: key)
        ends.append(arena.count)
        first.append(a)
        second.append(b)
        place(entry, hash: KeyMap.hash(key))
    }

    private func place(_ entry: Int32, hash: Int) {
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for entry in 0..<count {
            let h = arena.withUnsafeBufferPointer { KeyMap.hash(UnsafeBufferPointer(rebasing: $0[starts[entry]..<ends[entry]])) }
            place(Int32(entry), hash: h)
        }
    }
}

@inline(__always) private func memcmpEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard count > 0 else { return true }
    guard let a, let b else { return false }
    for i in 0..<count where a[i] != b[i] { return false }
    return true
}
