/// Whether `count` bytes at `a` and at `b` are equal (the import compares keys, words and
/// stored text with its CSV bytes without making strings).
@inline(__always) func bytesEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard count > 0 else { return true }
    guard let a, let b else { return false }
    for i in 0..<count where a[i] != b[i] { return false }
    return true
}

/// Whether `bytes[range]` equals `other`.
@inline(__always) func bytesEqual(_ bytes: [UInt8], _ range: Range<Int>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
    guard range.count == other.count else { return false }
    return bytes.withUnsafeBufferPointer { buffer in
        bytesEqual(buffer.baseAddress.map { $0 + range.lowerBound }, other.baseAddress, range.count)
    }
}
