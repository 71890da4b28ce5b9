/// Plain input values for the charts: numbers with names, so any layer (the ledger's KPIs, the
/// simulator's projections, a notebook) can feed a chart without depending on the others.

/// A point estimate with an optional interval, as in SPEC §6 (`mean`, `lo`, `hi`).
public struct ChartEstimate: Sendable, Equatable {
    public var mean: Double
    /// The interval's lower end; nil when there is no interval.
    public var lo: Double?
    /// The interval's upper end; nil when there is no interval.
    public var hi: Double?

    public init(_ mean: Double, lo: Double? = nil, hi: Double? = nil) {
        self.mean = mean
        self.lo = lo
        self.hi = hi
    }

    /// Every finite number in the estimate (for fitting an axis).
    var extent: [Double] { [mean, lo, hi].compactMap { $0 }.filter(\.isFinite) }
}

/// An (x, y) pair in data units.
public struct ChartXY: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// One point of a scatter chart: x and y estimates, each with an optional interval, and an
/// optional label written next to it.
public struct ScatterPoint: Sendable, Equatable {
    public var label: String?
    public var x: ChartEstimate
    public var y: ChartEstimate
    public init(label: String? = nil, x: ChartEstimate, y: ChartEstimate) {
        self.label = label
        self.x = x
        self.y = y
    }
}

/// A named group of scatter points drawn in one colour and marker shape.
public struct ScatterSeries: Sendable, Equatable {
    public var name: String
    public var points: [ScatterPoint]
    public init(name: String, points: [ScatterPoint]) {
        self.name = name
        self.points = points
    }
}

/// A band around a line at one x: its lower and upper y.
public struct ChartBandPoint: Sendable, Equatable {
    public var x: Double
    public var lo: Double
    public var hi: Double
    public init(x: Double, lo: Double, hi: Double) {
        self.x = x
        self.lo = lo
        self.hi = hi
    }
}

/// A named line through points (drawn in the order given), with an optional shaded band.
public struct LineSeries: Sendable, Equatable {
    public var name: String
    public var points: [ChartXY]
    public var band: [ChartBandPoint]?
    public init(name: String, points: [ChartXY], band: [ChartBandPoint]? = nil) {
        self.name = name
        self.points = points
        self.band = band
    }
}

/// One layer of a stacked bar chart: a name and one value per category (missing values are 0;
/// negative and non-finite values are drawn as 0).
public struct BarSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]
    /// A `#RRGGBB` colour; nil uses the palette.
    public var color: String?
    public init(name: String, values: [Double], color: String? = nil) {
        self.name = name
        self.values = values
        self.color = color
    }
}
