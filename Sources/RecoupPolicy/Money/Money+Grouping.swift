extension Money {
    /// The amount with two decimals and thousands separated by commas, for people:
    /// `1,234.50`, `-92,233,720,368,547,758.07`. Messages and report tables both use it.
    public var groupedDecimalString: String {
        let text = decimalString
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts[0])
        var grouped = ""
        for (k, c) in whole.enumerated() {
            if k > 0 && (whole.count - k) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (negative ? "-" : "") + grouped + "." + (parts.count > 1 ? String(parts[1]) : "00")
    }
}
