import ArgumentParser
import RecoupPolicy

/// `--tool-cost-per-month`: a price a month in the ledger's currency.
enum ToolCost {
    /// The amount; a malformed or negative one is bad usage (exit 2).
    static func parse(_ text: String) throws -> Money {
        let tool: Money
        do { tool = try Money(decimal: text) } catch {
            throw ValidationError("--tool-cost-per-month \(text): \(error); give an amount such as 250 or 99.50")
        }
        guard tool.minorUnits >= 0 else {
            throw ValidationError("--tool-cost-per-month \(text): a price cannot be negative; give an amount such as 250 or 99.50")
        }
        return tool
    }
}
