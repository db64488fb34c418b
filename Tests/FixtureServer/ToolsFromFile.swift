#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

/// `tools-from FILE`: serves the tools listed in a JSON file (an array of tool objects), read once at
/// start. Rewriting the file between two runs is a server that updated itself: what `verify` must catch.
enum ToolsFromFile {
    static func run(path: String?) -> Never {
        guard let path, let file = fopen(path, "rb") else {
            FixtureIO.log("tools-from: cannot open \(path ?? "(no file given)")")
            exit(66)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        fclose(file)
        guard let tools = (try? JSONValue(parsing: bytes))?.arrayValue else {
            FixtureIO.log("tools-from: \(path) is not a JSON array of tools")
            exit(65)
        }
        serve { Catalogue.standard($0, name: "fixture-updating", tools: [tools]) }
    }
}
