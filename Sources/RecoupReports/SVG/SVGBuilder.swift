/// Accumulates SVG elements as text, with every number and string written deterministically.
///
/// Internal to the charts: each chart lays out its parts and calls these methods; `document`
/// wraps them in the `<svg>` root. Attribute values and text are escaped here, so chart code
/// never builds markup by hand.
struct SVGBuilder {
    let width: Double
    let height: Double
    private(set) var body: [String] = []
    private var depth = 1

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// An attribute list: `(name, value)` pairs, values escaped, in the given order.
    typealias Attributes = [(String, String)]

    static func number(_ value: Double) -> String { ChartNumberFormat.coordinate(value) }

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(XMLEscaping.attribute($0.1))\"" }.joined()
    }

    private mutating func emit(_ line: String) {
        body.append(String(repeating: "  ", count: depth) + line)
    }

    mutating func element(_ name: String, _ attributes: Attributes) {
        emit("<\(name)\(SVGBuilder.render(attributes))/>")
    }

    mutating func text(_ content: String, _ attributes: Attributes) {
        emit("<text\(SVGBuilder.render(attributes))>\(XMLEscaping.text(content))</text>")
    }

    /// A text of several lines, the first with its baseline at `y`, each later one `lineHeight`
    /// below (one `tspan` per line). A single line is a plain `text` element.
    mutating func textLines(_ lines: [String], x: Double, y: Double, lineHeight: Double, _ attributes: Attributes) {
        let position: Attributes = [("x", Self.number(x)), ("y", Self.number(y))]
        guard lines.count > 1 else {
            text(lines.first ?? "", position + attributes)
            return
        }
        let spans = lines.enumerated().map { index, line in
            "<tspan x=\"\(Self.number(x))\" dy=\"\(index == 0 ? "0" : Self.number(lineHeight))\">\(XMLEscaping.text(line))</tspan>"
        }.joined()
        emit("<text\(SVGBuilder.render(position + attributes))>\(spans)</text>")
    }

    mutating func title(_ content: String) {
        emit("<title>\(XMLEscaping.text(content))</title>")
    }

    mutating func openGroup(_ attributes: Attributes) {
        emit("<g\(SVGBuilder.render(attributes))>")
        depth += 1
    }

    mutating func closeGroup() {
        depth -= 1
        emit("</g>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, _ extra: Attributes = []) {
        element("line", [("x1", Self.number(x1)), ("y1", Self.number(y1)),
                         ("x2", Self.number(x2)), ("y2", Self.number(y2))] + extra)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, _ extra: Attributes = []) {
        element("rect", [("x", Self.number(x)), ("y", Self.number(y)),
                         ("width", Self.number(max(0, width))), ("height", Self.number(max(0, height)))] + extra)
    }

    mutating func circle(cx: Double, cy: Double, r: Double, _ extra: Attributes = []) {
        element("circle", [("cx", Self.number(cx)), ("cy", Self.number(cy)), ("r", Self.number(r))] + extra)
    }

    /// A polyline (`closed == false`) or polygon through `points`, in pixels.
    mutating func path(_ points: [(x: Double, y: Double)], closed: Bool, _ extra: Attributes) {
        guard !points.isEmpty else { return }
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        element(closed ? "polygon" : "polyline", [("points", list)] + extra)
    }

    /// The complete document: an `<svg>` root with the namespace, size, view box and an
    /// accessible title, then the body. Ends with a line break.
    func document(title: String, description: String?) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        out += " viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\""
        out += " aria-label=\"\(XMLEscaping.attribute(title))\""
        out += " font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n"
        out += "  <title>\(XMLEscaping.text(title))</title>\n"
        if let description { out += "  <desc>\(XMLEscaping.text(description))</desc>\n" }
        out += body.joined(separator: "\n")
        if !body.isEmpty { out += "\n" }
        out += "</svg>\n"
        return out
    }
}
