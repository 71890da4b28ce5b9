/// Colours for chart series that stay distinct for the common forms of colour blindness.
///
/// The colours are Okabe and Ito's eight-colour set ("Color Universal Design", 2008), ordered
/// so the first few are the most distinct on white and yellow (weak as a line on white) comes
/// late. Series beyond eight reuse colours; line charts add dash patterns and scatter charts
/// marker shapes so that no series is told apart by colour alone.
public enum ChartPalette {
    /// `#RRGGBB` colours in the order series use them.
    public static let colors: [String] = [
        "#0072B2",  // blue
        "#E69F00",  // orange
        "#009E73",  // bluish green
        "#D55E00",  // vermillion
        "#CC79A7",  // reddish purple
        "#56B4E9",  // sky blue
        "#000000",  // black
        "#F0E442",  // yellow
    ]

    /// The colour of series `index` (wrapping after eight).
    public static func color(_ index: Int) -> String {
        colors[((index % colors.count) + colors.count) % colors.count]
    }

    /// Colours for ordered categories from good to bad (aging buckets: current … over 120),
    /// green through blue and orange to vermillion and purple.
    public static let ordered: [String] = ["#009E73", "#56B4E9", "#0072B2", "#E69F00", "#D55E00", "#CC79A7"]

    /// SVG `stroke-dasharray` patterns for line series, in order (solid first).
    static let dashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3", "4 4", "1 5"]

    static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }

    /// Grey for axes, grid and secondary text.
    static let axis = "#444444"
    static let grid = "#E3E3E3"
    static let ink = "#1A1A1A"
}
