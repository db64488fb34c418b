/// Turns JSON-with-comments (VS Code, Zed settings) into JSON: comments become spaces and trailing
/// commas are dropped, keeping every newline so line numbers in errors still match the file.
enum JSONC {
    /// The JSON text of a JSONC text.
    static func strip(_ text: String) -> String {
        var out: [UInt8] = []
        let b = Array(text.utf8)
        out.reserveCapacity(b.count)
        var i = 0
        var pendingComma: Int?  // index in `out` of a comma that may turn out to be trailing
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                pendingComma = nil
                out.append(c); i += 1
                while i < b.count {
                    let d = b[i]
                    out.append(d); i += 1
                    if d == UInt8(ascii: "\\"), i < b.count { out.append(b[i]); i += 1; continue }
                    if d == UInt8(ascii: "\"") { break }
                }
                continue
            }
            if c == UInt8(ascii: "/"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "/") {
                while i < b.count, b[i] != 0x0A { out.append(0x20); i += 1 }
                continue
            }
            if c == UInt8(ascii: "/"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "*") {
                out += [0x20, 0x20]; i += 2
                while i < b.count, !(b[i] == UInt8(ascii: "*") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "/")) {
                    out.append(b[i] == 0x0A ? 0x0A : 0x20); i += 1
                }
                if i < b.count { out += [0x20, 0x20]; i += 2 }
                continue
            }
            if c == UInt8(ascii: ",") { pendingComma = out.count; out.append(c); i += 1; continue }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                if let p = pendingComma { out[p] = 0x20 }
                pendingComma = nil
                out.append(c); i += 1
                continue
            }
            if ![0x20, 0x09, 0x0A, 0x0D].contains(c) { pendingComma = nil }
            out.append(c); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
