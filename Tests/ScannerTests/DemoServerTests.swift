import DemoServer
import JSON
import Testing

struct DemoServerTests {
    func request(_ server: DemoServer, _ method: String, _ params: JSONValue = [:], id: Int = 1) -> JSONValue? {
        server.handle(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
    }

    @Test func servesEveryToolAcrossPagesWithCursors() throws {
        let server = DemoServer()
        var names: [String] = []
        var cursor: JSONValue?
        var pages = 0
        repeat {
            let reply = try #require(request(server, "tools/list", cursor.map { ["cursor": $0] } ?? [:]))
            names += reply["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            cursor = reply["result"]?["nextCursor"]
            pages += 1
        } while cursor != nil
        #expect(names.count == 26)
        #expect(pages == 3)
        #expect(Set(names).count == names.count)
        #expect(server.tools.allSatisfy { $0["inputSchema"]?["type"] == "object" && $0["description"]?.stringValue != nil })
    }

    @Test func negotiatesVersionsAndRejectsUnknownMethodsAndCursors() throws {
        let server = DemoServer()
        #expect(request(server, "initialize", ["protocolVersion": "2024-11-05"])?["result"]?["protocolVersion"] == "2024-11-05")
        #expect(request(server, "initialize", ["protocolVersion": "2099-01-01"])?["result"]?["protocolVersion"] == "2025-11-25")
        #expect(request(server, "sampling/createMessage")?["error"]?["code"] == -32601)
        #expect(request(server, "tools/list", ["cursor": "bogus"])?["error"]?["code"] == -32602)
        #expect(server.handle(["jsonrpc": "2.0", "method": "notifications/initialized"]) == nil)
        #expect(request(server, "ping")?["result"] == [:])
    }

    @Test func variantsShowASilentUpdate() throws {
        let full = DemoServer(variant: .full).tools.compactMap { $0["name"]?.stringValue }
        let changed = DemoServer(variant: .changed).tools.compactMap { $0["name"]?.stringValue }
        #expect(changed.contains("list_customer_invoices") && !changed.contains("list_invoices"))
        #expect(Set(full).subtracting(changed) == ["list_invoices"])
        #expect(DemoServer(variant: .minimal).tools.count == 7)
        #expect(request(DemoServer(variant: .minimal), "prompts/list")?["result"]?["prompts"] == [])
    }
}
