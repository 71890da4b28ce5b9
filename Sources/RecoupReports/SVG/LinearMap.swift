/// A linear map between data values and pixels along one axis.
///
/// `pixel(_:)` places a value; `value(atPixel:)` is its inverse, so a chart's coordinates can be
/// read back (tests do exactly that). The y axis maps upward: its `pixelLower` is the larger
/// pixel coordinate (the bottom of the plot).
public struct LinearMap: Sendable, Equatable {
    public let domainLower: Double
    public let domainUpper: Double
    public let pixelLower: Double
    public let pixelUpper: Double

    /// Maps `domainLower…domainUpper` onto `pixelLower…pixelUpper`. An empty domain is widened
    /// by 1 so the map stays invertible.
    public init(domain: (lower: Double, upper: Double), pixels: (lower: Double, upper: Double)) {
        domainLower = domain.lower
        domainUpper = domain.upper > domain.lower ? domain.upper : domain.lower + 1
        pixelLower = pixels.lower
        pixelUpper = pixels.upper
    }

    /// The pixel coordinate of `value`.
    public func pixel(_ value: Double) -> Double {
        pixelLower + (value - domainLower) / (domainUpper - domainLower) * (pixelUpper - pixelLower)
    }

    /// The value at pixel coordinate `pixel`.
    public func value(atPixel pixel: Double) -> Double {
        domainLower + (pixel - pixelLower) / (pixelUpper - pixelLower) * (domainUpper - domainLower)
    }
}
