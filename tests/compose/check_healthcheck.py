#!/usr/bin/env python3
"""docker/healthcheck.sh, the containers' health probe, against a local HTTP server: healthy
only when GET /healthz answers 200, on the port of OPS_ADDR (or of its argument)."""

import http.server
import os
import socket
import subprocess
import sys
import threading

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../docker/healthcheck.sh")


class Handler(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):  # noqa: N802 (the http.server API)
        code = self.status if self.path == "/healthz" else 404
        self.send_response(code)
        self.end_headers()
        self.wfile.write(b"ok" if code == 200 else b"no")

    def log_message(self, *args):
        pass


def probe(ops_addr, *args):
    env = {**os.environ, "OPS_ADDR": ops_addr} if ops_addr else {
        k: v for k, v in os.environ.items() if k != "OPS_ADDR"}
    return subprocess.run(["bash", SCRIPT, *args], env=env, capture_output=True, text=True,
                          timeout=10).returncode


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    failures = []

    def expect(name, got, healthy):
        ok = (got == 0) == healthy
        print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {got}")
        if not ok:
            failures.append(name)

    expect("200 on wildcard OPS_ADDR", probe(f"0.0.0.0:{port}"), True)
    expect("200 on loopback OPS_ADDR", probe(f"127.0.0.1:{port}"), True)
    expect("address as argument", probe(None, f"0.0.0.0:{port}"), True)
    Handler.status = 503
    expect("503 is unhealthy", probe(f"0.0.0.0:{port}"), False)
    expect("nothing listening", probe(f"0.0.0.0:{free_port()}"), False)
    expect("OPS_ADDR unset", probe(None), False)
    server.shutdown()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
