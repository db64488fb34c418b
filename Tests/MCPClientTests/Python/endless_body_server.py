"""An HTTP server whose every answer is a body with no declared length, for measuring how much
memory an MCP client spends on it (`mcprisk scan http://127.0.0.1:PORT/mcp` under /usr/bin/time -v).

Usage: endless_body_server.py --port N [--mib 1024] [--kind json|sse-events|sse-one-event] [--tls CERT KEY]

json: `application/json`, then MIB MiB of spaces, then the connection closes (no Content-Length,
not chunked). sse-events: `text/event-stream` with small notification events without end.
sse-one-event: one `data:` line that never ends. Binds 127.0.0.1 only; one thread per connection.
With --tls, HTTPS with that certificate and key (`mcprisk scan https://…` with SSL_CERT_FILE=CERT).
"""
import argparse
import socket
import ssl
import threading


def serve(conn: socket.socket, mib: int, kind: str) -> None:
    try:
        conn.recv(65536)  # the request; its body is small
        media = "application/json" if kind == "json" else "text/event-stream"
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: {media}\r\nConnection: close\r\n\r\n".encode())
        if kind == "json":
            block = b" " * (1 << 20)
        elif kind == "sse-events":
            note = b'event: message\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"x"}}\n\n'
            block = note * ((1 << 20) // len(note))
        else:
            conn.sendall(b"data: ")
            block = b"x" * (1 << 20)
        for _ in range(mib):
            conn.sendall(block)
    except OSError:
        pass  # the client went away: that is the point
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mib", type=int, default=1024)
    parser.add_argument("--kind", choices=["json", "sse-events", "sse-one-event"], default="json")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    context = None
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(16)
    while True:
        conn, _ = listener.accept()
        if context:
            try:
                conn = context.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                conn.close()
                continue
        threading.Thread(target=serve, args=(conn, args.mib, args.kind), daemon=True).start()


if __name__ == "__main__":
    main()
