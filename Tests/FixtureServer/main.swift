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
// A test that must know the server is up (not merely spawned) names a file for it to create.
if let ready = getenv("MCPRISK_FIXTURE_READY_FILE") {
    let fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd >= 0 { _ = write(fd, "\(getpid())\n", "\(getpid())\n".utf8.count); close(fd) }
}
mode(Array(arguments.dropFirst(2)))
