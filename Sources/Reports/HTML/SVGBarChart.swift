import TextOutput

/// A horizontal bar chart as inline SVG: one labelled bar per row with its count. Labels are our own
/// vocabulary words, escaped anyway; counts are numbers.
struct SVGBarChart {
    /// One bar.
    struct Bar {
        var label: String
        var count: Int
        var color: String
    }

    var title: String
    var bars: [Bar]

    private let rowHeight = 30
    private let labelWidth = 84
    private let barSpace = 190
    private let width = 310

    /// The `<svg>` element.
    var svg: String {
        let height = bars.count * rowHeight + 6
        let maxCount = max(1, bars.map(\.count).max() ?? 1)
        let summary = bars.map { "\($0.label) \($0.count)" }.joined(separator: ", ")
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
            + "aria-label=\"\(HTMLEscaper.attribute(title + ": " + summary))\">"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 4
            let length = bar.count == 0 ? 0 : max(4, bar.count * barSpace / maxCount)
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" class=\"chart-label\">\(HTMLEscaper.text(bar.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(barSpace)\" height=\"22\" rx=\"4\" class=\"chart-track\"/>"
            if length > 0 {
                out += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"22\" rx=\"4\" fill=\"\(bar.color)\"/>"
            }
            out += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 16)\" class=\"chart-count\">\(bar.count)</text>"
        }
        return out + "</svg>"
    }
}
