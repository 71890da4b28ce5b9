import Testing
@testable import RecoupLedger

@Suite struct KeyMapTests {
    @Test func findsEveryKeyAcrossGrowth() {
        let map = KeyMap(capacity: 4)
        for i in 0..<10_000 { map.insert("INV\(i)", Int64(i), Int64(-i)) }
        #expect(map.count == 10_000)
        for i in stride(from: 0, to: 10_000, by: 7) {
            let entry = map.find("INV\(i)")
            #expect(entry.map { map.first($0) } == Int64(i))
            #expect(entry.map { map.second($0) } == Int64(-i))
        }
        #expect(map.find("INV10000") == nil)
        #expect(map.find("") == nil)
        // Lookup by a byte range of a larger buffer, as the importer does.
        let bytes = Array("x,INV42,y".utf8)
        #expect(map.find(bytes, 2..<7).map { map.first($0) } == 42)
        // Keys that are prefixes of each other stay distinct; the empty key is a key.
        map.insert("INV4", 1, 1)  // already present as i = 4: a second entry must not break lookups of others
        map.insert("", 7, 7)
        #expect(map.find("").map { map.first($0) } == 7)
        #expect(map.find("INV42").map { map.first($0) } == 42)
    }
}
