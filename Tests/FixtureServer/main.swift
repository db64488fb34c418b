#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

// mcprisk-fixture-server MODE: a deliberately misbehaving stdio MCP server for the client tests.
// Each mode misbehaves in one way; see Modes.swift.

let arguments = CommandLine.arguments
guard arguments.count >= 2, let mode = Modes.all[arguments[1]] else {
    FixtureIO.log("usage: mcprisk-fixture-server MODE\nmodes: \(Modes.all.keys.sorted().joined(separator: " "))")
    exit(64)
}
mode(Array(arguments.dropFirst(2)))
