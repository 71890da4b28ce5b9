import Foundation

/// Reading standard base64 (RFC 4648 §4, with padding) in keys and signatures. Writing it is
/// `Data.base64EncodedString()`, in RecoupPolicyAuthoring.
enum Base64 {
    /// The bytes of `text`, or `nil` if it is not canonical padded base64.
    static func decode(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let bytes = [UInt8](data)
        // Refuse non-canonical encodings (unused bits set), so a signature has one spelling.
        guard Data(bytes).base64EncodedString() == text else { return nil }
        return bytes
    }
}
