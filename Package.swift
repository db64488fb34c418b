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
        // Pipeline stages, one module each; imports point one way (DESIGN.md §2).
        .target(name: "TextOutput"),  // one UTF-8 buffer per output, one escaper per output language
        .target(name: "JSON", dependencies: ["TextOutput"]),
        .target(name: "MCPClient", dependencies: ["JSON"]),
        .target(name: "Risk", dependencies: ["JSON"]),
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
        .testTarget(name: "MCPClientTests", dependencies: ["MCPClient", "JSON", "TestSupport", "DemoServer"], exclude: ["Python"]),
        .testTarget(name: "RiskTests", dependencies: ["Risk", "JSON", "TestSupport"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "Risk", "JSON", "TestSupport", "DemoServer"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Risk", "JSON", "TestSupport", "TextOutput"], exclude: ["Golden", "Schemas"]),
        .testTarget(name: "CatalogueTests", dependencies: ["Catalogue", "MCPClient", "Risk", "JSON", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ScannerTests", dependencies: ["Scanner", "CLI", "MCPClient", "Risk", "Reports", "Policy", "Catalogue", "DemoServer", "JSON", "TestSupport"]),
    ]
)
