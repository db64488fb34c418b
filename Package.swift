// swift-tools-version:6.0
// mcprisk: scans MCP servers and grades what their tools can do. No package dependencies by design.
import PackageDescription

let package = Package(
    name: "mcprisk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mcprisk", targets: ["mcprisk"]),
    ],
    targets: [
        // Pipeline stages, one module each; imports point one way (docs/architecture.md). Every
        // dependency listed is imported: an edge nobody uses is a layering claim nobody checks.
        // Under them all, one UTF-8 output buffer and one escaper per output language.
        .target(name: "TextOutput"),
        .target(name: "JSON", dependencies: ["TextOutput"]),
        // What a server offers, as sent: read by the client, the rules, policies, reports and the catalogue.
        .target(name: "Definitions", dependencies: ["JSON"]),
        .target(name: "MCPClient", dependencies: ["JSON", "Definitions"]),
        .target(name: "Risk", dependencies: ["JSON", "Definitions"]),
        .target(name: "Policy", dependencies: ["JSON", "Risk", "TextOutput"]),
        .target(name: "Reports", dependencies: ["JSON", "Risk", "TextOutput"]),
        .target(name: "Catalogue", dependencies: ["JSON", "MCPClient", "Risk", "TextOutput"]),
        .target(name: "DemoServer", dependencies: ["JSON"]),
        .target(name: "Scanner", dependencies: ["JSON", "MCPClient", "Risk", "Policy", "Reports", "Catalogue"]),
        .target(name: "CLI", dependencies: ["JSON", "MCPClient", "Risk", "Policy", "Reports", "Catalogue", "Scanner", "DemoServer", "TextOutput"]),
        .executableTarget(name: "mcprisk", dependencies: ["CLI"]),
        // Speed and memory of the offline stages; run with `swift run -c release mcprisk-bench`.
        .executableTarget(name: "mcprisk-bench", dependencies: ["JSON", "MCPClient", "Risk", "Policy", "Reports", "Scanner"], path: "Benchmarks",
                          exclude: ["scripts"]),

        // Test helpers and hostile fixture servers.
        .target(name: "TestSupport", dependencies: ["JSON", "MCPClient"], path: "Tests/TestSupport"),
        .executableTarget(name: "mcprisk-fixture-server", dependencies: ["JSON"], path: "Tests/FixtureServer"),

        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .testTarget(name: "MCPClientTests", dependencies: ["Definitions", "MCPClient", "JSON", "TestSupport", "DemoServer"], exclude: ["Python"]),
        .testTarget(name: "RiskTests", dependencies: ["Definitions", "Risk", "JSON", "TestSupport"]),
        .testTarget(name: "PolicyTests", dependencies: ["Definitions", "Policy", "Risk", "JSON", "TestSupport", "DemoServer"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Risk", "JSON", "TestSupport", "TextOutput"], exclude: ["Golden", "Schemas"]),
        .testTarget(name: "CatalogueTests", dependencies: ["Definitions", "Catalogue", "MCPClient", "Risk", "JSON", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ScannerTests", dependencies: ["Scanner", "CLI", "DemoServer", "JSON", "Policy", "Reports", "Risk", "TestSupport"]),
    ]
)
