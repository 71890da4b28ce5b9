import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@testable import RecoupReports

/// Parses chart output with Foundation's XML parser (a real, validating-for-well-formedness
/// parser) and gives tests the elements with their attributes and text.
struct ParsedXML {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    }

    var elements: [Element] = []
    var root: String? { elements.first?.name }

    /// Throws when `xml` is not well-formed.
    init(_ xml: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw ParseFailure(message: parser.parserError.map { String(describing: $0) } ?? "unknown")
        }
        elements = delegate.elements
    }

    struct ParseFailure: Error { var message: String }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { element in
            element.name == name && (className.map { element.attributes["class"] == $0 } ?? true)
        }
    }

    /// A linear map recovered from tick labels: pairs (pixel, value) from `tick-x-label` or
    /// `tick-y-label` texts.
    func axis(_ axis: String) -> (pixel: Double, value: Double, pixel2: Double, value2: Double)? {
        let labels = all("text", class: "tick-\(axis)-label")
        guard labels.count >= 2 else { return nil }
        func parse(_ e: Element) -> (Double, Double)? {
            let position = axis == "x" ? e.number("x") : e.number("y").map { $0 - 4 }  // labels sit 4 px below the tick
            guard let position, let value = Double(e.text.replacingOccurrences(of: ",", with: "")) else { return nil }
            return (position, value)
        }
        guard let first = labels.first.flatMap(parse), let last = labels.last.flatMap(parse) else { return nil }
        return (first.0, first.1, last.0, last.1)
    }

    /// The data value at `pixel` along `axis`, read from the drawn tick labels.
    func value(atPixel pixel: Double, axis: String) -> Double? {
        guard let a = self.axis(axis) else { return nil }
        return a.value + (pixel - a.pixel) / (a.pixel2 - a.pixel) * (a.value2 - a.value)
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            stack.append(elements.count)
            elements.append(Element(name: elementName, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Text counts for every open element, so a `text` with `tspan` lines reads whole.
            for index in stack { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            stack.removeLast()
        }
    }
}
