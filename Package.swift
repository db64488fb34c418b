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
        .target(name: "JSON"),
        // What a server offers, as sent: read by the client, the rules, policies, reports and the catalogue.
        .target(name: "Definitions", dependencies: ["JSON"]),
        .target(name: "MCPClient", dependencies: ["JSON", "Definitions"]),
        .target(name: "Risk", dependencies: ["JSON", "Definitions"]),
        .target(name: "Policy", dependencies: ["JSON", "Risk"]),
        .target(name: "Reports", dependencies: ["JSON", "Risk"]),
        .target(name: "Catalogue", dependencies: ["JSON", "MCPClient", "Risk"]),
        .target(name: "DemoServer", dependencies: ["JSON"]),
        .target(name: "Scanner", dependencies: ["JSON", "MCPClient", "Risk", "Policy", "Reports", "Catalogue"]),
        .target(name: "CLI", dependencies: ["JSON", "MCPClient", "Risk", "Policy", "Reports", "Catalogue", "Scanner", "DemoServer"]),
        .executableTarget(name: "mcprisk", dependencies: ["CLI"]),
        // Speed and memory of the offline stages; run with `swift run -c release mcprisk-bench`.
        .executableTarget(name: "mcprisk-bench", dependencies: ["JSON", "MCPClient", "Risk", "Policy", "Reports", "Scanner"], path: "Benchmarks"),

        // Test helpers and hostile fixture servers.
        .target(name: "TestSupport", dependencies: ["JSON", "MCPClient"], path: "Tests/TestSupport"),
        .executableTarget(name: "mcprisk-fixture-server", dependencies: ["JSON"], path: "Tests/FixtureServer"),

        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .testTarget(name: "MCPClientTests", dependencies: ["Definitions", "MCPClient", "JSON", "TestSupport", "DemoServer"], exclude: ["Python"]),
        .testTarget(name: "RiskTests", dependencies: ["Definitions", "Risk", "JSON", "TestSupport"]),
        .testTarget(name: "PolicyTests", dependencies: ["Definitions", "Policy", "Risk", "JSON", "TestSupport", "DemoServer"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Risk", "JSON", "TestSupport"], exclude: ["Golden", "Schemas"]),
        .testTarget(name: "CatalogueTests", dependencies: ["Definitions", "Catalogue", "MCPClient", "Risk", "JSON", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ScannerTests", dependencies: ["Definitions", "Scanner", "CLI", "MCPClient", "Risk", "Reports", "Policy", "Catalogue", "DemoServer", "JSON", "TestSupport"]),
    ]
)
