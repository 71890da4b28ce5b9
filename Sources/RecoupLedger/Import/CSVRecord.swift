/// One record of a CSV file: its fields as byte ranges of one reusable buffer, and the physical
/// line it started on (1-based, counting every line feed, so a quoted field with newlines moves
/// the next record's line on by as many lines as it spans).
///
/// Fields are kept as bytes so the importer can parse amounts and dates and bind text to SQLite
/// without making a `String` per cell; `string(_:)` makes one when a message or a key needs it.
struct CSVRecord {
    /// The physical line the record starts on (1-based).
    var line = 0
    /// The unescaped bytes of all fields, one after another.
    var storage: [UInt8] = []
    /// `ends[i]` is the end offset of field `i` in `storage`; field `i` starts at `ends[i-1]`.
    var ends: [Int] = []

    init() {
        storage.reserveCapacity(512)
        ends.reserveCapacity(16)
    }

    /// The number of fields.
    var count: Int { ends.count }

    /// The byte range of field `index`.
    @inline(__always) func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Whether field `index` is empty (or absent).
    @inline(__always) func isEmpty(_ index: Int) -> Bool {
        index < 0 || index >= ends.count || range(index).isEmpty
    }

    /// Field `index` as text (invalid UTF-8 is replaced; the importer checks validity itself).
    func string(_ index: Int) -> String {
        guard index >= 0, index < ends.count else { return "" }
        return String(decoding: storage[range(index)], as: UTF8.self)
    }

    /// Whether field `index` is valid UTF-8.
    func isValidUTF8(_ index: Int) -> Bool {
        guard index >= 0, index < ends.count else { return true }
        let r = range(index)
        var asciiOnly = true
        for i in r where storage[i] >= 0x80 { asciiOnly = false; break }
        if asciiOnly { return true }
        return String(validating: storage[r], as: UTF8.self) != nil
    }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends a field made of `bytes` (used by presets that derive records from other records).
    mutating func append<C: Collection>(field bytes: C) where C.Element == UInt8 {
        storage.append(contentsOf: bytes)
        ends.append(storage.count)
    }
}
