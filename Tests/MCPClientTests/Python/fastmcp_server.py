"""A small MCP server on the official Python SDK, for mcprisk's HTTP tests.

Usage: fastmcp_server.py --transport streamable-http|sse --port N [--token T] [--json-response]
                         [--tls CERT KEY]

Binds 127.0.0.1 only. Works with mcp 1.x (FastMCP) and mcp 2.x (MCPServer, FastMCP's new name).
With --token, every request must carry `Authorization: Bearer T`; others get the SDK's 401 with
WWW-Authenticate and protected resource metadata. With --tls (mcp 2.x), it serves HTTPS with that
certificate and key (uvicorn's TLS).
"""
import argparse
import sys

try:  # mcp 1.x
    from mcp.server.fastmcp import FastMCP as Server
    SDK_MAJOR = 1
except ModuleNotFoundError:  # mcp 2.x renamed FastMCP to MCPServer
    from mcp.server.mcpserver import MCPServer as Server
    SDK_MAJOR = 2

from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings


class StaticTokenVerifier:
    """Accepts exactly one token."""

    def __init__(self, token: str):
        self.token = token

    async def verify_token(self, token: str):
        if token == self.token:
            return AccessToken(token=token, client_id="mcprisk-test", scopes=["mcp:read"])
        return None


def build(args) -> "Server":
    kwargs = {}
    if args.token:
        kwargs["token_verifier"] = StaticTokenVerifier(args.token)
        kwargs["auth"] = AuthSettings(
            issuer_url="https://auth.example.com",
            resource_server_url=f"http://127.0.0.1:{args.port}/mcp",
            required_scopes=["mcp:read"],
        )
    if SDK_MAJOR == 1:
        kwargs.update(host="127.0.0.1", port=args.port, json_response=args.json_response)
    server = Server("python-fixture", instructions="A fixture server for mcprisk tests.", **kwargs)

    @server.tool()
    def read_file(path: str) -> str:
        """Read a text file from the workspace and return its contents."""
        return ""

    @server.tool()
    def delete_records(table: str, where: str) -> str:
        """Permanently delete every row of a table that matches a condition."""
        return ""

    @server.prompt()
    def summarize(text: str) -> str:
        """Summarize a text."""
        return f"Summarize: {text}"

    @server.resource("config://app")
    def app_config() -> str:
        """The application configuration."""
        return "{}"

    return server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transport", choices=["streamable-http", "sse"], required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token")
    parser.add_argument("--json-response", action="store_true")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    server = build(args)
    print(f"python-fixture sdk={SDK_MAJOR} transport={args.transport} port={args.port}", file=sys.stderr, flush=True)
    if args.tls:
        import uvicorn
        app = server.sse_app() if args.transport == "sse" else server.streamable_http_app(json_response=args.json_response)
        uvicorn.run(app, host="127.0.0.1", port=args.port, ssl_certfile=args.tls[0], ssl_keyfile=args.tls[1], log_level="warning")
    elif SDK_MAJOR == 1:
        server.run(transport=args.transport)
    elif args.transport == "sse":
        server.run(transport="sse", host="127.0.0.1", port=args.port)
    else:
        server.run(transport="streamable-http", host="127.0.0.1", port=args.port, json_response=args.json_response)


if __name__ == "__main__":
    main()
